//! `points-vs-percent`: a change between two percentages stated in the wrong
//! unit ("fell from 7.4% to 5.9%, a drop of 1.5%", where 1.5 is the change in
//! points and the relative change is 20%; or "a decline of 20 points" where 20
//! is the relative change).
//!
//! The change is read from the claim that connects the two levels, or from a
//! change noun set beside it in apposition (", a drop of 1.5%"). A finding needs
//! the stated figure to fit one reading and not the other, every figure taken as
//! its interval: when both fit (small levels, loose rounding) or neither does
//! (a plain arithmetic error), the rule stays silent.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{Check, Hit, Kind, describe, read_params};
use crate::claims::{Amount, Analysis, Claim, Direction, Metric, metric};
use crate::extract::{Mention, MentionKind};
use crate::input::Document;
use crate::interval::Interval;
use crate::rules::{RuleError, RuleSpec};

pub const KIND: Kind = Kind {
    name: "points-vs-percent",
    summary: "A change between two percentages stated in percent where only points fit, or the reverse",
    compile,
};

/// The values a points-vs-percent message may use.
const PLACEHOLDERS: &[&str] = &[
    "stated",
    "from",
    "to",
    "misreading",
    "points_change",
    "relative_change",
    "relative_in_words",
    "direction",
    "right_wording",
];

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct Params {
    /// Only changes of these metrics are checked (any when empty).
    metric: Vec<String>,
    /// The most text between the later level and a change noun in apposition
    /// (", a drop of 3%"), in bytes.
    apposition_gap: Option<usize>,
}

/// The default for `apposition_gap`: ", a fall of" or " in the year to March, a
/// drop of" fit; a second clause does not.
const APPOSITION_GAP: usize = 40;

fn compile(spec: &RuleSpec) -> Result<Box<dyn Check>, RuleError> {
    let params: Params = read_params(spec)?;
    let metrics = params.metric.iter().map(|m| metric::normalise(m)).collect();
    Ok(Box::new(PointsVsPercent { metrics, gap: params.apposition_gap.unwrap_or(APPOSITION_GAP) }))
}

#[derive(Debug)]
struct PointsVsPercent {
    /// `params.metric`, normalised the way claims' metrics are.
    metrics: Vec<Metric>,
    gap: usize,
}

/// What unit the stated change is in.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Stated {
    Percent,
    Points,
}

impl Check for PointsVsPercent {
    fn run(&self, doc: &Document, analysis: &Analysis) -> Vec<Hit> {
        let mut hits = Vec::new();
        for (index, claim) in analysis.claims.iter().enumerate() {
            if claim.binding.component || !self.wants(claim) {
                continue;
            }
            let Some(change) = &claim.change else { continue };
            let (Some(from), Some(to)) = (change.from, claim.level) else { continue };
            let (from, to) = (&analysis.mentions[from], &analysis.mentions[to]);
            if from.kind != MentionKind::Percent || to.kind != MentionKind::Percent {
                continue;
            }
            let stated = match amount_mention(change.amount.as_ref()) {
                Some(i) => Some(i),
                None => self.apposed_change(doc, analysis, index, to, change.direction),
            };
            let Some(stated) = stated else { continue };
            if let Some(hit) = compare(doc, from, to, &analysis.mentions[stated], change.direction) {
                hits.push(hit);
            }
        }
        hits
    }

    fn placeholders(&self) -> Vec<String> {
        PLACEHOLDERS.iter().map(|p| p.to_string()).collect()
    }
}

impl PointsVsPercent {
    fn wants(&self, claim: &Claim) -> bool {
        self.metrics.is_empty()
            || claim.metric.as_ref().is_some_and(|m| self.metrics.iter().any(|wanted| wanted.matches(m)))
    }

