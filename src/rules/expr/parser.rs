//! The parser: tokens → the syntax tree, by recursive descent. It owns the tree's
//! shape ([`Node`]), precedence, the number/boolean type check, and every parse
//! error but the lexer's. Nodes live in one vector and point at each other by
//! index, so a parsed assertion is a few flat allocations and is `Send + Sync`.
//!
//! Precedence, low to high: `or`, `and`, `not`, comparisons (which do not chain),
//! `+ -`, `* /`, unary `-`, then literals, references, calls and parentheses.

use std::collections::HashMap;

use super::lexer::{CompareOp, Keyword, Token, TokenKind, tokenize};
use super::{ExprError, Reference};
use crate::interval::Interval;

/// How deep parentheses, operators and calls may nest. Real assertions stay far
/// below; the limit keeps parsing and evaluation from overflowing the stack on
/// hostile input.
pub(super) const MAX_DEPTH: usize = 64;

pub(super) type NodeId = usize;

/// A node of the tree, with the byte span of its source text.
#[derive(Debug, Clone)]
pub(super) struct Node {
    pub kind: NodeKind,
    pub start: usize,
    pub end: usize,
    /// The height of the subtree under it, 1 for a leaf.
    depth: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Arithmetic {
    Add,
    Subtract,
    Multiply,
    Divide,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Function {
    Abs,
    Min,
    Max,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Tolerance {
    /// A share of the expected side's magnitude: `5%` is 0.05.
    Share(f64),
    /// An amount, with its unit if one was written.
    Amount(f64, Option<String>),
}

#[derive(Debug, Clone)]
pub(super) enum NodeKind {
    Literal {
        value: f64,
        unit: Option<String>,
    },
    /// A use of a name; `slot` indexes the expression's distinct (name, field) pairs.
    Reference {
        slot: usize,
    },
    Negate(NodeId),
    Arithmetic {
        op: Arithmetic,
        left: NodeId,
        right: NodeId,
    },
    Call {
        function: Function,
        args: Vec<NodeId>,
    },
    Round {
        value: NodeId,
        digits: i32,
    },
    Compare {
        op: CompareOp,
        left: NodeId,
        right: NodeId,
        tolerance: Option<Tolerance>,
    },
    Not(NodeId),
    And(NodeId, NodeId),
    Or(NodeId, NodeId),
}

impl NodeKind {
    fn is_boolean(&self) -> bool {
        matches!(self, NodeKind::Compare { .. } | NodeKind::Not(_) | NodeKind::And(..) | NodeKind::Or(..))
    }
}

/// What parsing yields: the tree, its root, and the names it uses.
#[derive(Debug, Clone)]
pub(super) struct Tree {
    pub nodes: Vec<Node>,
    pub root: NodeId,
    pub references: Vec<Reference>,
    /// The units written after numbers (`10 MB`), with their offsets.
    pub units: Vec<(String, usize)>,
    /// The distinct (name, field) pairs, each looked up once per evaluation.
    pub slots: Vec<(String, Option<String>)>,
}

pub(super) fn parse(text: &str) -> Result<Tree, ExprError> {
    let tokens = tokenize(text)?;
    let mut parser = Parser {
        text,
        tokens,
        at: 0,
        nesting: 0,
        nodes: Vec::new(),
        references: Vec::new(),
        units: Vec::new(),
        slots: Vec::new(),
        slot_of: HashMap::new(),
    };
    let first = parser.peek();
    if first.kind == TokenKind::End {
        return Err(ExprError::new(first.start, "empty assertion; write a comparison such as `total == a + b`"));
    }
    let root = parser.or()?;
    let next = parser.peek();
    if next.kind == TokenKind::CloseParen {
        return Err(ExprError::new(next.start, "unexpected `)`: it closes no `(`"));
    }
    if next.kind != TokenKind::End {
        return Err(parser.unexpected(next, "an operator such as `+`, `==` or `and`"));
    }
    if !parser.nodes[root].kind.is_boolean() {
        return Err(ExprError::new(first.start, "an assertion must compare, e.g. `total == a + b`"));
    }
    Ok(Tree { nodes: parser.nodes, root, references: parser.references, units: parser.units, slots: parser.slots })
}

struct Parser<'t> {
    text: &'t str,
    tokens: Vec<Token>,
    at: usize,
    /// How many parentheses, calls, `not`s and unary minuses enclose the current token.
    nesting: usize,
    nodes: Vec<Node>,
    references: Vec<Reference>,
    units: Vec<(String, usize)>,
    slots: Vec<(String, Option<String>)>,
    /// Each distinct (name, field)'s slot, so that a long assertion is not parsed in quadratic time.
    slot_of: HashMap<(&'t str, Option<&'t str>), usize>,
}

impl<'t> Parser<'t> {
    fn peek(&self) -> Token {
        self.tokens[self.at]
    }

    fn peek_kind(&self) -> TokenKind {
        self.tokens[self.at].kind
    }

    /// The current token, moving past it (never past the end).
    fn advance(&mut self) -> Token {
        let token = self.tokens[self.at];
        if token.kind != TokenKind::End {
            self.at += 1;
        }
        token
    }

    fn source(&self, token: Token) -> &'t str {
        &self.text[token.start..token.end]
    }

    fn node_text(&self, id: NodeId) -> &'t str {
        &self.text[self.nodes[id].start..self.nodes[id].end]
    }

