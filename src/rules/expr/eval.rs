//! Evaluation: a parsed tree and one binding of names → a three-valued truth. It
//! owns the meaning of every operator on intervals and units, and which comparison
//! is blamed when an assertion is `Never`.
//!
//! Evaluation runs for every candidate binding in every document, so the hot path
//! does not allocate: names are looked up once each into one vector, units are
//! borrowed from the tree or from those lookups, and steps are only recorded when
//! traced.

use super::lexer::CompareOp;
use super::parser::{Arithmetic, Function, NodeId, NodeKind, Tolerance};
use super::{Comparison, Env, Expr, Outcome, Step, StepValue, Truth, Unit, Value};
use crate::interval::Interval;

pub(super) fn evaluate(expr: &Expr, env: &dyn Env, trace: Option<&mut Vec<Step>>) -> Outcome {
    let bound: Vec<Option<Value>> =
        expr.tree.slots.iter().map(|(name, field)| env.lookup(name, field.as_deref())).collect();
    let mut evaluator = Evaluator { expr, bound: &bound, trace };
    let decided = evaluator.truth(expr.tree.root);
    let failed = match (decided.truth, decided.by) {
        (Truth::Never, Some(by)) => Some(evaluator.comparison(by)),
        _ => None,
    };
    Outcome { truth: decided.truth, failed, steps: Vec::new() }
}

/// A unit borrowed from the tree or from a looked-up value.
#[derive(Debug, Clone, Copy, PartialEq)]
enum UnitRef<'a> {
    None,
    Named(&'a str),
    Unknown,
}

impl<'a> UnitRef<'a> {
    fn of(unit: &'a Unit) -> UnitRef<'a> {
        match unit {
            Unit::None => UnitRef::None,
            Unit::Named(name) => UnitRef::Named(name),
            Unit::Unknown => UnitRef::Unknown,
        }
    }

    fn to_unit(self) -> Unit {
        match self {
            UnitRef::None => Unit::None,
            UnitRef::Named(name) => Unit::Named(name.to_string()),
            UnitRef::Unknown => Unit::Unknown,
        }
    }

    /// The unit of a sum, difference, min, max or comparison: both sides must
    /// agree, and a plain number takes the other side's unit.
    fn same(self, other: UnitRef<'a>) -> UnitRef<'a> {
        match (self, other) {
            (UnitRef::None, unit) | (unit, UnitRef::None) => unit,
            (UnitRef::Named(a), UnitRef::Named(b)) if a == b => self,
            _ => UnitRef::Unknown,
        }
    }

    /// The unit of a product: a plain factor keeps the other's unit; two named
    /// units make a compound factlint does not track.
    fn times(self, other: UnitRef<'a>) -> UnitRef<'a> {
        match (self, other) {
            (UnitRef::None, unit) | (unit, UnitRef::None) => unit,
            _ => UnitRef::Unknown,
        }
    }

    /// The unit of a quotient: a unit over itself cancels, a unit over a plain
    /// number stays; anything else (`1 / MB`, `MB / s`) is not tracked.
    fn over(self, other: UnitRef<'a>) -> UnitRef<'a> {
        match (self, other) {
            (UnitRef::None, UnitRef::None) => UnitRef::None,
            (UnitRef::Named(a), UnitRef::Named(b)) if a == b => UnitRef::None,
            (UnitRef::Named(_), UnitRef::None) => self,
            _ => UnitRef::Unknown,
        }
    }
}

/// An amount during evaluation.
#[derive(Debug, Clone, Copy)]
struct Amount<'a> {
    interval: Interval,
    unit: UnitRef<'a>,
}

impl Amount<'_> {
    fn to_value(self) -> Value {
        Value { interval: self.interval, unit: self.unit.to_unit() }
    }
}

/// A truth and the comparison that decided it (for blaming a `Never`).
#[derive(Debug, Clone, Copy)]
struct Decided {
    truth: Truth,
    by: Option<Decider>,
}

#[derive(Debug, Clone, Copy)]
struct Decider {
    comparison: NodeId,
    /// Whether an odd number of `not`s stand above it.
    negated: bool,
}

struct Evaluator<'a, 't> {
    expr: &'a Expr,
    bound: &'a [Option<Value>],
    trace: Option<&'t mut Vec<Step>>,
}

impl<'a> Evaluator<'a, '_> {
    fn text(&self, id: NodeId) -> &'a str {
        let node = &self.expr.tree.nodes[id];
        &self.expr.text[node.start..node.end]
    }