    /// A change noun in apposition to the claim's later level ("…to 5.9%, a drop
    /// of 1.5%"): the next claim in the sentence, with no subject or levels of
    /// its own, the same direction, and only a short stretch of text without
    /// figures or clause breaks between.
    fn apposed_change(
        &self,
        doc: &Document,
        analysis: &Analysis,
        index: usize,
        to: &Mention,
        direction: Direction,
    ) -> Option<usize> {
        let claim = &analysis.claims[index];
        let next = analysis.claims.get(index + 1)?;
        let noun_alone = next.sentence == claim.sentence
            && next.metric.is_none()
            && next.level.is_none()
            && next.change.as_ref().is_some_and(|c| c.from.is_none() && c.direction == direction);
        if !noun_alone || next.cue.start < to.range.end {
            return None;
        }
        let between = doc.prose.get(to.range.end..next.cue.start)?;
        // ", an increase of", " over the summer, a drop of": the noun phrase opens
        // after a comma or dash with at most a word or two ("a", "or a") before
        // its cue; "…, and sales saw a rise of" is a clause of its own.
        let opening = between.rfind([',', '—', '–', '('])?;
        let lead = between[opening..].trim_start_matches([',', '—', '–', '(']);
        let lead_words = lead.split_whitespace().count();
        let apposition = between.len() <= self.gap
            && lead_words <= 2
            && lead.chars().all(|c| c.is_lowercase() || c.is_whitespace())
            && !between.contains([';', '.', '%'])
            && !between.chars().any(|c| c.is_ascii_digit());
        apposition.then(|| amount_mention(next.change.as_ref()?.amount.as_ref())).flatten()
    }
}

/// The mention a change amount names, for amounts stated as one figure.
fn amount_mention(amount: Option<&Amount>) -> Option<usize> {
    match amount? {
        Amount::Percent(i) | Amount::Points(i) | Amount::Absolute(i) => Some(*i),
        Amount::Factor { .. } => None,
    }
}

/// The finding when the stated change fits one reading of the two levels only.
fn compare(doc: &Document, from: &Mention, to: &Mention, stated: &Mention, direction: Direction) -> Option<Hit> {
    let unit = if stated.kind == MentionKind::Percent {
        Stated::Percent
    } else if describe::is_points(stated) {
        Stated::Points
    } else {
        return None;
    };
    let (f, t, s) = (from.interval, to.interval, stated.interval);
    if !(f.is_bounded() && t.is_bounded() && s.is_bounded()) || f.lo <= 0.0 || s.lo < 0.0 {
        return None;
    }
    // The levels must move the way the words say; the reverse is direction-mismatch's.
    let moved = match direction {
        Direction::Up => t.lo > f.hi,
        Direction::Down => t.hi < f.lo,
    };
    if !moved {
        return None;
    }
    let points = (t - f).abs();
    // t/f − 1 names each level once, so the interval is as tight as the figures.
    let relative = ((t / f) - Interval::point(1.0)).scale(100.0).abs();
    let (fits_points, fits_relative) = (s.meets(points), s.meets(relative));
    let misread = match unit {
        Stated::Percent => fits_points && !fits_relative,
        Stated::Points => fits_relative && !fits_points,
    };
    if !misread {
        return None;
    }
    let (fv, tv, sv) = (from.value?, to.value?, stated.value?);
    let points_text = points_phrase((tv - fv).abs());
    let relative_text = describe::percent(((tv / fv) - 1.0).abs() * 100.0);
    let mut stated_text = describe::text_of(doc, stated);
    if unit == Stated::Points && !stated_text.contains("point") {
        // The mention is the number; its unit word follows it in the text.
        stated_text.push_str(" points");
    }
    let from_text = describe::text_of(doc, from);
    let to_text = describe::text_of(doc, to);
    let direction_noun = if direction == Direction::Up { "rise" } else { "fall" };
    let (misreading, right_wording) = match unit {
        Stated::Percent => ("gives the change in points as a percentage", format!("{} percentage points", trimmed(sv))),
        Stated::Points => ("gives a percentage change as points", relative_text.clone()),
    };
    let explain = vec![
        format!("earlier level {from_text}: {}", describe::span_of(f, from)),
        format!("later level {to_text}: {}", describe::span_of(t, to)),
        format!("change in points: {} to {}", trimmed(points.lo), trimmed(points.hi)),
        format!("relative change: {} to {}", describe::percent(relative.lo), describe::percent(relative.hi)),
        format!(
            "stated {stated_text}: {} to {}, which meets the {} and not the {}",
            trimmed(s.lo),
            trimmed(s.hi),
            if unit == Stated::Percent { "points" } else { "relative change" },
            if unit == Stated::Percent { "relative change" } else { "points" },
        ),
    ];
    let help = match unit {
        Stated::Percent => format!(
            "if the difference is meant, write {right_wording}; as a percentage the {direction_noun} is {relative_text}"
        ),
        Stated::Points => format!(
            "if a relative change is meant, write {right_wording}; in points the {direction_noun} is {points_text}"
        ),
    };
    let values = BTreeMap::from([
        ("stated", stated_text),
        ("from", from_text),
        ("to", to_text),
        ("misreading", misreading.to_string()),
        ("points_change", points_text),
        ("relative_in_words", format!("{} {relative_text} {direction_noun}", describe::article(&relative_text))),
        ("relative_change", relative_text),
        ("direction", direction_noun.to_string()),
        ("right_wording", right_wording),
    ])
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    Some(Hit {
        primary: stated.range.clone(),
        label: match unit {
            Stated::Percent => "the change in points, written as a percentage".to_string(),
            Stated::Points => "a relative change, written as points".to_string(),
        },
        related: vec![("earlier level".to_string(), from.range.clone()), ("later level".to_string(), to.range.clone())],
        values,
        help: Some(help),
        explain,
    })
}

