//! Selectors: figures picked by what their claims are (role, type, metric, unit,
//! period) rather than by the words around them.

use regex::Regex;

use super::bind::Bound;
use super::figure::FigureType;
use crate::claims::{Amount, Analysis, Claim, Confidence, Metric, Period, Role, metric};
use crate::rules::{MetricFilter, PeriodFilter, PeriodRelation, Selector};

/// A selector ready to run.
#[derive(Debug)]
pub struct CompiledSelector {
    role: Option<Role>,
    kind: Option<FigureType>,
    metric: Option<MetricTest>,
    unit: Option<String>,
    period: Option<PeriodFilter>,
    min_confidence: Confidence,
}

#[derive(Debug)]
enum MetricTest {
    /// Any of these metrics.
    Names(Vec<Metric>),
    /// A pattern over the normalised metric.
    Pattern(Regex),
    /// The metric of the selector before.
    Same,
}

/// A selector's problem, for the rule compiler to place in the file.
pub struct SelectorError {
    /// The text to find in the file: the offending value.
    pub near: String,
    pub message: String,
}

impl CompiledSelector {
    /// Checks and compiles a selector; `index` is its place in `select:`.
    pub fn new(selector: &Selector, index: usize) -> Result<CompiledSelector, SelectorError> {
        let error = |near: &str, message: String| SelectorError { near: near.to_string(), message };
        super::pattern::check_name(&selector.name, 0).map_err(|e| error(&selector.name, e.message))?;
        let kind = match &selector.kind {
            Some(name) => Some(FigureType::named(name).ok_or_else(|| {
                let types = super::figure::TYPES.iter().map(|(n, _)| *n);
                let hint =
                    crate::rules::closest(name, types).map_or(String::new(), |k| format!("; did you mean `{k}`?"));
                error(name, format!("unknown claim kind `{name}`{hint}"))
            })?),
            None => None,
        };
        let metric = match &selector.metric {
            None => None,
            Some(MetricFilter::Name(same)) if same == "same" => {
                if index == 0 {
                    return Err(error(
                        same,
                        "`metric: same` needs a selector before this one to be the same as".into(),
                    ));
                }
                Some(MetricTest::Same)
            }
            Some(MetricFilter::Name(name)) => Some(MetricTest::Names(vec![metric::normalise(name)])),
            Some(MetricFilter::Aliases(names)) => {
                Some(MetricTest::Names(names.iter().map(|n| metric::normalise(n)).collect()))
            }
            Some(MetricFilter::Pattern { regex }) => Some(MetricTest::Pattern(
                Regex::new(regex)
                    .map_err(|e| error(regex, format!("invalid regex: {}", super::pattern::regex_reason(&e))))?,
            )),
        };
        if index == 0 && matches!(selector.period, Some(PeriodFilter::Relation(_))) {
            return Err(error(&selector.name, "a period relation needs a selector before this one".into()));
        }
        Ok(CompiledSelector {
            role: selector.role,
            kind,
            metric,
            unit: selector.unit.clone(),
            period: selector.period.clone(),
            min_confidence: selector.min_confidence.unwrap_or(Confidence::Medium),
        })
    }

    /// The claims this selector picks on its own, with the mention each binds: a
    /// level's figure, or a change's size.
    pub fn candidates<'a>(&'a self, analysis: &'a Analysis) -> impl Iterator<Item = (usize, usize)> + 'a {
        analysis.claims.iter().enumerate().filter_map(move |(index, claim)| {
            let mention = self.figure_of(claim)?;
            let m = &analysis.mentions[mention];
            let fits = self.kind.is_none_or(|k| k.accepts(m))
                && self.unit.as_ref().is_none_or(|u| m.unit.as_deref() == Some(u.as_str()))
                && self.metric_fits(claim)
                && match self.period {
                    Some(PeriodFilter::Year(y)) => {
                        matches!(claim.period, Some(Period::Year(p) | Period::FiscalYear(p)) if p == y)
                    }
                    _ => true,
                };
            fits.then_some((index, mention))
        })
    }

    /// The figure a claim gives this selector: a level (also the level a change
    /// reached: "rose 12% to $45bn" states $45bn), or the size of a change.
    fn figure_of(&self, claim: &Claim) -> Option<usize> {
        let amount = || match claim.change.as_ref()?.amount {
            Some(Amount::Percent(i) | Amount::Points(i) | Amount::Absolute(i)) => Some(i),
            _ => None,
        };
        match self.role {
            Some(Role::Level) => claim.level,
            Some(Role::Change) => amount(),
            None => claim.level.or_else(amount),
        }
    }

    fn metric_fits(&self, claim: &Claim) -> bool {
        let Some(test) = &self.metric else { return true };
        let Some(metric) = claim.metric.as_ref().filter(|_| claim.confidence >= self.min_confidence) else {
            return false;
        };
        match test {
            MetricTest::Names(names) => names.iter().any(|n| n.matches(metric)),
            MetricTest::Pattern(regex) => regex.is_match(&metric.key()),
            MetricTest::Same => true,
        }
    }

    /// Whether this selector's figure stands as asked to the figure the selector
    /// before picked.
    pub fn relates(&self, this: &Bound, before: &Bound) -> bool {
        let metric_ok = !matches!(self.metric, Some(MetricTest::Same))
            || matches!((&this.metric, &before.metric), (Some(a), Some(b)) if a.matches(b));
        let period_ok = match self.period {
            Some(PeriodFilter::Relation(relation)) => match (this.period, before.period) {
                (Some(a), Some(b)) => match relation {
                    PeriodRelation::Same => a == b,
                    PeriodRelation::Previous => a == b.previous(),
                    PeriodRelation::Next => b == a.previous(),
                },
                _ => false,
            },
            _ => true,
        };
        metric_ok && period_ok
    }
}
