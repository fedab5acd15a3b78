//! `share-mismatch`: a part, its whole and the share stated with them that do not
//! agree ("38 of the 150 seats, or 31%"; "a fifth of the 45 members, 13 in
//! all"), and a part larger than its whole ("52 of the 40 seats").
//!
//! The three figures must stand together in one sentence in one of two shapes,
//! read from the text between the mentions:
//!
//! - part "of" whole, then the share in apposition: "38 of the 150 seats, or
//!   31%", "7 out of 11 hospitals (64%)";
//! - share "of" whole, then the part in apposition: "41% of the 520,000 cars, or
//!   213,000", "half of the 64 teams, 40 in all".
//!
//! Anything looser (a share "of the vote" after seats, a clause between) is not
//! read, so two different wholes never meet. Every figure is its interval; a
//! finding needs every value they allow to disagree.

use std::collections::BTreeMap;
use std::ops::Range;

use regex::Regex;
use serde::Deserialize;

use super::{Check, Hit, Kind, describe, read_params};
use crate::claims::Analysis;
use crate::extract::{Form, Mention, MentionKind};
use crate::input::Document;
use crate::interval::Interval;
use crate::rules::{RuleError, RuleSpec};

pub const KIND: Kind =
    Kind { name: "share-mismatch", summary: "A part, its whole and the share stated with them that disagree", compile };

/// The values a share-mismatch message may use.
const PLACEHOLDERS: &[&str] = &["explanation", "part", "whole", "share", "computed"];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct Params {
    /// Words that make a part of a whole: "38 of the 150", "7 out of 11".
    part_of: Vec<String>,
    /// Words that may stand between the connective and the whole: "of the 150",
    /// "of its 40". Besides these only possessives ("the region's") may.
    determiners: Vec<String>,
    /// Words after a part that say it is a count ("40 in all").
    totals: Vec<String>,
    /// How many words may name the whole after its figure ("seats in Sunday's
    /// election") before the share in apposition.
    max_noun_words: usize,
}

impl Default for Params {
    fn default() -> Params {
        Params {
            part_of: vec!["of".into(), "out of".into()],
            determiners: ["the", "its", "their", "his", "her", "our", "your", "this", "these", "those", "all"]
                .map(String::from)
                .to_vec(),
            totals: vec!["in all".into(), "in total".into(), "altogether".into(), "all told".into()],
            max_noun_words: 6,
        }
    }
}

fn compile(spec: &RuleSpec) -> Result<Box<dyn Check>, RuleError> {
    let params: Params = read_params(spec)?;
    let alternatives = |words: &[String]| {
        words
            .iter()
            .map(|w| w.split_whitespace().map(regex::escape).collect::<Vec<_>>().join(r"\s+"))
            .collect::<Vec<_>>()
            .join("|")
    };
    if params.part_of.is_empty() {
        return Err(RuleError::at_key(&spec.path, &spec.source, "params", "`part_of` needs at least one word".into()));
    }
    // "of the region's", "out of its": the connective and up to three
    // determiners or possessives. "of which", "of impairments and" are not a whole.
    let determiners = if params.determiners.is_empty() { "$^".to_string() } else { alternatives(&params.determiners) };
    let of = Regex::new(&format!(
        r"^\s+(?:{})\s+(?:(?:{determiners}|[\p{{L}}-]+['’]s?)\s+){{0,3}}$",
        alternatives(&params.part_of)
    ));
    let noun_words = params.max_noun_words;
    // The whole's noun, then ", or", "(" or a dash: the share or part in apposition.
    let apposition = Regex::new(&format!(r"^(?:\s+[\p{{L}}'’-]+){{0,{noun_words}}}\s*(?:,\s*or|\(|,|—|–)\s*$"));
    let totals = if params.totals.is_empty() { "$^".to_string() } else { alternatives(&params.totals) };
    // What may follow the figure in apposition: the end of the apposition.
    let closes = Regex::new(&format!(r"^\s*(?:(?:{totals})\s*)?(?:[,;.)—–]|$)"));
    let (Ok(of), Ok(apposition), Ok(closes)) = (of, apposition, closes) else {
        return Err(RuleError::at_key(
            &spec.path,
            &spec.source,
            "params",
            "the words in `part_of` or `totals` do not make a pattern; use plain words".into(),
        ));
    };
    Ok(Box::new(ShareMismatch { of, apposition, closes }))
}

