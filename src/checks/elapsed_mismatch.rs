//! `elapsed-mismatch`: a stated elapsed time, anniversary or ordinal year that the
//! dates do not allow.
//!
//! Three forms, each with its start date in the same sentence:
//! - "N years after/since X in YEAR" ("Fifteen years after she opened the shop in
//!   2012", "20 years since the 2006 law"): N whole years, rounded either way;
//! - "the Nth anniversary of X in YEAR": by year number, N = end year − start year;
//! - "in its Nth year" (began YEAR): between N − 1 and N years have passed.
//!
//! The end is a time stated right before the phrase ("In 2016, ten years after
//! …") or a relative time of the sentence ("this year"), else the publication
//! date when the sentence speaks of the present. A sentence with other dates is
//! left alone: which of them ends the span cannot be told. Coarse dates cover
//! their span ("in 2001" is any day of 2001); a finding needs every day inside
//! the spans to contradict.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Deserialize;

use super::temporal::{self, DaySpan, date_text, ordinal, span_text};
use super::{Check, Hit, Kind, read_params};
use crate::claims::Analysis;
use crate::extract::{Form, Mention, MentionKind};
use crate::input::Document;
use crate::rules::{RuleError, RuleSpec};

pub const KIND: Kind = Kind {
    name: "elapsed-mismatch",
    summary: "An elapsed time, anniversary or ordinal year that the dates do not allow",
    compile,
};

const PLACEHOLDERS: &[&str] = &["start", "end", "expected", "stated", "hint", "explanation"];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct Params {
    /// Measure to the publication date when the sentence states no end.
    use_publication_date: bool,
    /// Words that put a sentence in the present, so that its span ends at publication.
    present_words: Vec<String>,
    /// Words before "its Nth year" that put it in the past ("was in its ninth year").
    past_words: Vec<String>,
    /// Words that say the date after them is when something began ("opened in 2014").
    start_words: Vec<String>,
    /// Words before "N years" that make it a bound or an estimate ("more than
    /// 20 years", "nearly 20 years"): never checked.
    bound_words: Vec<String>,
    /// Years an anniversary measured to the publication date may be written
    /// ahead of or after its year.
    anniversary_slack: i64,
}

impl Default for Params {
    fn default() -> Params {
        let list = |words: &[&str]| words.iter().map(|w| w.to_string()).collect::<Vec<_>>();
        Params {
            use_publication_date: true,
            present_words: list(&["is", "are", "has", "have", "marks", "mark", "now", "today", "celebrates"]),
            past_words: list(&["was", "were", "had"]),
            start_words: list(&[
                "began",
                "begun",
                "started",
                "opened",
                "founded",
                "launched",
                "established",
                "created",
                "formed",
                "since",
                "inaugurated",
                "set up",
                "first held",
            ]),
            bound_words: list(&[
                "more than",
                "over",
                "almost",
                "nearly",
                "some",
                "about",
                "around",
                "roughly",
                "approximately",
                "at least",
                "less than",
                "under",
                "close to",
                "upwards of",
                "barely",
                "only",
                "just",
                "well",
                "fewer than",
                "up to",
            ]),
            anniversary_slack: 1,
        }
    }
}

fn compile(spec: &RuleSpec) -> Result<Box<dyn Check>, RuleError> {
    let params: Params = read_params(spec)?;
    if !(0..=2).contains(&params.anniversary_slack) {
        return Err(RuleError::at_key(
            &spec.path,
            &spec.source,
            "params",
            "`anniversary_slack` must be 0, 1 or 2".into(),
        ));
    }
    Ok(Box::new(ElapsedMismatch { params }))
}

#[derive(Debug)]
struct ElapsedMismatch {
    params: Params,
}

/// Which form a stated elapsed time takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stated {
    /// "N years after X", "N years since X".
    Years,
    /// "the Nth anniversary of X".
    Anniversary,
    /// "in its Nth year".
    NthYear,
}

/// Where a span ends.
struct End {
    span: DaySpan,
    text: String,
    range: Option<Range<usize>>,
    publication: bool,
}

