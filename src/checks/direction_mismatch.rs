//! `direction-mismatch`: a word of direction that contradicts the levels it
//! connects ("revenue fell to $12m from $10m").
//!
//! Only a change that states both its levels is read: the earlier level after
//! "from", the later one after "to" (or the order the sentence gives). Every
//! figure is an interval, so "rose to 4.1% from 4.1%" or "fell to about 30 from
//! 31" stay silent: a finding needs every value the figures allow to move
//! against the word. Negative levels are left alone, since "the deficit
//! narrowed" may mean a smaller magnitude of a negative figure.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{Check, Hit, Kind, describe, read_params};
use crate::claims::{Analysis, Claim, Direction, Metric, metric, units_agree};
use crate::extract::{Mention, MentionKind};
use crate::input::Document;
use crate::rules::{RuleError, RuleSpec};

pub const KIND: Kind =
    Kind { name: "direction-mismatch", summary: "A word of direction that the levels it connects contradict", compile };

/// The values a direction-mismatch message may use.
const PLACEHOLDERS: &[&str] = &["cue", "from", "to", "stated_direction", "actual_direction", "actual_change"];

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct Params {
    /// Only changes of these metrics are checked (any when empty).
    metric: Vec<String>,
}

fn compile(spec: &RuleSpec) -> Result<Box<dyn Check>, RuleError> {
    let params: Params = read_params(spec)?;
    let metrics = params.metric.iter().map(|m| metric::normalise(m)).collect();
    Ok(Box::new(DirectionMismatch { metrics }))
}

#[derive(Debug)]
struct DirectionMismatch {
    /// `params.metric`, normalised the way claims' metrics are.
    metrics: Vec<Metric>,
}

impl Check for DirectionMismatch {
    fn run(&self, doc: &Document, analysis: &Analysis) -> Vec<Hit> {
        analysis.claims.iter().filter(|c| self.wants(c)).filter_map(|c| hit(doc, analysis, c)).collect()
    }

    fn placeholders(&self) -> Vec<String> {
        PLACEHOLDERS.iter().map(|p| p.to_string()).collect()
    }
}

impl DirectionMismatch {
    fn wants(&self, claim: &Claim) -> bool {
        // A contributor's direction is its own, not the whole's.
        !claim.binding.component
            && (self.metrics.is_empty()
                || claim.metric.as_ref().is_some_and(|m| self.metrics.iter().any(|wanted| wanted.matches(m))))
    }
}

/// The finding for one claim, when its levels move against its word.
fn hit(doc: &Document, analysis: &Analysis, claim: &Claim) -> Option<Hit> {
    let change = claim.change.as_ref()?;
    let (from_index, to_index) = (change.from?, claim.level?);
    let (from, to) = (&analysis.mentions[from_index], &analysis.mentions[to_index]);
    if from_index == to_index || !comparable(from, to) {
        return None;
    }
    let (f, t) = (from.interval, to.interval);
    let against = match change.direction {
        Direction::Up => t.hi < f.lo,
        Direction::Down => t.lo > f.hi,
    };
    if !against {
        return None;
    }
    let (fv, tv) = (from.value?, to.value?);
    let from_text = describe::text_of(doc, from);
    let to_text = describe::text_of(doc, to);
    let cue = doc.prose.get(claim.cue.clone())?.to_string();
    let (stated, actual) = match change.direction {
        Direction::Up => ("a rise", "a fall"),
        Direction::Down => ("a fall", "a rise"),
    };
    let actual_change = describe::movement(fv, tv, to);
    let explain = vec![
        format!("earlier level {from_text}: {}", describe::span_of(f, to)),
        format!("later level {to_text}: {}", describe::span_of(t, to)),
        format!(
            "every value of the later level is {} every value of the earlier one, so the change is {actual}, \
             not {stated} as \"{cue}\" says",
            if change.direction == Direction::Up { "below" } else { "above" }
        ),
    ];
    let help = format!(
        "if {from_text} and {to_text} are right, the change is {actual}; if \"{cue}\" is right, one of the figures is wrong or they are swapped"
    );
    let values = BTreeMap::from([
        ("cue", cue.clone()),
        ("from", from_text),
        ("to", to_text),
        ("stated_direction", stated.to_string()),
        ("actual_direction", actual.to_string()),
        ("actual_change", actual_change),
    ])
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    Some(Hit {
        primary: claim.cue.clone(),
        label: format!("says {stated}"),
        related: vec![("earlier level".to_string(), from.range.clone()), ("later level".to_string(), to.range.clone())],
        values,
        help: Some(help),
        explain,
    })
}

/// Two levels of one unit, both known and not negative.
fn comparable(from: &Mention, to: &Mention) -> bool {
    matches!(to.kind, MentionKind::Money | MentionKind::Number | MentionKind::Percent)
        && units_agree(from, to)
        && from.interval.is_bounded()
        && to.interval.is_bounded()
        && from.interval.lo >= 0.0
        && to.interval.lo >= 0.0
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::rule_messages;

    /// The messages a direction-mismatch rule with `params` reports in `text`.
    fn messages(params: &str, text: &str) -> Vec<String> {
        let message = r#""{cue}" says {stated_direction}; {from} → {to} is {actual_change}"#;
        rule_messages(&format!("id: dm\nkind: direction-mismatch\nmessage: '{message}'\nparams: {params}\n"), text)
    }

    #[test]
    fn a_fall_to_a_higher_level_is_flagged_with_the_movement() {
        assert_eq!(
            messages("{}", "Revenue fell to $12m from $10m."),
            ["\"fell\" says a fall; $10m → $12m is a 20% rise"]
        );
        assert_eq!(
            messages("{}", "The jobless rate climbed to 3.1% from 3.6%."),
            ["\"climbed\" says a rise; 3.6% → 3.1% is a fall of 0.5 points"]
        );
    }

    #[test]
    fn levels_that_move_with_the_word_or_may_not_move_are_silent() {
        assert!(messages("{}", "Revenue fell to $10m from $12m.").is_empty());
        // 30 and 31 with "about" overlap.
        assert!(messages("{}", "Attendance rose to about 30 from 31.").is_empty());
        // A deficit "narrowing" from -5 to -3 is a smaller magnitude.
        assert!(messages("{}", "The balance fell to -$3bn from -$5bn.").is_empty());
    }

    #[test]
    fn the_metric_filter_limits_what_is_checked() {
        let text = "Revenue fell to $12m from $10m.";
        assert_eq!(messages("{metric: [revenue]}", text).len(), 1);
        assert!(messages("{metric: [profit]}", text).is_empty());
    }
}