/// "1.5 points", "1 point".
fn points_phrase(points: f64) -> String {
    let text = trimmed(points);
    if text == "1" { "1 point".to_string() } else { format!("{text} points") }
}

/// A figure to two decimals at most: "1.5", "20".
fn trimmed(x: f64) -> String {
    describe::trim(format!("{x:.2}"))
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::rule_messages;

    /// The messages a points-vs-percent rule with `params` reports in `text`.
    fn messages(params: &str, text: &str) -> Vec<String> {
        let message = "{stated} {misreading}: {from} → {to} is {points_change}, {relative_in_words}";
        rule_messages(&format!("id: pp\nkind: points-vs-percent\nmessage: '{message}'\nparams: {params}\n"), text)
    }

    #[test]
    fn points_written_as_percent_are_flagged() {
        assert_eq!(
            messages("{}", "The jobless rate fell from 7.4% to 5.9%, a drop of 1.5%."),
            ["1.5% gives the change in points as a percentage: 7.4% → 5.9% is 1.5 points, a 20% fall"]
        );
    }

    #[test]
    fn a_relative_change_written_as_points_is_flagged() {
        assert_eq!(
            messages("{}", "Churn fell from 6.5% to 5.2%, a decline of 20 points."),
            ["20 points gives a percentage change as points: 6.5% → 5.2% is 1.3 points, a 20% fall"]
        );
    }

    #[test]
    fn the_right_unit_either_reading_or_neither_is_silent() {
        assert!(messages("{}", "The jobless rate fell from 7.4% to 5.9%, a drop of 1.5 percentage points.").is_empty());
        assert!(messages("{}", "The jobless rate fell from 7.4% to 5.9%, a drop of 20%.").is_empty());
        // Near 100% the two readings come close: 15 points is also a 16% fall.
        assert!(messages("{}", "Turnout fell from 95% to 80%, a fall of 16%.").is_empty());
        // 9 fits neither 3 points nor 25%: an arithmetic slip, not a unit slip.
        assert!(messages("{}", "The share fell from 12% to 9%, a drop of 9%.").is_empty());
    }

    #[test]
    fn a_change_in_a_separate_clause_is_not_read_as_the_apposition() {
        assert!(messages("{}", "The rate fell from 7.4% to 5.9%; prices saw a drop of 1.5%.").is_empty());
        assert!(messages("{}", "Backing rose from 44% to 55%, and turnout saw an increase of 25 points.").is_empty());
        assert_eq!(messages("{}", "Backing rose from 44% to 55% over the summer, an increase of 25 points.").len(), 1);
    }

    #[test]
    fn the_metric_filter_limits_what_is_checked() {
        let text = "The jobless rate fell from 7.4% to 5.9%, a drop of 1.5%.";
        assert_eq!(messages("{metric: [jobless rate]}", text).len(), 1);
        assert!(messages("{metric: [inflation]}", text).is_empty());
    }
}