#[derive(Debug)]
struct ShareMismatch {
    of: Regex,
    apposition: Regex,
    closes: Regex,
}

/// How a figure takes part in a share statement.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Role {
    /// A count or amount: a part or a whole.
    Amount,
    /// A percentage or a fraction ("a fifth"), as a share of 1.
    Share,
}

fn role(m: &Mention) -> Option<Role> {
    if m.form != Form::Plain || !m.interval.is_bounded() || m.value.is_none_or(|v| v < 0.0) {
        return None;
    }
    match m.kind {
        MentionKind::Percent => Some(Role::Share),
        MentionKind::Number if m.unit.as_deref() == Some("share") => Some(Role::Share),
        MentionKind::Number | MentionKind::Money => Some(Role::Amount),
        _ => None,
    }
}

/// The values a part or whole may take. A count stated to the unit ("7 of the
/// 11 hospitals") is exact, as there is no fraction of a hospital; a rounder
/// count ("1,200 voters") or an amount of money keeps its interval.
fn amount_interval(m: &Mention) -> Interval {
    let stated_to_the_unit = m.interval.hi - m.interval.lo <= 1.0;
    match m.value {
        Some(v) if m.kind == MentionKind::Number && m.qualifier.is_none() && v.fract() == 0.0 && stated_to_the_unit => {
            Interval::point(v)
        }
        _ => m.interval,
    }
}

/// A share as a fraction of 1.
fn fraction(m: &Mention) -> Interval {
    if m.kind == MentionKind::Percent { m.interval.scale(0.01) } else { m.interval }
}

/// Whether a part and a whole count the same thing: one kind, one currency, and
/// no two different counted nouns.
fn same_unit(part: &Mention, whole: &Mention) -> bool {
    part.kind == whole.kind
        && match (&part.unit, &whole.unit) {
            (Some(p), Some(w)) => p == w,
            _ => true,
        }
}

impl Check for ShareMismatch {
    fn run(&self, doc: &Document, analysis: &Analysis) -> Vec<Hit> {
        let mentions = &analysis.mentions;
        let sentence_of = |m: &Mention| analysis.sentences.partition_point(|s| s.end <= m.range.start);
        let between = |a: &Mention, b: &Mention| doc.prose.get(a.range.end..b.range.start);
        let mut hits = Vec::new();
        for (i, first) in mentions.iter().enumerate() {
            let Some(second) = mentions.get(i + 1) else { break };
            let (Some(r0), Some(Role::Amount)) = (role(first), role(second)) else { continue };
            if sentence_of(first) != sentence_of(second) || !between(first, second).is_some_and(|t| self.of.is_match(t))
            {
                continue;
            }
            // A time named in words between ("seats in Sunday's election") is part
            // of the whole's noun; the gap pattern refuses one written in digits.
            let third = mentions[i + 2..]
                .iter()
                .find(|m| !m.kind.is_temporal())
                .filter(|t| sentence_of(t) == sentence_of(first))
                .filter(|t| between(second, t).is_some_and(|g| self.apposition.is_match(g)))
                .filter(|t| doc.prose.get(t.range.end..).is_some_and(|rest| self.closes.is_match(rest)));
            let hit = match (r0, third.and_then(|t| Some((t, role(t)?)))) {
                (Role::Amount, Some((share, Role::Share))) => part_whole_share(doc, first, second, share),
                (Role::Share, Some((part, Role::Amount))) => share_whole_part(doc, first, second, part),
                (Role::Amount, _) => part_above_whole(doc, first, second),
                _ => None,
            };
            hits.extend(hit);
        }
        hits
    }