impl Check for ElapsedMismatch {
    fn run(&self, doc: &Document, analysis: &Analysis) -> Vec<Hit> {
        let mut hits = Vec::new();
        for s in 0..analysis.sentences.len() {
            for i in temporal::mentions_in(analysis, s) {
                let m = &analysis.mentions[i];
                let Some(form) = self.form(doc, analysis, i) else { continue };
                let start = match form {
                    Stated::Years => self.start_after(doc, analysis, s, i, form),
                    Stated::Anniversary => {
                        self.start_after(doc, analysis, s, i, form).or_else(|| self.start_by_cue(doc, analysis, s, i))
                    }
                    Stated::NthYear => self.start_by_cue(doc, analysis, s, i),
                };
                let Some(start) = start else { continue };
                let Some(end) = self.end(doc, analysis, s, i, start, form) else { continue };
                if let Some(hit) = self.compare(analysis, m, start, &end, form) {
                    hits.push(hit);
                }
            }
        }
        hits
    }

    fn placeholders(&self) -> Vec<String> {
        PLACEHOLDERS.iter().map(|p| p.to_string()).collect()
    }
}

impl ElapsedMismatch {
    /// The form mention `i` states, if it is one this check reads.
    fn form(&self, doc: &Document, analysis: &Analysis, i: usize) -> Option<Stated> {
        let m = &analysis.mentions[i];
        let n = m.value?;
        // "some 15 years", "more than 20 years": a bound, not a count to check.
        if m.qualifier.is_some() || m.form != Form::Plain || n.fract() != 0.0 || n < 1.0 {
            return None;
        }
        let before = temporal::words(crate::extract::text_before(&doc.prose, m.range.start, 24));
        if temporal::has_any(&before[before.len().saturating_sub(2)..], &self.params.bound_words) {
            return None;
        }
        let text = temporal::text(doc, &m.range).to_lowercase();
        let after = doc.prose.get(m.range.end..).unwrap_or_default();
        match (m.kind, m.unit.as_deref()) {
            (MentionKind::Duration, Some("year")) => {
                let follows = |w: &str| after.strip_prefix(' ').is_some_and(|a| a.starts_with(w));
                (text.ends_with(" after") || follows("after ") || follows("since ")).then_some(Stated::Years)
            }
            (MentionKind::Ordinal, Some("anniversary")) => Some(Stated::Anniversary),
            (MentionKind::Ordinal, Some("year")) => {
                let before = crate::extract::text_before(&doc.prose, m.range.start, 12);
                (before.ends_with("its ") || before.ends_with("their ")).then_some(Stated::NthYear)
            }
            _ => None,
        }
    }

    /// The start written after the phrase, in its clause: "after she opened the
    /// shop in 2012", "since the 2006 law", "anniversary of the first fair, held in 1951".
    fn start_after(&self, doc: &Document, analysis: &Analysis, s: usize, i: usize, form: Stated) -> Option<usize> {
        let m = &analysis.mentions[i];
        let commas_allowed = usize::from(form == Stated::Anniversary);
        let since = doc.prose.get(m.range.end..).is_some_and(|a| a.starts_with(" since "));
        for j in (i + 1)..temporal::mentions_in(analysis, s).end {
            let next = &analysis.mentions[j];
            let gap = doc.prose.get(m.range.end..next.range.start)?;
            let words = temporal::words(gap).len();
            if gap.len() > 80 || gap.matches(',').count() > commas_allowed || gap.contains([';', ':', '(', ')']) {
                return None;
            }
            if form == Stated::Anniversary && temporal::words(gap).first().map(String::as_str) != Some("of") {
                return None;
            }
            if since && words > 3 {
                return None;
            }
            if next.kind.is_temporal() || matches!(next.kind, MentionKind::Duration | MentionKind::Age) {
                return (temporal::is_absolute_time(next) && temporal::span_of(next).is_some()).then_some(j);
            }
        }
        None
    }