    fn record(&mut self, id: NodeId, value: impl FnOnce() -> StepValue) {
        self.record_division(id, value, None);
    }

    /// Records a step; `divisor`, for a division, is the divisor and its amount.
    fn record_division(&mut self, id: NodeId, value: impl FnOnce() -> StepValue, divisor: Option<(NodeId, Amount)>) {
        if self.trace.is_none() {
            return;
        }
        let text = self.text(id);
        let zero_divisor = divisor
            .filter(|(_, amount)| amount.interval.contains(0.0))
            .map(|(node, amount)| (self.text(node).trim().to_string(), amount.to_value()));
        if let Some(steps) = self.trace.as_deref_mut() {
            steps.push(Step { text: text.to_string(), value: value(), zero_divisor });
        }
    }

    fn amount(&mut self, id: NodeId) -> Amount<'a> {
        let mut divisor = None;
        let amount = match &self.expr.tree.nodes[id].kind {
            NodeKind::Literal { value, unit } => {
                let unit = unit.as_deref().map_or(UnitRef::None, UnitRef::Named);
                return Amount { interval: Interval::point(*value), unit };
            }
            NodeKind::Reference { slot } => {
                return match &self.bound[*slot] {
                    Some(value) => {
                        Amount { interval: value.interval.or_unbounded_if_nan(), unit: UnitRef::of(&value.unit) }
                    }
                    // Unknown compares with nothing, so every comparison using it is `Sometimes`.
                    None => Amount { interval: Interval::unbounded(), unit: UnitRef::Unknown },
                };
            }
            NodeKind::Negate(operand) => {
                let operand = self.amount(*operand);
                Amount { interval: -operand.interval, unit: operand.unit }
            }
            NodeKind::Arithmetic { op, left, right } => {
                let divisor_node = *right;
                let (left, right) = (self.amount(*left), self.amount(*right));
                match op {
                    Arithmetic::Add => {
                        Amount { interval: left.interval + right.interval, unit: left.unit.same(right.unit) }
                    }
                    Arithmetic::Subtract => {
                        Amount { interval: left.interval - right.interval, unit: left.unit.same(right.unit) }
                    }
                    Arithmetic::Multiply => {
                        Amount { interval: left.interval * right.interval, unit: left.unit.times(right.unit) }
                    }
                    Arithmetic::Divide => {
                        divisor = Some((divisor_node, right));
                        Amount { interval: left.interval / right.interval, unit: left.unit.over(right.unit) }
                    }
                }
            }
            NodeKind::Call { function: Function::Abs, args } => {
                let operand = self.amount(args[0]);
                Amount { interval: operand.interval.abs(), unit: operand.unit }
            }
            NodeKind::Call { function, args } => {
                let mut result = self.amount(args[0]);
                for &arg in &args[1..] {
                    let next = self.amount(arg);
                    let interval = match function {
                        Function::Min => result.interval.min(next.interval),
                        _ => result.interval.max(next.interval),
                    };
                    result = Amount { interval, unit: result.unit.same(next.unit) };
                }
                result
            }
            NodeKind::Round { value, digits } => {
                let operand = self.amount(*value);
                Amount { interval: operand.interval.round(*digits), unit: operand.unit }
            }
            NodeKind::Compare { .. } | NodeKind::Not(_) | NodeKind::And(..) | NodeKind::Or(..) => {
                unreachable!("the parser only lets numbers into arithmetic")
            }
        };
        let amount = Amount { interval: amount.interval.or_unbounded_if_nan(), ..amount };
        self.record_division(id, || StepValue::Number(amount.to_value()), divisor);
        amount
    }

    fn truth(&mut self, id: NodeId) -> Decided {
        let decided = match &self.expr.tree.nodes[id].kind {
            NodeKind::Compare { op, left, right, tolerance } => {
                let (left, right) = (self.amount(*left), self.amount(*right));
                let truth = compare(*op, left, right, tolerance.as_ref());
                Decided { truth, by: Some(Decider { comparison: id, negated: false }) }
            }
            NodeKind::Not(operand) => {
                let inner = self.truth(*operand);
                let by = inner.by.map(|d| Decider { negated: !d.negated, ..d });
                Decided { truth: inner.truth.negate(), by }
            }
            // `and` is the least of its sides, `or` the greatest; each stops early
            // once the other side cannot change the result.
            NodeKind::And(left, right) => self.join(*left, *right, Truth::Never),
            NodeKind::Or(left, right) => self.join(*left, *right, Truth::Always),
            _ => unreachable!("the parser only lets comparisons into boolean positions"),
        };
        self.record(id, || StepValue::Truth(decided.truth));
        decided
    }

    /// `and` (`decisive` = `Never`) or `or` (`decisive` = `Always`): the decisive
    /// truth if either side has it, blaming the first side that does; otherwise
    /// `Sometimes` unless both sides are the opposite of decisive.
    fn join(&mut self, left: NodeId, right: NodeId, decisive: Truth) -> Decided {
        let left = self.truth(left);
        if left.truth == decisive {
            return left;
        }
        let right = self.truth(right);
        if right.truth == decisive || left.truth == Truth::Sometimes {
            return if right.truth == decisive { right } else { left };
        }
        right
    }

    /// The failed comparison `id`, its sides evaluated again (without tracing) to
    /// report their values.
    fn comparison(&mut self, decider: Decider) -> Comparison {
        let NodeKind::Compare { op, left, right, .. } = &self.expr.tree.nodes[decider.comparison].kind else {
            unreachable!("a decider is a comparison")
        };
        let (left, right) = (*left, *right);
        let trace = self.trace.take();
        let (left_value, right_value) = (self.amount(left).to_value(), self.amount(right).to_value());
        self.trace = trace;
        let computes = |id: NodeId| {
            !matches!(self.expr.tree.nodes[id].kind, NodeKind::Literal { .. } | NodeKind::Reference { .. })
        };
        Comparison {
            op: if decider.negated { format!("not {}", op.symbol()) } else { op.symbol().to_string() },
            left_text: self.text(left).to_string(),
            left: left_value,
            right_text: self.text(right).to_string(),
            right: right_value,
            left_computes: computes(left),
            right_computes: computes(right),
        }
    }
}

