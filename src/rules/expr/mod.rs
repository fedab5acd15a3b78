//! The assertion language of YAML rules: a small arithmetic and boolean language
//! over intervals, such as `killed + wounded == total` or
//! `a.value ~= b.value within 5%`.
//!
//! A rule binds names to figures stated in an article; every figure stands for an
//! interval ("130" is 129.5–130.5), so an assertion is neither simply true nor
//! false but [`Truth::Always`], [`Truth::Sometimes`] or [`Truth::Never`] over the
//! values the intervals allow. Factlint reports only `Never`: no choice of values
//! could make the assertion hold. Arithmetic over-approximates (the result holds
//! every possible value, maybe more) and `and`/`or`/`not` are taken as minimum,
//! maximum and swap, so `Never` is only ever claimed when certain.
//!
//! Values carry a [`Unit`]; sums and comparisons need the same unit on both sides
//! (a unitless side takes the other's, so `total > 0` works), and comparing
//! different units is `Sometimes`: factlint stays silent rather than compare
//! apples and pears.
//!
//! [`parse`] checks syntax and types (an assertion must compare; `and` joins
//! comparisons, `+` adds numbers) and reports errors at exact byte offsets. It does
//! not know which names exist: the caller checks [`Expr::references`].
//!
//! Files: `lexer` (tokens), `parser` (the tree and parse errors), `eval`
//! (three-valued evaluation), `tests`.

mod eval;
mod lexer;
mod parser;
#[cfg(test)]
mod tests;

use std::fmt;

use crate::interval::Interval;

/// Parses an assertion. Errors carry the byte offset where the text went wrong
/// and say how to fix it.
pub fn parse(text: &str) -> Result<Expr, ExprError> {
    let tree = parser::parse(text)?;
    Ok(Expr { text: text.to_string(), tree })
}

/// A parse error: where (a byte offset into the text, on a char boundary) and what.
#[derive(Debug, Clone, PartialEq)]
pub struct ExprError {
    pub offset: usize,
    pub message: String,
}

impl ExprError {
    fn new(offset: usize, message: impl Into<String>) -> ExprError {
        ExprError { offset, message: message.into() }
    }
}

impl fmt::Display for ExprError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at byte {})", self.message, self.offset)
    }
}

impl std::error::Error for ExprError {}

/// A parsed assertion, ready to evaluate against any number of bindings.
#[derive(Debug, Clone)]
pub struct Expr {
    text: String,
    tree: parser::Tree,
}

/// A use of a name in an assertion: `total`, or `a.period` (name `a`, field `period`).
#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    pub name: String,
    pub field: Option<String>,
    /// Byte offset of the name in the assertion's text.
    pub offset: usize,
}

/// What a value is measured in.
#[derive(Debug, Clone, PartialEq)]
pub enum Unit {
    /// A plain number: takes the unit of whatever it meets.
    None,
    /// A named unit (`MB`, `USD`), compared case-sensitively.
    Named(String),
    /// The result of mixing units; it compares with nothing.
    Unknown,
}

/// A figure or computed amount: every value it may take, and its unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    pub interval: Interval,
    pub unit: Unit,
}

impl Value {
    /// A unitless value.
    pub fn plain(interval: Interval) -> Value {
        Value { interval, unit: Unit::None }
    }

    /// A value in a named unit.
    pub fn with_unit(interval: Interval, unit: &str) -> Value {
        Value { interval, unit: Unit::Named(unit.to_string()) }
    }
}

/// Whether an assertion holds over the values its figures allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Truth {
    /// For every choice of values.
    Always,
    /// For some choices, or factlint cannot tell (unknown units, unbound names).
    Sometimes,
    /// For no choice at all: a contradiction worth reporting.
    Never,
}

impl Truth {
    /// The truth of the negation: `Always` and `Never` swap.
    pub fn negate(self) -> Truth {
        match self {
            Truth::Always => Truth::Never,
            Truth::Sometimes => Truth::Sometimes,
            Truth::Never => Truth::Always,
        }
    }
}

/// The values an assertion's names stand for in one binding.
pub trait Env {
    /// The value of `name` (with `field`, for `name.field`), or `None` if unbound:
    /// comparisons that use an unbound name are `Sometimes`.
    fn lookup(&self, name: &str, field: Option<&str>) -> Option<Value>;
}

/// Any `Fn(name, field) -> Option<Value>` is an environment.
impl<F: Fn(&str, Option<&str>) -> Option<Value>> Env for F {
    fn lookup(&self, name: &str, field: Option<&str>) -> Option<Value> {
        self(name, field)
    }
}