    fn placeholders(&self) -> Vec<String> {
        PLACEHOLDERS.iter().map(|p| p.to_string()).collect()
    }
}

/// "38 of the 150 seats, or 31%": the share the part and whole give.
fn part_whole_share(doc: &Document, part: &Mention, whole: &Mention, share: &Mention) -> Option<Hit> {
    if !same_unit(part, whole) || whole.interval.lo <= 0.0 {
        return None;
    }
    // A share cannot be more than the whole: clip to what a share can be.
    let computed = (amount_interval(part) / amount_interval(whole)).min(Interval::point(1.0));
    if !computed.is_bounded() || computed.meets(fraction(share)) {
        return None;
    }
    let as_written = part.value? / whole.value?;
    let computed_text = share_text(as_written, share);
    let (p, w, s) = (describe::text_of(doc, part), describe::text_of(doc, whole), describe::text_of(doc, share));
    let explanation = format!("{p} of {w} is {computed_text}, not {s}");
    let explain = vec![
        format!("part {p}: {}", describe::span_of(amount_interval(part), part)),
        format!("whole {w}: {}", describe::span_of(amount_interval(whole), whole)),
        format!("their share: {} to {}", share_text(computed.lo, share), share_text(computed.hi, share)),
        format!(
            "stated share {s}: {} to {}, which does not meet it",
            share_text(fraction(share).lo, share),
            share_text(fraction(share).hi, share)
        ),
    ];
    let help =
        format!("if {p} and {w} are right, the share is {computed_text}; if {s} is right, one of the counts is wrong");
    Some(hit(
        share.range.clone(),
        format!("{p} of {w} is {computed_text}"),
        &[("part", part), ("whole", whole)],
        explanation,
        help,
        explain,
        (p, w, s, computed_text),
    ))
}

/// "a fifth of the 45 members, 13 in all": the part the share and whole give.
fn share_whole_part(doc: &Document, share: &Mention, whole: &Mention, part: &Mention) -> Option<Hit> {
    if !same_unit(part, whole) || whole.interval.lo <= 0.0 {
        return None;
    }
    let expected = fraction(share) * amount_interval(whole);
    if !expected.is_bounded() || expected.meets(amount_interval(part)) {
        return None;
    }
    let fraction_value = if share.kind == MentionKind::Percent { share.value? / 100.0 } else { share.value? };
    let computed_text = count_text(fraction_value * whole.value?, part);
    let (s, w, p) = (describe::text_of(doc, share), describe::text_of(doc, whole), describe::text_of(doc, part));
    let explanation = format!("{s} of {w} is {computed_text}, not {p}");
    let explain = vec![
        format!("share {s}: {} to {}", share_text(fraction(share).lo, share), share_text(fraction(share).hi, share)),
        format!("whole {w}: {}", describe::span_of(amount_interval(whole), whole)),
        format!("the part they give: {}", describe::span_of(expected, part)),
        format!("stated part {p}: {}, which does not meet it", describe::span_of(amount_interval(part), part)),
    ];
    let help = format!(
        "if {s} of {w} is right, the part is about {computed_text}; if {p} is right, the share is {}",
        share_text(part.value? / whole.value?, share)
    );
    Some(hit(
        part.range.clone(),
        format!("{s} of {w} is {computed_text}"),
        &[("share", share), ("whole", whole)],
        explanation,
        help,
        explain,
        (p, w, s, computed_text),
    ))
}

/// "52 of the 40 seats": a part larger than every value of its whole.
fn part_above_whole(doc: &Document, part: &Mention, whole: &Mention) -> Option<Hit> {
    // Counts only: "$23 million of which $4 million" is money in a relative clause.
    if part.kind != MentionKind::Number
        || !same_unit(part, whole)
        || amount_interval(part).lo <= amount_interval(whole).hi
    {
        return None;
    }
    let (p, w) = (describe::text_of(doc, part), describe::text_of(doc, whole));
    let explanation = format!("{p} of {w} is more than the whole");
    let explain = vec![
        format!("part {p}: {}", describe::span_of(amount_interval(part), part)),
        format!("whole {w}: {}, all below the part", describe::span_of(amount_interval(whole), whole)),
    ];
    let help = format!("a part cannot be larger than its whole: either {p} or {w} is wrong");
    Some(hit(
        part.range.clone(),
        "larger than its whole".into(),
        &[("whole", whole)],
        explanation,
        help,
        explain,
        (p, w, String::new(), String::new()),
    ))
}

