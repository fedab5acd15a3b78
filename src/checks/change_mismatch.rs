//! `change-mismatch`: a stated change that the levels it connects do not allow.
//!
//! Within a sentence: "rose 12% to $45bn from $40bn". Across sentences: a level of
//! a metric in one period and, for the next period, a change with the level it
//! reached ("reached $30bn in 2021" … "rose 12% in 2022 to $45bn"). Every figure
//! is an interval; a finding needs every value in those intervals to contradict.
//! Levels that are percentages, changes in points, and levels that move against
//! the stated direction are left to the checks made for them.

use std::collections::BTreeMap;

use foldhash::{HashMap, HashMapExt};

use serde::Deserialize;

use super::{Check, Hit, Kind, describe, read_params};
use crate::claims::{Amount, Analysis, Basis, Claim, Confidence, Direction, Metric, Period, metric, units_agree};
use crate::extract::{Mention, MentionKind};
use crate::input::Document;
use crate::interval::Interval;
use crate::rules::{RuleError, RuleSpec};

pub const KIND: Kind =
    Kind { name: "change-mismatch", summary: "A stated change that the levels it connects do not allow", compile };

/// The values a change-mismatch message may use.
const PLACEHOLDERS: &[&str] = &[
    "explanation",
    "stated_change",
    "the_stated_change",
    "applied",
    "from",
    "to",
    "expected",
    "actual_change",
    "period",
    "earlier_period",
];

/// Where the earlier level may be found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Scope {
    /// Only in the sentence that states the change.
    Sentence,
    /// Before it in the same paragraph, for the period just before.
    Paragraph,
    /// Anywhere before it in the document, for the period just before.
    #[default]
    Document,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct Params {
    scope: Scope,
    /// The least metric-binding confidence a cross-sentence comparison accepts.
    min_confidence: Confidence,
    /// Extra slack, as a share of the stated level, on top of the figures' rounding.
    tolerance: f64,
    /// Only changes of these metrics are checked (any when empty).
    metric: Vec<String>,
}

impl Default for Params {
    fn default() -> Params {
        Params { scope: Scope::Document, min_confidence: Confidence::Medium, tolerance: 0.0, metric: Vec::new() }
    }
}

fn compile(spec: &RuleSpec) -> Result<Box<dyn Check>, RuleError> {
    let params: Params = read_params(spec)?;
    if !(0.0..1.0).contains(&params.tolerance) {
        return Err(RuleError::at_key(
            &spec.path,
            &spec.source,
            "params",
            "`tolerance` must be at least 0 and below 1".into(),
        ));
    }
    let metrics = params.metric.iter().map(|m| metric::normalise(m)).collect();
    Ok(Box::new(ChangeMismatch { params, metrics }))
}

#[derive(Debug)]
struct ChangeMismatch {
    params: Params,
    /// `params.metric`, normalised the way claims' metrics are.
    metrics: Vec<Metric>,
}

impl Check for ChangeMismatch {
    fn run(&self, doc: &Document, analysis: &Analysis) -> Vec<Hit> {
        let mut hits = Vec::new();
        let mut levels = None;
        for (index, claim) in analysis.claims.iter().enumerate() {
            let Some(change) = claim.change.as_ref() else { continue };
            // A contributor is a part of another change, and a change on another
            // basis (constant currency, real terms) is not one the levels show.
            if claim.binding.component || matches!(claim.binding.basis, Some(Basis::Other(_))) {
                continue;
            }
            if !self.metrics.is_empty()
                && !claim.metric.as_ref().is_some_and(|m| self.metrics.iter().any(|wanted| wanted.matches(m)))
            {
                continue;
            }
            let (Some(amount), Some(to)) = (change.amount.as_ref(), claim.level) else { continue };
            let from = match change.from {
                Some(from) => Some((from, None)),
                None if self.params.scope != Scope::Sentence => {
                    let levels = levels.get_or_insert_with(|| Levels::new(self, analysis));
                    self.earlier_level(doc, analysis, levels, index)
                }
                None => None,
            };
            let Some((from, earlier)) = from else { continue };
            if let Some(hit) = self.compare(doc, analysis, claim, change.direction, amount, from, to, earlier) {
                hits.push(hit);
            }
        }
        hits
    }

