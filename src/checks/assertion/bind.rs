//! Figures bound to names: what a name stands for in an assertion (its interval
//! and unit), and in a message (the figure as written, its period, where it is).

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use super::figure::has_measured_unit;
use crate::checks::describe;
use crate::claims::{Metric, Period};
use crate::extract::{Form, Mention, MentionKind};
use crate::input::Span;
use crate::interval::Interval;
use crate::rules::expr::{Env, Unit, Value};

/// The fields a bound name has in assertions: `total.low`, `a.period`.
pub const FIELDS: &[&str] = &["value", "low", "high", "period"];

/// The fields a bound name has in messages, besides those of assertions.
pub const MESSAGE_FIELDS: &[&str] = &["value", "low", "high", "period", "metric", "file", "line"];

/// One figure bound to a name.
#[derive(Debug, Clone)]
pub struct Bound {
    pub mention: Mention,
    /// The figure as the article wrote it.
    pub text: String,
    /// Where it stands in its document's prose.
    pub range: Range<usize>,
    /// The period of the claim it belongs to, if one was bound.
    pub period: Option<Period>,
    /// The metric of that claim, if one was bound.
    pub metric: Option<Metric>,
    /// Its place in the file, resolved when figures are compared across documents.
    pub located: Option<(Arc<str>, Span)>,
}

/// The figures one source (a group of patterns, or a selector) binds at once, by
/// name index.
pub type Tuple = Vec<(usize, Bound)>;

impl Bound {
    /// The value of the figure, or of one of its fields, for the assertion.
    pub fn value(&self, field: Option<&str>) -> Option<Value> {
        if field == Some("period") {
            // A year's number; a quarter or a month has no number a year's arithmetic
            // fits, so assertions on it stay silent.
            let year = match self.period? {
                Period::Year(y) | Period::FiscalYear(y) => f64::from(y),
                Period::Quarter(..) | Period::Half(..) | Period::Month(..) => return None,
            };
            return Some(Value { interval: Interval::point(year), unit: Unit::None });
        }
        let whole = self.interval()?;
        let interval = match field {
            None | Some("value") => whole,
            Some("low") => Interval::point(whole.lo),
            Some("high") => Interval::point(whole.hi),
            Some(_) => return None,
        };
        Some(Value { interval, unit: self.unit() })
    }

    /// The interval the figure stands for; percentages as fractions ("5%" is 0.05),
    /// so that `margin == income / revenue` reads as written.
    fn interval(&self) -> Option<Interval> {
        let m = &self.mention;
        if m.kind == MentionKind::Year {
            // A year's value is its number: `founded == 1990`, `b.period == a.period - 1`.
            let year: f64 = m.time.as_deref()?.parse().ok()?;
            return Some(Interval::point(year));
        }
        if m.value.is_none() && m.form != Form::Range {
            return None;
        }
        Some(match m.kind {
            MentionKind::Percent | MentionKind::Points => m.interval.scale(0.01),
            _ => m.interval,
        })
    }

    /// Money is in its currency, quantities, durations and ages in their unit;
    /// counts are plain numbers, so that 130 killed and 45 wounded add up.
    fn unit(&self) -> Unit {
        let m = &self.mention;
        match (m.kind, &m.unit) {
            (MentionKind::Money | MentionKind::Duration | MentionKind::Age, Some(unit)) => Unit::Named(unit.clone()),
            (MentionKind::Number, Some(unit)) if has_measured_unit(m) => Unit::Named(unit.clone()),
            _ => Unit::None,
        }
    }

    /// The mention to write values like, and the factor from the assertion's
    /// values to the mention's (percentages are fractions in assertions).
    fn style(&self) -> (Mention, f64) {
        let mut like = self.mention.clone();
        match like.kind {
            MentionKind::Percent | MentionKind::Points => {
                like.kind = MentionKind::Percent;
                (like, 100.0)
            }
            MentionKind::Money => (like, 1.0),
            _ => {
                // A counted noun belongs to the article's sentence, not to a computed value.
                if like.kind == MentionKind::Number && !has_measured_unit(&like) {
                    like.unit = None;
                }
                (like, 1.0)
            }
        }
    }

    /// A value written in this figure's style: "$33.6 billion", "12.3%", "175".
    pub fn describe(&self, value: f64) -> String {
        let (like, factor) = self.style();
        describe::like(value * factor, &like)
    }

    /// Two bounds in this figure's style, precise enough to tell apart.
    pub fn describe_pair(&self, lo: f64, hi: f64) -> (String, String) {
        let (like, factor) = self.style();
        describe::bound_pair(lo * factor, hi * factor, &like)
    }

    /// A value of the assertion in this figure's style when it shares its unit.
    pub fn render(&self, value: &Value) -> Option<String> {
        let i = value.interval;
        if !i.is_bounded() || self.value(None).is_none_or(|own| own.unit != value.unit) {
            return None;
        }
        if i.lo == i.hi {
            return Some(self.describe(i.lo));
        }
        let (low, high) = self.describe_pair(i.lo, i.hi);
        Some(format!("{low} to {high}"))
    }

    /// The values a message may show for this figure, under `prefix` (`total`,
    /// `first.limit`).
    pub fn message_values(&self, prefix: &str, line: usize, file: &str, values: &mut BTreeMap<String, String>) {
        values.insert(prefix.to_string(), self.text.clone());
        if let Some(v) = self.value(None) {
            values.insert(format!("{prefix}.value"), self.render(&v).unwrap_or_else(|| v.to_string()));
            let (low, high) = self.describe_pair(v.interval.lo, v.interval.hi);
            values.insert(format!("{prefix}.low"), low);
            values.insert(format!("{prefix}.high"), high);
        }
        values.insert(format!("{prefix}.period"), self.period.map(|p| p.to_string()).unwrap_or_default());
        values.insert(format!("{prefix}.metric"), self.metric.as_ref().map(Metric::key).unwrap_or_default());
        values.insert(format!("{prefix}.file"), file.to_string());
        values.insert(format!("{prefix}.line"), line.to_string());
    }
}

/// The names of one combination of figures, for evaluating an assertion.
pub struct Binding<'a> {
    pub names: &'a [String],
    pub bound: Vec<(usize, &'a Bound)>,
    /// The first statement of the source `first.` refers to, if the rule uses it.
    pub first: Option<&'a Tuple>,
}

impl Binding<'_> {
    /// The figure bound to `name`.
    pub fn get(&self, name: &str) -> Option<&Bound> {
        let index = self.names.iter().position(|n| n == name)?;
        self.bound.iter().find(|(i, _)| *i == index).map(|(_, b)| *b)
    }

    /// The figure `first.name` refers to.
    pub fn first(&self, name: &str) -> Option<&Bound> {
        let index = self.names.iter().position(|n| n == name)?;
        self.first?.iter().find(|(i, _)| *i == index).map(|(_, b)| b)
    }
}

impl Env for Binding<'_> {
    fn lookup(&self, name: &str, field: Option<&str>) -> Option<Value> {
        if name == "first" {
            return self.first(field?)?.value(None);
        }
        self.get(name)?.value(field)
    }
}