    fn add(&mut self, kind: NodeKind, start: usize, end: usize, children: &[NodeId]) -> Result<NodeId, ExprError> {
        let depth = 1 + children.iter().map(|&c| self.nodes[c].depth).max().unwrap_or(0);
        if depth > MAX_DEPTH {
            return Err(too_deep(start));
        }
        self.nodes.push(Node { kind, start, end, depth });
        Ok(self.nodes.len() - 1)
    }

    /// Enters one more level of nesting at `token`, refusing past [`MAX_DEPTH`].
    fn enter(&mut self, token: Token) -> Result<(), ExprError> {
        self.nesting += 1;
        if self.nesting > MAX_DEPTH { Err(too_deep(token.start)) } else { Ok(()) }
    }

    /// The error for a token found where `expected` should be.
    fn unexpected(&self, token: Token, expected: &str) -> ExprError {
        if token.kind == TokenKind::Percent {
            return ExprError::new(token.start, "`%` must follow a number, as in `5%`");
        }
        // Only called after a value was read, so there is a previous token.
        let previous = self.source(self.tokens[self.at.saturating_sub(1)]);
        let found = self.source(token);
        ExprError::new(token.start, format!("unexpected `{found}` after `{previous}`; expected {expected}"))
    }

    fn or(&mut self) -> Result<NodeId, ExprError> {
        let mut left = self.and()?;
        while self.peek_kind() == TokenKind::Keyword(Keyword::Or) {
            let op = self.advance();
            let right = self.and()?;
            self.expect_boolean(left, op)?;
            self.expect_boolean(right, op)?;
            left =
                self.add(NodeKind::Or(left, right), self.nodes[left].start, self.nodes[right].end, &[left, right])?;
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<NodeId, ExprError> {
        let mut left = self.not()?;
        while self.peek_kind() == TokenKind::Keyword(Keyword::And) {
            let op = self.advance();
            let right = self.not()?;
            self.expect_boolean(left, op)?;
            self.expect_boolean(right, op)?;
            left =
                self.add(NodeKind::And(left, right), self.nodes[left].start, self.nodes[right].end, &[left, right])?;
        }
        Ok(left)
    }

    fn not(&mut self) -> Result<NodeId, ExprError> {
        if self.peek_kind() != TokenKind::Keyword(Keyword::Not) {
            return self.comparison();
        }
        let op = self.advance();
        self.enter(op)?;
        let operand = self.not()?;
        self.nesting -= 1;
        self.expect_boolean(operand, op)?;
        self.add(NodeKind::Not(operand), op.start, self.nodes[operand].end, &[operand])
    }

    fn comparison(&mut self) -> Result<NodeId, ExprError> {
        let left = self.sum()?;
        let TokenKind::Compare(op) = self.peek_kind() else { return Ok(left) };
        let op_token = self.advance();
        let right = self.sum()?;
        self.expect_number(left, op_token)?;
        self.expect_number(right, op_token)?;
        let within = self.peek();
        let tolerance = match (op, within.kind) {
            (CompareOp::About, TokenKind::Keyword(Keyword::Within)) => Some(self.tolerance()?),
            (CompareOp::About, _) => {
                return Err(ExprError::new(op_token.start, "`~=` needs a tolerance: `a ~= b within 5%`"));
            }
            (_, TokenKind::Keyword(Keyword::Within)) => {
                return Err(ExprError::new(
                    within.start,
                    format!(
                        "`within` only follows `~=`: write `a ~= b within 5%`, not `a {} b within ...`",
                        op.symbol()
                    ),
                ));
            }
            _ => None,
        };
        let end = self.tokens[self.at - 1].end;
        let start = self.nodes[left].start;
        let compare = self.add(NodeKind::Compare { op, left, right, tolerance }, start, end, &[left, right])?;
        if let TokenKind::Compare(second) = self.peek_kind() {
            return Err(self.chained(left, op, right, second));
        }
        Ok(compare)
    }

    /// The error for `a < b < c`, quoting the actual operands when the third parses.
    fn chained(&mut self, left: NodeId, first: CompareOp, middle: NodeId, second: CompareOp) -> ExprError {
        let second_token = self.advance();
        let (a, b) = (self.node_text(left), self.node_text(middle));
        let (a, b, c) = match self.sum() {
            Ok(right) => (a, b, self.node_text(right)),
            Err(_) => ("a", "b", "c"),
        };
        let (op1, op2) = (first.symbol(), second.symbol());
        ExprError::new(
            second_token.start,
            format!("`{a} {op1} {b} {op2} {c}`: comparisons do not chain; write `{a} {op1} {b} and {b} {op2} {c}`"),
        )
    }

    /// After `within`: a number with `%` or an optional unit.
    fn tolerance(&mut self) -> Result<Tolerance, ExprError> {
        let within = self.advance();
        let token = self.peek();
        let TokenKind::Number(amount) = token.kind else {
            let message = "expected a tolerance after `within`, such as `5%` or `2 MB`";
            return Err(ExprError::new(if token.kind == TokenKind::End { within.end } else { token.start }, message));
        };
        self.advance();
        match self.peek_kind() {
            TokenKind::Percent => {
                self.advance();
                Ok(Tolerance::Share(amount / 100.0))
            }
            TokenKind::Name => {
                let unit = self.advance();
                Ok(Tolerance::Amount(amount, Some(self.source(unit).to_string())))
            }
            _ => Ok(Tolerance::Amount(amount, None)),
        }
    }

    fn sum(&mut self) -> Result<NodeId, ExprError> {
        let mut left = self.product()?;
        loop {
            let op = match self.peek_kind() {
                TokenKind::Plus => Arithmetic::Add,
                TokenKind::Minus => Arithmetic::Subtract,
                _ => return Ok(left),
            };
            left = self.arithmetic(left, op, Parser::product)?;
        }
    }

    fn product(&mut self) -> Result<NodeId, ExprError> {
        let mut left = self.unary()?;
        loop {
            let op = match self.peek_kind() {
                TokenKind::Star => Arithmetic::Multiply,
                TokenKind::Slash => Arithmetic::Divide,
                _ => return Ok(left),
            };
            left = self.arithmetic(left, op, Parser::unary)?;
        }
    }

    /// `left op right`, with the operator as the current token and `operand` parsing the right side.
    fn arithmetic(
        &mut self,
        left: NodeId,
        op: Arithmetic,
        operand: fn(&mut Self) -> Result<NodeId, ExprError>,
    ) -> Result<NodeId, ExprError> {
        let op_token = self.advance();
        let right = operand(self)?;
        self.expect_number(left, op_token)?;
        self.expect_number(right, op_token)?;
        // A quotient by zero is any value at all, so every comparison using it
        // "may be true" and the rule would load and never report: refuse it here.
        if op == Arithmetic::Divide && self.constant(right).is_some_and(|c| c.lo == 0.0 && c.hi == 0.0) {
            let divisor = self.node_text(right);
            let what = match self.nodes[right].kind {
                NodeKind::Literal { .. } => format!("division by `{divisor}`"),
                _ => format!("division by `{divisor}`, which is always 0"),
            };
            return Err(ExprError::new(
                self.nodes[right].start,
                format!("{what}: the rule could never report; divide by a value that is not zero"),
            ));
        }
        let (start, end) = (self.nodes[left].start, self.nodes[right].end);
        self.add(NodeKind::Arithmetic { op, left, right }, start, end, &[left, right])
    }

    fn unary(&mut self) -> Result<NodeId, ExprError> {
        if self.peek_kind() != TokenKind::Minus {
            return self.primary();
        }
        let minus = self.advance();
        // `-5` is a literal, not a computation.
        if let TokenKind::Number(_) = self.peek_kind() {
            let literal = self.literal()?;
            let node = &mut self.nodes[literal];
            if let NodeKind::Literal { value, .. } = &mut node.kind {
                *value = -*value;
            }
            node.start = minus.start;
            return Ok(literal);
        }
        self.enter(minus)?;
        let operand = self.unary()?;
        self.nesting -= 1;
        self.expect_number(operand, minus)?;
        self.add(NodeKind::Negate(operand), minus.start, self.nodes[operand].end, &[operand])
    }

    fn primary(&mut self) -> Result<NodeId, ExprError> {
        let token = self.peek();
        match token.kind {
            TokenKind::Number(_) => self.literal(),
            TokenKind::Name if self.tokens[self.at + 1].kind == TokenKind::OpenParen => self.call(),
            TokenKind::Name => self.reference(),
            TokenKind::OpenParen => {
                let open = self.advance();
                self.enter(open)?;
                let inner = self.or()?;
                self.nesting -= 1;
                let close = self.peek();
                match close.kind {
                    TokenKind::CloseParen => {}
                    TokenKind::End => return Err(ExprError::new(open.start, "unclosed `(` opened here")),
                    _ => return Err(self.unexpected(close, "an operator or `)`")),
                }
                self.advance();
                // The span takes in the parentheses, so that `(a + b) * c` quotes as written.
                self.nodes[inner].start = open.start;
                self.nodes[inner].end = close.end;
                Ok(inner)
            }
            _ => Err(self.missing_value(token)),
        }
    }

    /// The error for a token found where a value should start.
    fn missing_value(&self, token: Token) -> ExprError {
        if token.kind == TokenKind::Percent {
            return ExprError::new(token.start, "`%` must follow a number, as in `5%`");
        }
        let Some(&previous) = self.at.checked_sub(1).and_then(|i| self.tokens.get(i)) else {
            return match token.kind {
                TokenKind::CloseParen => ExprError::new(token.start, "unexpected `)`: it closes no `(`"),
                _ => ExprError::new(
                    token.start,
                    format!("an assertion starts with a value, not `{}`", self.source(token)),
                ),
            };
        };
        let after = self.source(previous);
        if token.kind == TokenKind::End {
            ExprError::new(previous.end, format!("expected a value after `{after}`"))
        } else {
            ExprError::new(token.start, format!("expected a value after `{after}`, found `{}`", self.source(token)))
        }
    }

    /// A number, with `%` (a share: `5%` is 0.05) or a unit name after it.
    fn literal(&mut self) -> Result<NodeId, ExprError> {
        let token = self.advance();
        let TokenKind::Number(number) = token.kind else { unreachable!("literal() is called on a number") };
        let (value, unit, end) = match self.peek_kind() {
            TokenKind::Percent => (number / 100.0, None, self.advance().end),
            TokenKind::Name => {
                let unit = self.advance();
                self.units.push((self.source(unit).to_string(), unit.start));
                (number, Some(self.source(unit).to_string()), unit.end)
            }
            _ => (number, None, token.end),
        };
        self.add(NodeKind::Literal { value, unit }, token.start, end, &[])
    }

    /// `name` or `name.field`.
    fn reference(&mut self) -> Result<NodeId, ExprError> {
        let name = self.advance();
        let mut end = name.end;
        let mut field: Option<&'t str> = None;
        if self.peek_kind() == TokenKind::Dot {
            let dot = self.advance();
            let field_token = self.peek();
            if field_token.kind != TokenKind::Name {
                let at = if field_token.kind == TokenKind::End { dot.end } else { field_token.start };
                return Err(ExprError::new(at, "expected a field name after `.`, as in `a.period`"));
            }
            self.advance();
            if self.peek_kind() == TokenKind::Dot {
                let second = self.peek();
                return Err(ExprError::new(
                    second.start,
                    format!("a reference has at most one field, as in `{}`", &self.text[name.start..field_token.end]),
                ));
            }
            field = Some(self.source(field_token));
            end = field_token.end;
        }
        let name_text = self.source(name);
        let next_slot = self.slots.len();
        let slot = *self.slot_of.entry((name_text, field)).or_insert(next_slot);
        if slot == next_slot {
            self.slots.push((name_text.to_string(), field.map(str::to_string)));
        }
        let field = field.map(str::to_string);
        self.references.push(Reference { name: name_text.to_string(), field, offset: name.start });
        self.add(NodeKind::Reference { slot }, name.start, end, &[])
    }

    /// `abs(x)`, `min(x, y, ...)`, `max(x, y, ...)`, `round(x)`, `round(x, digits)`.
    fn call(&mut self) -> Result<NodeId, ExprError> {
        let name = self.advance();
        let function_name = self.source(name);
        let function = match function_name {
            "abs" => Some(Function::Abs),
            "min" => Some(Function::Min),
            "max" => Some(Function::Max),
            "round" => None,
            other => {
                return Err(ExprError::new(
                    name.start,
                    format!("unknown function `{other}`; functions are abs, min, max, round"),
                ));
            }
        };
        let open = self.advance();
        self.enter(open)?;
        let mut args = Vec::new();
        loop {
            if self.peek_kind() == TokenKind::CloseParen && args.is_empty() {
                break;
            }
            let arg = self.or()?;
            self.expect_number_in_call(arg, function_name)?;
            args.push(arg);
            let next = self.peek();
            match next.kind {
                TokenKind::Comma => {
                    self.advance();
                }
                TokenKind::CloseParen => break,
                TokenKind::End => return Err(ExprError::new(open.start, "unclosed `(` opened here")),
                _ => return Err(self.unexpected(next, "`,` or `)`")),
            }
        }
        self.nesting -= 1;
        let close = self.advance();
        let (start, end) = (name.start, close.end);
        match function {
            Some(Function::Abs) if args.len() != 1 => {
                Err(ExprError::new(name.start, "`abs` takes one value: `abs(x)`"))
            }
            Some(Function::Min | Function::Max) if args.len() < 2 => Err(ExprError::new(
                name.start,
                format!("`{function_name}` needs at least two values: `{function_name}(a, b)`"),
            )),
            Some(function) => self.add(NodeKind::Call { function, args: args.clone() }, start, end, &args),
            None => {
                let usage =
                    "`round` takes a value and optionally a number of decimal digits: `round(x)` or `round(x, 1)`";
                let (value, digits) = match args[..] {
                    [value] => (value, 0),
                    [value, digits] => (value, self.round_digits(digits)?),
                    _ => return Err(ExprError::new(name.start, usage)),
                };
                self.add(NodeKind::Round { value, digits }, start, end, &[value])
            }
        }
    }

    /// The digits argument of `round`: a whole-number literal from -15 to 15.
    fn round_digits(&self, id: NodeId) -> Result<i32, ExprError> {
        let node = &self.nodes[id];
        match node.kind {
            NodeKind::Literal { value, unit: None } if value.fract() == 0.0 && value.abs() <= 15.0 => Ok(value as i32),
            _ => Err(ExprError::new(
                node.start,
                "the digits of `round` must be a whole number from -15 to 15, as in `round(x, 1)`",
            )),
        }
    }

    /// The value of a subtree that uses no names, folded with the evaluator's
    /// interval arithmetic, so that `(2 - 2)` is known to be 0 when the rule loads.
    fn constant(&self, id: NodeId) -> Option<Interval> {
        Some(match &self.nodes[id].kind {
            NodeKind::Literal { value, .. } => Interval::point(*value),
            NodeKind::Negate(operand) => -self.constant(*operand)?,
            NodeKind::Arithmetic { op, left, right } => {
                let (left, right) = (self.constant(*left)?, self.constant(*right)?);
                match op {
                    Arithmetic::Add => left + right,
                    Arithmetic::Subtract => left - right,
                    Arithmetic::Multiply => left * right,
                    Arithmetic::Divide => left / right,
                }
            }
            NodeKind::Call { function, args } => {
                let mut values = args.iter().map(|&arg| self.constant(arg));
                let first = values.next()??;
                match function {
                    Function::Abs => first.abs(),
                    Function::Min => values.try_fold(first, |acc, v| Some(acc.min(v?)))?,
                    Function::Max => values.try_fold(first, |acc, v| Some(acc.max(v?)))?,
                }
            }
            NodeKind::Round { value, digits } => self.constant(*value)?.round(*digits),
            NodeKind::Reference { .. }
            | NodeKind::Compare { .. }
            | NodeKind::Not(_)
            | NodeKind::And(..)
            | NodeKind::Or(..) => return None,
        })
    }

    fn expect_number(&self, operand: NodeId, op: Token) -> Result<(), ExprError> {
        if !self.nodes[operand].kind.is_boolean() {
            return Ok(());
        }
        let op = self.source(op);
        let text = self.node_text(operand);
        Err(ExprError::new(self.nodes[operand].start, format!("`{op}` works on numbers, but `{text}` is a comparison")))
    }

    fn expect_number_in_call(&self, arg: NodeId, function: &str) -> Result<(), ExprError> {
        if !self.nodes[arg].kind.is_boolean() {
            return Ok(());
        }
        let text = self.node_text(arg);
        Err(ExprError::new(
            self.nodes[arg].start,
            format!("`{function}` works on numbers, but `{text}` is a comparison"),
        ))
    }

    fn expect_boolean(&self, operand: NodeId, op: Token) -> Result<(), ExprError> {
        if self.nodes[operand].kind.is_boolean() {
            return Ok(());
        }
        let op = self.source(op);
        let text = self.node_text(operand);
        Err(ExprError::new(
            self.nodes[operand].start,
            format!("`{op}` joins comparisons, but `{text}` is a number; compare it, as in `{text} > 0`"),
        ))
    }
}

fn too_deep(at: usize) -> ExprError {
    ExprError::new(at, format!("the assertion nests more than {MAX_DEPTH} levels deep; split it into simpler ones"))
}