fn hit(
    primary: Range<usize>,
    label: String,
    related: &[(&str, &Mention)],
    explanation: String,
    help: String,
    explain: Vec<String>,
    (part, whole, share, computed): (String, String, String, String),
) -> Hit {
    let related = related.iter().map(|(label, m)| (label.to_string(), m.range.clone())).collect();
    let values = BTreeMap::from([
        ("explanation", explanation),
        ("part", part),
        ("whole", whole),
        ("share", share),
        ("computed", computed),
    ])
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    Hit { primary, label, related, values, help: Some(help), explain }
}

/// A share of 1 written like `like`: "25.3%" for a percentage, "0.25" for a fraction.
fn share_text(fraction: f64, like: &Mention) -> String {
    let pct = fraction * 100.0;
    if like.kind == MentionKind::Percent || like.unit.as_deref() == Some("share") {
        format!("{}%", describe::trim(format!("{pct:.1}")))
    } else {
        describe::trim(format!("{fraction:.3}"))
    }
}

/// A count in the style of `like`, to one decimal when it is not whole.
fn count_text(value: f64, like: &Mention) -> String {
    let mut plain = like.clone();
    plain.unit = None;
    if (value - value.round()).abs() < 0.05 {
        describe::like(value.round(), &plain)
    } else {
        describe::trim(format!("{value:.1}"))
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::rule_messages;

    /// The messages a share-mismatch rule with `params` reports in `text`.
    fn messages(params: &str, text: &str) -> Vec<String> {
        rule_messages(&format!("id: sm\nkind: share-mismatch\nmessage: '{{explanation}}'\nparams: {params}\n"), text)
    }

    #[test]
    fn a_share_the_part_and_whole_do_not_give_is_flagged() {
        assert_eq!(messages("{}", "The party took 22 of the 64 seats, or 41%."), ["22 of 64 is 34.4%, not 41%"]);
        assert_eq!(
            messages("{}", "Seven of the 11 hospitals (70%) missed the target."),
            ["Seven of 11 is 63.6%, not 70%"]
        );
    }

    #[test]
    fn a_part_the_share_and_whole_do_not_give_is_flagged() {
        assert_eq!(
            messages("{}", "A fifth of the 45 members, 13 in all, declared an interest."),
            ["A fifth of 45 is 9, not 13"]
        );
    }

    #[test]
    fn a_part_larger_than_its_whole_is_flagged() {
        assert_eq!(messages("{}", "Rebels held 52 of the 40 districts."), ["52 of 40 is more than the whole"]);
    }

    #[test]
    fn agreeing_figures_and_shares_of_other_wholes_are_silent() {
        assert!(messages("{}", "The party took 22 of the 64 seats, or 34%.").is_empty());
        assert!(messages("{}", "Two-thirds of the 1,200 voters polled, or 800, backed the plan.").is_empty());
        // The share is of the vote, not of the seats.
        assert!(messages("{}", "The party took 22 of the 64 seats, or 41% of the vote.").is_empty());
        // A clause between: the percentage is another figure.
        assert!(messages("{}", "The party took 22 of the 64 seats, while turnout was 41%.").is_empty());
        assert!(messages("{}", "Of the 64 seats, 22 went to the party, 41% more than in 2019.").is_empty());
    }

    #[test]
    fn the_connectives_are_parameters() {
        let text = "The party took 22 from 64 seats, or 41%.";
        assert!(messages("{}", text).is_empty());
        assert_eq!(messages("{part_of: [from]}", text).len(), 1);
    }
}