    fn placeholders(&self) -> Vec<String> {
        PLACEHOLDERS.iter().map(|p| p.to_string()).collect()
    }
}

/// More earlier levels of one metric for one period than this, in scope, and
/// the change is left alone: which of them it is measured from cannot be told.
const MAX_EARLIER_LEVELS: usize = 64;

/// The paragraph (block) a claim stands in.
fn block_of(doc: &Document, claim: &Claim) -> usize {
    doc.blocks.partition_point(|b| b.end <= claim.cue.start)
}

/// The claims that may be an earlier level, indexed once per document by period
/// and metric, so that each change looks only at levels it could be measured
/// from and a long document stays linear.
struct Levels<'a> {
    /// By period and [`Metric::match_key`], in document order.
    by_key: HashMap<(Period, Vec<&'a str>), Vec<usize>>,
    /// By period and head noun, for a metric shortened to its head.
    by_head: HashMap<(Period, &'a str), Vec<usize>>,
    /// Every claim's metric, by head noun, in document order.
    metrics_by_head: HashMap<&'a str, Vec<&'a Metric>>,
    /// [`metric::unambiguous_head`] answers, by head and number of words.
    unambiguous: HashMap<(&'a str, usize), bool>,
}

impl<'a> Levels<'a> {
    fn new(check: &ChangeMismatch, analysis: &'a Analysis) -> Levels<'a> {
        let mut levels = Levels {
            by_key: HashMap::new(),
            by_head: HashMap::new(),
            metrics_by_head: HashMap::new(),
            unambiguous: HashMap::new(),
        };
        for (i, c) in analysis.claims.iter().enumerate() {
            let Some(metric) = c.metric.as_ref() else { continue };
            if let Some(head) = metric.head() {
                levels.metrics_by_head.entry(head).or_default().push(metric);
            }
            let usable = c.confidence >= check.params.min_confidence
                && !c.binding.component
                && c.binding.basis.is_none()
                && c.level.is_some();
            let Some(period) = c.period.filter(|_| usable) else { continue };
            levels.by_key.entry((period, metric.match_key())).or_default().push(i);
            if let Some(head) = metric.head() {
                levels.by_head.entry((period, head)).or_default().push(i);
            }
        }
        levels
    }

    /// Whether `metric`, shortened to its head, can name one fuller metric only.
    fn unambiguous_head(&mut self, metric: &'a Metric) -> bool {
        let Some(head) = metric.head() else { return false };
        let all = &self.metrics_by_head;
        *self
            .unambiguous
            .entry((head, metric.words.len()))
            .or_insert_with(|| metric::unambiguous_head(metric, all.get(head).into_iter().flatten().copied()))
    }
}

impl ChangeMismatch {
    /// The level of the same metric in the period before the claim's, stated earlier
    /// in the document; none when the binding is unsure or two such levels differ.
    fn earlier_level<'a>(
        &self,
        doc: &Document,
        analysis: &'a Analysis,
        levels: &mut Levels<'a>,
        index: usize,
    ) -> Option<(usize, Option<&'a Claim>)> {
        let claim = &analysis.claims[index];
        let metric = claim.metric.as_ref().filter(|_| claim.confidence >= self.params.min_confidence)?;
        let period = claim.period?;
        // "Up 4% year on year" for a quarter is against that quarter a year before.
        let period = match claim.binding.basis {
            Some(Basis::YearOnYear) if period.is_part_of_year() => period.a_year_before(),
            _ => period.previous(),
        };
        let to = &analysis.mentions[claim.level?];
        let paragraph = block_of(doc, claim);
        let earlier = |bucket: Option<&Vec<usize>>| -> Option<Vec<&'a Claim>> {
            let bucket = bucket.map_or(&[][..], Vec::as_slice);
            let before = &bucket[..bucket.partition_point(|&i| i < index)];
            let in_scope = match self.params.scope {
                Scope::Paragraph => {
                    &before[before.partition_point(|&i| block_of(doc, &analysis.claims[i]) < paragraph)..]
                }
                _ => before,
            };
            // So many levels of one metric for one period that which is meant cannot
            // be told (and a hostile document cannot make this quadratic).
            if in_scope.len() > MAX_EARLIER_LEVELS {
                return None;
            }
            Some(
                in_scope
                    .iter()
                    .map(|&i| &analysis.claims[i])
                    .filter(|c| c.level.is_some_and(|l| units_agree(&analysis.mentions[l], to)))
                    .collect(),
            )
        };
        let mut candidates: Vec<&Claim> = earlier(levels.by_key.get(&(period, metric.match_key())))?
            .into_iter()
            .filter(|c| c.metric.as_ref().is_some_and(|m| m.matches(metric)))
            .collect();
        if candidates.is_empty() {
            // "passenger traffic" … "traffic": a metric shortened to its head meets
            // the fuller one, when the document names no other metric of that head.
            let head = metric.head()?;
            if levels.unambiguous_head(metric) {
                candidates = earlier(levels.by_head.get(&(period, head)))?
                    .into_iter()
                    .filter(|c| c.metric.as_ref().is_some_and(|m| m.narrows(metric)))
                    .collect();
            }
        }
        let first = *candidates.last()?;
        let value = analysis.mentions[first.level?].value;
        // Two different levels for one metric and period: which one is meant is unclear.
        if candidates.iter().any(|c| c.level.and_then(|l| analysis.mentions[l].value) != value) {
            return None;
        }
        Some((first.level?, Some(first)))
    }

    #[allow(clippy::too_many_arguments)]
    fn compare(
        &self,
        doc: &Document,
        analysis: &Analysis,
        claim: &Claim,
        direction: Direction,
        amount: &Amount,
        from_index: usize,
        to_index: usize,
        earlier: Option<&Claim>,
    ) -> Option<Hit> {
        let (from, to) = (&analysis.mentions[from_index], &analysis.mentions[to_index]);
        if from_index == to_index || !levels_comparable(from, to) {
            return None;
        }
        let (f, t) = (from.interval, to.interval);
        // Levels that move against the stated direction are a different inconsistency.
        let moved_up = t.lo > f.hi;
        let moved_down = t.hi < f.lo;
        if (direction == Direction::Up && moved_down) || (direction == Direction::Down && moved_up) {
            return None;
        }
        let sign = if direction == Direction::Up { 1.0 } else { -1.0 };
        let slack = Interval::around(0.0, to.value?.abs() * self.params.tolerance);
        let (expected, stated, amount_range) = match amount {
            Amount::Percent(i) => {
                let p = &analysis.mentions[*i];
                let pct = p.interval.scale(sign / 100.0);
                let factor = Interval::point(1.0) + pct;
                (f * factor, format!("{} {}", p_text(p), noun(direction)), Some(p.range.clone()))
            }
            Amount::Absolute(i) => {
                let d = &analysis.mentions[*i];
                if d.kind != to.kind || (d.kind == MentionKind::Money && d.unit != to.unit) {
                    return None;
                }
                (
                    f + d.interval.scale(sign),
                    format!("{} of {}", noun_article(direction), describe::like(d.value?, to)),
                    Some(d.range.clone()),
                )
            }
            Amount::Factor { factor, text, range } => (f * *factor, text.clone(), Some(range.clone())),
            Amount::Points(_) => return None,
        };
        if !expected.is_bounded() || !t.is_bounded() || (expected + slack).meets(t) {
            return None;
        }
        let (fv, tv) = (from.value?, to.value?);
        let point_expected = match amount {
            Amount::Percent(i) => fv * (1.0 + sign * analysis.mentions[*i].value? / 100.0),
            Amount::Absolute(i) => fv + sign * analysis.mentions[*i].value?,
            Amount::Factor { factor, .. } => fv * factor.mid(),
            Amount::Points(_) => return None,
        };
        let actual = actual_change(amount, fv, tv, to);
        let from_text = describe::text_of(doc, from);
        let to_text = describe::text_of(doc, to);
        let period = claim.period.map(|p| p.to_string());
        let earlier_period = earlier.and_then(|c| c.period).map(|p| p.to_string());
        let from_label = match &earlier_period {
            Some(p) => format!("{from_text} ({p})"),
            None => from_text.clone(),
        };
        let expected_text = describe::like(point_expected, to);
        let applied = applied(&stated, amount, direction, &from_label);
        let explanation =
            format!("{applied} gives {expected_text}, not {to_text}; {from_text} → {to_text} is {actual}");
        let explain = vec![
            format!("earlier level {from_text}: {}", describe::span_of(f, to)),
            format!("{applied}: {}", describe::span_of(expected, to)),
            format!("stated level {to_text}: {}", describe::span_of(t, to)),
            if self.params.tolerance > 0.0 {
                format!(
                    "with the rule's tolerance the change allows {}, which {to_text} is outside",
                    describe::span_of(expected + slack, to)
                )
            } else {
                "the two do not meet: no values the figures' rounding allows reconcile them".to_string()
            },
        ];
        let the_stated = definite(&stated, amount, direction);
        let help = format!(
            "if {to_text} is right, the change was {actual}; if {the_stated} is right, the level was about {expected_text}"
        );
        let mut related = Vec::new();
        if let Some(range) = amount_range {
            related.push(("stated change".to_string(), range));
        }
        related.push((
            match &earlier_period {
                Some(p) => format!("earlier level ({p})"),
                None => "earlier level".to_string(),
            },
            from.range.clone(),
        ));
        let values = BTreeMap::from([
            ("explanation", explanation),
            ("stated_change", stated),
            ("the_stated_change", the_stated),
            ("applied", applied),
            ("from", from_text),
            ("to", to_text),
            ("expected", expected_text.clone()),
            ("actual_change", actual),
            ("period", period.unwrap_or_default()),
            ("earlier_period", earlier_period.unwrap_or_default()),
        ])
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
        Some(Hit {
            primary: to.range.clone(),
            label: format!("the stated change gives {expected_text}"),
            related,
            values,
            help: Some(help),
            explain,
        })
    }
}

/// Levels must be amounts of one unit; percentages as levels are left to the
/// points checks, where "rose 2%" may mean points.
fn levels_comparable(from: &Mention, to: &Mention) -> bool {
    matches!(to.kind, MentionKind::Money | MentionKind::Number)
        && units_agree(from, to)
        && from.interval.is_bounded()
        && from.value.is_some_and(|v| v > 0.0)
}

fn actual_change(amount: &Amount, from: f64, to: f64, like: &Mention) -> String {
    match amount {
        Amount::Absolute(_) => {
            let word = if to >= from { "an increase" } else { "a decrease" };
            format!("{word} of {}", describe::like((to - from).abs(), like))
        }
        Amount::Factor { .. } => {
            format!("a factor of {} ({})", describe::factor(to / from), describe::movement(from, to, like))
        }
        _ => describe::movement(from, to, like),
    }
}

fn p_text(p: &Mention) -> String {
    describe::percent(p.value.unwrap_or(0.0))
}

fn noun(direction: Direction) -> &'static str {
    if direction == Direction::Up { "rise" } else { "fall" }
}