/// `left op right` over every pair of values; `Sometimes` when the units differ
/// or are unknown.
fn compare(op: CompareOp, left: Amount, right: Amount, tolerance: Option<&Tolerance>) -> Truth {
    let mut unit = left.unit.same(right.unit);
    if let Some(Tolerance::Amount(_, Some(tolerance_unit))) = tolerance {
        unit = unit.same(UnitRef::Named(tolerance_unit));
    }
    if unit == UnitRef::Unknown {
        return Truth::Sometimes;
    }
    let (a, b) = (left.interval, right.interval);
    match op {
        CompareOp::Equal => equal(a, b),
        CompareOp::NotEqual => equal(a, b).negate(),
        CompareOp::Less => less(a, b, false),
        CompareOp::LessOrEqual => less(a, b, true),
        CompareOp::Greater => less(b, a, false),
        CompareOp::GreaterOrEqual => less(b, a, true),
        CompareOp::About => match tolerance {
            Some(tolerance) => about(a, b, tolerance),
            None => Truth::Sometimes,
        },
    }
}

fn equal(a: Interval, b: Interval) -> Truth {
    if !a.meets(b) {
        Truth::Never
    } else if a.is_point() && b.is_point() {
        Truth::Always
    } else {
        Truth::Sometimes
    }
}

/// `a < b`, or `a <= b` when `or_equal`.
fn less(a: Interval, b: Interval, or_equal: bool) -> Truth {
    let holds = |x: f64, y: f64| if or_equal { x <= y } else { x < y };
    if holds(a.hi, b.lo) {
        Truth::Always
    } else if !holds(a.lo, b.hi) {
        Truth::Never
    } else {
        Truth::Sometimes
    }
}

/// `a ~= b within tolerance`. A share tolerance is of `b`'s magnitude: `Never`
/// widens `b` by the share of its largest magnitude (the most any value of `b`
/// allows), `Always` only trusts the share of its smallest.
fn about(a: Interval, b: Interval, tolerance: &Tolerance) -> Truth {
    let (widest, narrowest) = match *tolerance {
        Tolerance::Share(share) => {
            let largest = b.lo.abs().max(b.hi.abs());
            let smallest = if b.contains(0.0) { 0.0 } else { b.lo.abs().min(b.hi.abs()) };
            (share * largest, share * smallest)
        }
        Tolerance::Amount(amount, _) => (amount, amount),
    };
    let widened = Interval::new(b.lo - widest, b.hi + widest).or_unbounded_if_nan();
    if !a.meets(widened) {
        return Truth::Never;
    }
    let farthest = (a.hi - b.lo).max(b.hi - a.lo);
    if farthest <= narrowest { Truth::Always } else { Truth::Sometimes }
}