/// The comparison that decided a `Never`: its two sides' source text and values.
#[derive(Debug, Clone)]
pub struct Comparison {
    /// The operator as written (`==`, `~=`, ...), prefixed with `not ` when the
    /// comparison stands under a `not` (and so it was the comparison holding that
    /// made the assertion fail).
    pub op: String,
    pub left_text: String,
    pub left: Value,
    pub right_text: String,
    pub right: Value,
    /// Whether the left side computes (holds an operator or a call), rather than
    /// being a name or a literal.
    pub left_computes: bool,
    /// Whether the right side computes.
    pub right_computes: bool,
}

/// The result of evaluating an assertion.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub truth: Truth,
    /// When `truth` is `Never`, the comparison that decided it.
    pub failed: Option<Comparison>,
    /// Every operator, call and comparison applied, innermost first; empty unless
    /// evaluated with [`Expr::evaluate_traced`].
    pub steps: Vec<Step>,
}

/// One application of an operator, function or comparison, for `--explain`.
#[derive(Debug, Clone)]
pub struct Step {
    /// The source text of the sub-expression.
    pub text: String,
    pub value: StepValue,
    /// For a division whose divisor may be 0, the divisor's text and value: the
    /// quotient may then be anything, and `--explain` says why.
    pub zero_divisor: Option<(String, Value)>,
}

/// What a step computed: an amount, or a comparison's truth.
#[derive(Debug, Clone, PartialEq)]
pub enum StepValue {
    Number(Value),
    Truth(Truth),
}

impl Expr {
    /// The source the assertion was parsed from.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Every name used, in source order, with byte offsets; a name used twice is listed twice.
    pub fn references(&self) -> Vec<Reference> {
        self.tree.references.clone()
    }

    /// Every unit written after a number (`10 MB`), with its byte offset: the
    /// caller can refuse one that is really a name (`2 injured`).
    pub fn literal_units(&self) -> &[(String, usize)] {
        &self.tree.units
    }

    /// Evaluates against one binding of names to values. Cheap enough to run per
    /// candidate binding: each distinct name is looked up once, into one vector;
    /// nothing else is allocated unless the outcome is `Never` (the failed
    /// comparison's texts and values). Records no steps.
    pub fn evaluate(&self, env: &dyn Env) -> Outcome {
        eval::evaluate(self, env, None)
    }

    /// Like [`Expr::evaluate`], also recording every step for `--explain`.
    pub fn evaluate_traced(&self, env: &dyn Env) -> Outcome {
        let mut steps = Vec::new();
        let mut outcome = eval::evaluate(self, env, Some(&mut steps));
        outcome.steps = steps;
        outcome
    }
}

impl fmt::Display for Truth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Truth::Always => "always true",
            Truth::Sometimes => "may be true",
            Truth::Never => "never true",
        })
    }
}

impl fmt::Display for StepValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StepValue::Number(value) => value.fmt(f),
            StepValue::Truth(truth) => truth.fmt(f),
        }
    }
}

/// For humans: `33.6`, `174–176`, `150000–∞`, `10 MB`.
impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Interval { lo, hi } = self.interval;
        let (lo_text, hi_text) = (short_number(lo), short_number(hi));
        if lo_text == hi_text {
            f.write_str(&lo_text)?;
        } else {
            write!(f, "{lo_text}–{hi_text}")?;
        }
        if let Unit::Named(unit) = &self.unit {
            write!(f, " {unit}")?;
        }
        Ok(())
    }
}

/// A number without float noise: at most four decimals, or four significant
/// digits below 1 (`0.0001234`), trailing zeros trimmed; infinities as `∞`.
fn short_number(x: f64) -> String {
    if x.is_nan() {
        return "?".to_string();
    }
    if x.is_infinite() {
        return if x > 0.0 { "∞" } else { "-∞" }.to_string();
    }
    let magnitude = x.abs();
    let decimals = if magnitude >= 1.0 || magnitude == 0.0 {
        4
    } else {
        // Leading zeros after the point, plus four significant digits.
        (3 - magnitude.log10().floor() as i32).clamp(4, 15) as usize
    };
    let text = format!("{x:.decimals$}");
    let text = if text.contains('.') { text.trim_end_matches('0').trim_end_matches('.') } else { &text };
    if text == "-0" { "0".to_string() } else { text.to_string() }
}