fn noun_article(direction: Direction) -> &'static str {
    if direction == Direction::Up { "an increase" } else { "a decrease" }
}

/// The stated change applied to the earlier level, in words: "a 12% rise from
/// $30 billion", "doubling 710", "a cut by a third from 90".
fn applied(stated: &str, amount: &Amount, direction: Direction, from: &str) -> String {
    match amount {
        Amount::Percent(_) => {
            // "an 8% rise", "an 11% fall", "an 18% rise".
            format!("{} {stated} from {from}", describe::article(stated))
        }
        Amount::Factor { .. } if stated.starts_with("by ") => {
            format!("a {} {stated} from {from}", if direction == Direction::Up { "rise" } else { "cut" })
        }
        Amount::Factor { .. } => match stated.strip_suffix("ed") {
            Some(stem) => format!("{stem}ing {from}"),
            None => format!("{stated} from {from}"),
        },
        Amount::Absolute(_) | Amount::Points(_) => format!("{stated} from {from}"),
    }
}

/// The stated change as a definite noun phrase, for the help line: "the 12%
/// rise", "the increase of 900 students", "the doubling", "the cut by a third".
fn definite(stated: &str, amount: &Amount, direction: Direction) -> String {
    match amount {
        Amount::Factor { .. } if stated.starts_with("by ") => {
            format!("the {} {stated}", if direction == Direction::Up { "rise" } else { "cut" })
        }
        Amount::Factor { .. } => match stated.strip_suffix("ed") {
            Some(stem) => format!("the {stem}ing"),
            None => format!("the change ({stated})"),
        },
        _ => {
            let noun = stated.strip_prefix("an ").or_else(|| stated.strip_prefix("a ")).unwrap_or(stated);
            format!("the {noun}")
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::rule_messages;

    /// How many findings a change-mismatch rule with `params` reports in `text`.
    fn flagged(params: &str, text: &str) -> usize {
        rule_messages(&format!("id: cm\nkind: change-mismatch\nmessage: '{{explanation}}'\nparams: {params}\n"), text)
            .len()
    }

    const SPLIT: &str = "Farm exports reached $30 billion in 2021.\n\nThey rose 12% in 2022 to $45 billion.\n";
    const TOGETHER: &str = "Farm exports reached $30 billion in 2021. They rose 12% in 2022 to $45 billion.\n";

    #[test]
    fn scope_says_how_far_back_the_earlier_level_may_stand() {
        assert_eq!(flagged("{scope: document}", SPLIT), 1);
        assert_eq!(flagged("{scope: paragraph}", SPLIT), 0);
        assert_eq!(flagged("{scope: paragraph}", TOGETHER), 1);
        assert_eq!(flagged("{scope: sentence}", TOGETHER), 0);
    }

    #[test]
    fn earlier_levels_are_found_among_many_other_metrics_and_periods() {
        // The level is far back, behind hundreds of claims of other metrics and years.
        let mut text = String::from("Farm exports reached $30 billion in 2021.\n\n");
        for year in 1900..2020 {
            text.push_str(&format!("Fish landings reached {} tonnes in {year}.\n\n", 1000 + year));
            text.push_str(&format!("Timber exports reached ${} million in {year}.\n\n", year - 1800));
        }
        text.push_str("Farm exports rose 12% in 2022 to $45 billion.\n");
        assert_eq!(flagged("{scope: document}", &text), 1);
        assert_eq!(flagged("{scope: paragraph}", &text), 0);
    }

    #[test]
    fn too_many_earlier_levels_of_one_metric_and_period_leave_the_change_alone() {
        let repeated = |n: usize| {
            "Farm exports reached $30 billion in 2021. ".repeat(n) + "They rose 12% in 2022 to $45 billion.\n"
        };
        assert_eq!(flagged("{scope: paragraph}", &repeated(3)), 1);
        assert_eq!(flagged("{scope: paragraph}", &repeated(super::MAX_EARLIER_LEVELS)), 1);
        assert_eq!(flagged("{scope: paragraph}", &repeated(super::MAX_EARLIER_LEVELS + 1)), 0);
    }

    #[test]
    fn metric_filters_and_tolerance_narrow_what_is_flagged() {
        assert_eq!(flagged("{metric: [farm exports]}", TOGETHER), 1);
        assert_eq!(flagged("{metric: [imports, oil exports]}", TOGETHER), 0);
        // 45 is a third above 33.6: a 40% tolerance allows it.
        assert_eq!(flagged("{tolerance: 0.4}", TOGETHER), 0);
    }
}