    /// The one start in the sentence marked by a start word ("which began in May
    /// 2022", "opened in a church hall in 2014").
    fn start_by_cue(&self, doc: &Document, analysis: &Analysis, s: usize, i: usize) -> Option<usize> {
        let sentence = analysis.sentences.get(s)?;
        let mut found = None;
        for j in temporal::mentions_in(analysis, s) {
            let m = &analysis.mentions[j];
            if j == i || !temporal::is_absolute_time(m) || temporal::span_of(m).is_none() {
                continue;
            }
            let previous_end = j.checked_sub(1).map_or(0, |k| analysis.mentions[k].range.end);
            let mut from = sentence.start.max(previous_end).max(m.range.start.saturating_sub(50));
            while !doc.prose.is_char_boundary(from) {
                from += 1;
            }
            let before = doc.prose.get(from..m.range.start)?;
            let clause = &before[before.rfind([',', ';', '(']).map_or(0, |k| k + 1)..];
            let words = temporal::words(clause);
            let tail = &words[words.len().saturating_sub(6)..];
            if temporal::has_any(tail, &self.params.start_words) {
                if found.is_some() {
                    return None;
                }
                found = Some(j);
            }
        }
        found
    }

    /// Where the span ends: a time in apposition right before the phrase ("In
    /// 2016, ten years after …"), the sentence's one relative time ("this year"),
    /// or the publication date for a sentence in the present with no other time.
    fn end(&self, doc: &Document, analysis: &Analysis, s: usize, i: usize, start: usize, form: Stated) -> Option<End> {
        let m = &analysis.mentions[i];
        let others: Vec<usize> = temporal::mentions_in(analysis, s)
            .filter(|&j| {
                j != i && j != start && matches!(analysis.mentions[j].kind, MentionKind::Year | MentionKind::Date)
            })
            .collect();
        if let [j] = others[..] {
            let other = &analysis.mentions[j];
            let span = temporal::span_of(other)?;
            let gap = temporal::between(doc, other, m).unwrap_or("x");
            let apposed = !gap.is_empty() && gap.chars().all(|c| c == ',' || c == ' ' || c == '\u{2014}');
            if apposed || other.form == Form::Relative {
                let range = Some(other.range.clone());
                return Some(End { span, text: span_text(span), range, publication: false });
            }
            return None;
        }
        if !others.is_empty() || !self.params.use_publication_date {
            return None;
        }
        let publication = doc.publication_date?;
        let sentence = analysis.sentences.get(s)?;
        let words = temporal::words(doc.prose.get(sentence.clone())?);
        let present = match form {
            Stated::Anniversary => true,
            Stated::Years => temporal::has_any(&words, &self.params.present_words),
            Stated::NthYear => {
                let before = temporal::words(crate::extract::text_before(&doc.prose, m.range.start, 24));
                let near = &before[before.len().saturating_sub(3)..];
                !temporal::has_any(near, &self.params.past_words)
            }
        };
        present.then(|| End {
            span: DaySpan::day(publication),
            text: format!("{} (the publication date)", date_text(publication)),
            range: None,
            publication: true,
        })
    }

    fn compare(&self, analysis: &Analysis, m: &Mention, start: usize, end: &End, form: Stated) -> Option<Hit> {
        let n = m.value? as i64;
        let start_mention = &analysis.mentions[start];
        let begun = temporal::span_of(start_mention)?;
        let (a, b) = temporal::years_between(begun, end.span)?;
        if a < 0 {
            return None;
        }
        let start_text = span_text(begun);
        let (expected, stated, hint, working) = match form {
            Stated::Years => {
                // "18 years" for 18.6 years is a rounding, not an error.
                let half = begun.first.checked_add(jiff::Span::new().years(b).months(6)).ok()?;
                let hi = if half <= end.span.last { b + 1 } else { b };
                if (a..=hi).contains(&n) {
                    return None;
                }
                let expected = format!("{} years", temporal::choices_text(a, b));
                let since = i64::from(end.span.last.year()) - n;
                let hint = format!(
                    "if {start_text} is right, say {expected}; if {n} years is right, the start was about {since}"
                );
                let working = format!("whole years from a day of {start_text} to {}: {a} to {b}", end.text);
                (expected, format!("{n} years"), hint, working)
            }
            Stated::Anniversary => {
                let slack = if end.publication { self.params.anniversary_slack } else { 0 };
                let lo = i64::from(end.span.first.year()) - i64::from(begun.last.year());
                let hi = i64::from(end.span.last.year()) - i64::from(begun.first.year());
                if (lo - slack..=hi + slack).contains(&n) || lo < 1 {
                    return None;
                }
                let due = i64::from(begun.first.year()) + n;
                let expected = if lo == hi {
                    format!("the {} anniversary", ordinal(lo))
                } else {
                    format!("the {} to {} anniversary", ordinal(lo), ordinal(hi))
                };
                let hint = format!("the {} anniversary of {start_text} falls in {due}", ordinal(n));
                let working = format!(
                    "by year number: {} − {} = {lo}{}",
                    end.span.first.year(),
                    begun.last.year(),
                    if slack > 0 {
                        format!(", allowing {slack} year either side for the publication date")
                    } else {
                        String::new()
                    }
                );
                (expected, format!("the {}", ordinal(n)), hint, working)
            }
            Stated::NthYear => {
                // In its nth year: n − 1 to n years have passed. Flagged only when
                // even the shortest reading is past n years, or the longest short
                // of n − 1.
                let years = |k: i64| jiff::Span::new().try_years(k).ok();
                let earliest_nth_end = begun.last.checked_add(years(n)?).ok()?;
                let latest_nth_start = begun.first.checked_add(years(n - 1)?).ok()?;
                if earliest_nth_end >= end.span.first && latest_nth_start <= end.span.last {
                    return None;
                }
                let expected = if a == b {
                    format!("its {} year", ordinal(a + 1))
                } else {
                    format!("its {} or {} year", ordinal(a + 1), ordinal(b + 1))
                };
                let hint = format!("its {} year begins {} years after {start_text}", ordinal(n), n - 1);
                let working = format!(
                    "whole years from a day of {start_text} to {}: {a} to {b}; the {} year needs {} to {n}",
                    end.text,
                    ordinal(n),
                    n - 1
                );
                (expected, format!("its {}", ordinal(n)), hint, working)
            }
        };
        let explanation = format!("{start_text} to {} is {expected}, not {stated}", end.text);
        let mut related = vec![("start".to_string(), start_mention.range.clone())];
        if let Some(range) = &end.range {
            related.push(("end".to_string(), range.clone()));
        }
        let explain = vec![
            format!("start: {} to {}", begun.first, begun.last),
            format!("end: {} to {}", end.span.first, end.span.last),
            working,
        ];
        let values = BTreeMap::from([
            ("start", start_text),
            ("end", end.text.clone()),
            ("expected", expected.clone()),
            ("stated", stated),
            ("hint", hint.clone()),
            ("explanation", explanation),
        ])
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
        Some(Hit {
            primary: m.range.clone(),
            label: format!("the dates give {expected}"),
            related,
            values,
            help: Some(hint),
            explain,
        })
    }
}

#[cfg(test)]
mod tests {
    fn flagged(date: Option<&str>, text: &str) -> usize {
        crate::checks::testing::builtin_messages("elapsed-mismatch", date, text).len()
    }

    #[test]
    fn years_since_allow_every_day_of_a_coarse_start_and_rounding() {
        let date = Some("2024-07-01");
        assert_eq!(flagged(date, "It is 20 years since the 2006 law."), 1);
        for n in [17, 18, 19] {
            assert_eq!(flagged(date, &format!("It is {n} years since the 2006 law.")), 0, "{n}");
        }
        assert_eq!(flagged(date, "It is 16 years since the 2006 law."), 1);
        assert_eq!(flagged(None, "It is 20 years since the 2006 law."), 0);
        assert_eq!(flagged(date, "It is nearly 20 years since the 2006 law."), 0);
        // Another date in the sentence: which one ends the span is unclear.
        assert_eq!(flagged(date, "It is 20 years since the 2006 law, passed in 2004 as a bill."), 0);
    }

    #[test]
    fn anniversaries_and_ordinal_years_follow_their_start() {
        let date = Some("2024-03-15");
        assert_eq!(flagged(date, "They marked the 28th anniversary of the founding in 1996."), 0);
        assert_eq!(flagged(date, "They marked the 30th anniversary of the founding in 1996."), 1);
        // A stated end is exact.
        assert_eq!(flagged(None, "In 2021, the 25th anniversary of the 1996 founding, they met."), 0);
        assert_eq!(flagged(date, "The strike, which began in January 2023, is in its second year."), 0);
        assert_eq!(flagged(date, "The strike, which began in January 2023, is in its third year."), 1);
        assert_eq!(flagged(date, "The strike, which began in January 2023, was in its third year."), 0);
    }
}
