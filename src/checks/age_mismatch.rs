//! `age-mismatch`: an age that the birth date or year and the reference date do
//! not allow ("Varga, 29, born in 1998" in an article of October 2025).
//!
//! An age is compared only with a birth it is surely bound to: a birth cue
//! ("born") in the same sentence with nothing but linking words between the age
//! and the cue ("Varga, 29, born in …", "Born in 1971, the 58-year-old", "Soto,
//! who turned 82 in March, was born in 1937"), or, for an age at death, a next
//! sentence that begins "He was born …" / "She was born …" after a sentence with
//! that one age. The reference date is the date of the event stated with the age
//! ("died on 2 October 2024 aged 75"), else the publication date. Every birthday
//! inside the birth's span and every day inside the reference's span is tried; a
//! finding needs the age to fit none of them.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::temporal::{self, DaySpan, date_text, span_text};
use super::{Check, Hit, Kind, read_params};
use crate::claims::Analysis;
use crate::extract::{Mention, MentionKind};
use crate::input::Document;
use crate::rules::{RuleError, RuleSpec};

pub const KIND: Kind =
    Kind { name: "age-mismatch", summary: "An age that the birth date and reference date do not allow", compile };

const PLACEHOLDERS: &[&str] = &["birth", "age", "when", "expected", "explanation"];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct Params {
    /// Ages without an event date of their own are ages at the publication date.
    use_publication_date: bool,
    /// Words that say the date after them is a birth.
    birth_words: Vec<String>,
    /// The only words that may stand between an age and the birth cue for the two
    /// to be one person's ("Ruiz, 60, who was born …").
    link_words: Vec<String>,
    /// Pronouns that may open the next sentence with a birth ("He was born …").
    pronouns: Vec<String>,
    /// Words that open a sentence about someone other than a named person ("Her
    /// husband died …"): such a sentence is never bound to the next one's birth.
    not_a_name: Vec<String>,
    /// At most this many words between the birth cue and the birth date ("born
    /// in Debrecen in 1998").
    max_cue_words: usize,
}

impl Default for Params {
    fn default() -> Params {
        let list = |words: &[&str]| words.iter().map(|w| w.to_string()).collect::<Vec<_>>();
        Params {
            use_publication_date: true,
            birth_words: list(&["born"]),
            link_words: list(&["who", "was", "is", "the", "a", "an", "has", "been", "and"]),
            pronouns: list(&["he", "she"]),
            not_a_name: list(&[
                "his", "her", "their", "its", "the", "a", "an", "my", "our", "your", "he", "she", "they", "it", "this",
                "that", "one",
            ]),
            max_cue_words: 6,
        }
    }
}

fn compile(spec: &RuleSpec) -> Result<Box<dyn Check>, RuleError> {
    let params: Params = read_params(spec)?;
    if params.birth_words.is_empty() {
        return Err(RuleError::at_key(&spec.path, &spec.source, "params", "`birth_words` must not be empty".into()));
    }
    Ok(Box::new(AgeMismatch { params }))
}

#[derive(Debug)]
struct AgeMismatch {
    params: Params,
}

/// A birth: the mention of its date and where its cue word starts.
#[derive(Debug, Clone, Copy)]
struct Birth {
    mention: usize,
    cue_start: usize,
}

impl Check for AgeMismatch {
    fn run(&self, doc: &Document, analysis: &Analysis) -> Vec<Hit> {
        let mut hits = Vec::new();
        for (s, _) in analysis.sentences.iter().enumerate() {
            let range = temporal::mentions_in(analysis, s);
            let ages: Vec<usize> = range.clone().filter(|&i| analysis.mentions[i].kind == MentionKind::Age).collect();
            // Two ages in a sentence are two people: which birth is whose is unclear.
            let [age] = ages[..] else { continue };
            let births: Vec<Birth> = range.clone().filter_map(|i| self.birth(doc, analysis, s, i)).collect();
            let (birth, same_sentence) = match births[..] {
                [birth] if self.bound(doc, analysis, age, birth) => (birth, true),
                [] => match self.birth_next_sentence(doc, analysis, s, age) {
                    Some(birth) => (birth, false),
                    None => continue,
                },
                _ => continue,
            };
            if let Some(hit) = self.compare(doc, analysis, s, age, birth, same_sentence) {
                hits.push(hit);
            }
        }
        hits
    }

    fn placeholders(&self) -> Vec<String> {
        PLACEHOLDERS.iter().map(|p| p.to_string()).collect()
    }
}

impl AgeMismatch {
    /// Whether mention `i` of sentence `s` is a birth date: an absolute year or date
    /// a few words after a birth cue, with no other time between.
    fn birth(&self, doc: &Document, analysis: &Analysis, s: usize, i: usize) -> Option<Birth> {
        let m = &analysis.mentions[i];
        if !temporal::is_absolute_time(m) || temporal::span_of(m).is_none() {
            return None;
        }
        let sentence_start = analysis.sentences.get(s)?.start;
        let previous_end = i.checked_sub(1).map_or(0, |j| analysis.mentions[j].range.end);
        let mut from = sentence_start.max(previous_end).max(m.range.start.saturating_sub(80));
        while !doc.prose.is_char_boundary(from) {
            from += 1;
        }
        let before = doc.prose.get(from..m.range.start)?;
        let mut words = 0;
        for (at, word) in word_starts(before).into_iter().rev() {
            if self.params.birth_words.iter().any(|b| b.eq_ignore_ascii_case(word)) {
                return Some(Birth { mention: i, cue_start: from + at });
            }
            words += 1;
            if words > self.params.max_cue_words || before[at..].contains([';', ':']) {
                return None;
            }
        }
        None
    }

    /// Whether the age and the birth cue are one person's: nothing but linking
    /// words (and, after "turned 82", the time it happened) between them.
    fn bound(&self, doc: &Document, analysis: &Analysis, age: usize, birth: Birth) -> bool {
        let a = &analysis.mentions[age];
        let b = &analysis.mentions[birth.mention];
        let gap = if a.range.end <= birth.cue_start {
            let gap = doc.prose.get(a.range.end..birth.cue_start).unwrap_or_default();
            if turned(doc, a) { skip_event_time(gap) } else { gap }
        } else if b.range.end <= a.range.start {
            doc.prose.get(b.range.end..a.range.start).unwrap_or_default()
        } else {
            return false;
        };
        gap.len() <= 48
            && !gap.contains([';', ':', '.'])
            && temporal::words(gap).iter().all(|w| self.params.link_words.iter().any(|l| l.eq_ignore_ascii_case(w)))
    }

    /// A birth at the start of the next sentence ("He was born on 9 November 1949"),
    /// for an age in a sentence that opens with a name.
    fn birth_next_sentence(&self, doc: &Document, analysis: &Analysis, s: usize, age: usize) -> Option<Birth> {
        let this = analysis.sentences.get(s)?;
        let first = temporal::words(doc.prose.get(this.clone())?).into_iter().next()?;
        let opens_with_name = doc.prose[this.start..].starts_with(char::is_uppercase)
            && !self.params.not_a_name.iter().any(|w| w.eq_ignore_ascii_case(&first));
        // Only an age whose event is dated ("died on … aged 75") is carried over.
        if !opens_with_name || self.event_date(doc, analysis, age).is_none() {
            return None;
        }
        let next = analysis.sentences.get(s + 1)?;
        let words = temporal::words(doc.prose.get(next.clone())?);
        let pronoun = words.first().is_some_and(|w| self.params.pronouns.iter().any(|p| p.eq_ignore_ascii_case(w)));
        let born = words.get(1).is_some_and(|w| w == "was")
            && words.get(2).is_some_and(|w| self.params.birth_words.iter().any(|b| b.eq_ignore_ascii_case(w)));
        if !pronoun || !born {
            return None;
        }
        let in_next = temporal::mentions_in(analysis, s + 1);
        if in_next.clone().any(|i| analysis.mentions[i].kind == MentionKind::Age) {
            return None;
        }
        in_next.into_iter().find_map(|i| self.birth(doc, analysis, s + 1, i)).filter(|b| {
            // The first time of the sentence, right after its cue.
            temporal::mentions_in(analysis, s + 1).next() == Some(b.mention)
        })
    }

    /// The date of the event stated with the age: "died on 2 October 2024 aged 75",
    /// "died in 2019, aged 72", "turned 82 in March 2023".
    fn event_date(&self, doc: &Document, analysis: &Analysis, age: usize) -> Option<usize> {
        let a = &analysis.mentions[age];
        let age_word = temporal::text(doc, &a.range).to_lowercase();
        if age_word.starts_with("aged") || age_word.starts_with("at the age") {
            let j = age.checked_sub(1)?;
            let m = &analysis.mentions[j];
            let gap = temporal::between(doc, m, a)?;
            let dated = matches!(m.kind, MentionKind::Year | MentionKind::Date) && temporal::span_of(m).is_some();
            return (dated && gap.chars().all(|c| c == ' ' || c == ',')).then_some(j);
        }
        if turned(doc, a) {
            let m = analysis.mentions.get(age + 1)?;
            let gap = temporal::between(doc, a, m)?;
            let dated = matches!(m.kind, MentionKind::Year | MentionKind::Date) && temporal::span_of(m).is_some();
            return (dated && matches!(gap.trim(), "in" | "on")).then_some(age + 1);
        }
        None
    }

    fn compare(
        &self,
        doc: &Document,
        analysis: &Analysis,
        s: usize,
        age: usize,
        birth: Birth,
        same_sentence: bool,
    ) -> Option<Hit> {
        let a = &analysis.mentions[age];
        let stated = a.value?;
        if stated.fract() != 0.0 || !(0.0..=125.0).contains(&stated) {
            return None;
        }
        let stated = stated as i64;
        let b = &analysis.mentions[birth.mention];
        let born = temporal::span_of(b)?;
        let event = self.event_date(doc, analysis, age);
        let (reference, when, event_range) = match event {
            Some(e) => {
                let m = &analysis.mentions[e];
                let span = temporal::span_of(m)?;
                let when = if span.is_day() {
                    format!("on {}", date_text(span.first))
                } else {
                    format!("in {}", span_text(span))
                };
                (span, when, Some(m.range.clone()))
            }
            None => {
                let publication = doc.publication_date.filter(|_| self.params.use_publication_date)?;
                // Another time in the sentence may date the age to then ("In 2010
                // Varga, 29, …", "born in 1932, the 24-year-old moved in 1956"):
                // only a span up to now ("since 2005") or a time of the
                // publication year leaves the age counted to publication.
                let dated_before = temporal::mentions_in(analysis, s).any(|i| {
                    let other = &analysis.mentions[i];
                    // "since 2005" is read with its "since" or after it.
                    let since = temporal::text(doc, &other.range).to_lowercase().starts_with("since ")
                        || crate::extract::text_before(&doc.prose, other.range.start, 8).ends_with("since ");
                    let this_year = temporal::span_of(other).is_some_and(|sp| sp.first.year() == publication.year());
                    i != birth.mention && temporal::is_absolute_time(other) && !since && !this_year
                });
                if dated_before || !same_sentence {
                    return None;
                }
                // "Turned 82" without a date: some day of the year before publication.
                let first_day = if turned(doc, a) {
                    publication.checked_sub(jiff::Span::new().years(1)).ok()?
                } else {
                    publication
                };
                (DaySpan { first: first_day, last: publication }, format!("in {}", publication.year()), None)
            }
        };
        let (lo, hi) = temporal::years_between(born, reference)?;
        if lo < 0 || (lo..=hi).contains(&stated) {
            return None;
        }
        let birth_text =
            if born.is_day() { format!("on {}", date_text(born.first)) } else { format!("in {}", span_text(born)) };
        let expected = temporal::choices_text(lo, hi);
        let explanation = format!("born {birth_text} and {stated} {when} cannot both hold: the age is {expected}");
        let explain = vec![
            format!("birth: {} to {}", born.first, born.last),
            format!(
                "age counted to {}: {} to {}",
                if event.is_some() { "the date of the event stated with it" } else { "the publication date" },
                reference.first,
                reference.last
            ),
            format!("whole years between: at least {lo}, at most {hi}; the text says {stated}"),
        ];
        let mut related = vec![("birth".to_string(), b.range.clone())];
        if let Some(range) = event_range {
            related.push(("date of the event the age is stated for".to_string(), range));
        }
        let help = format!(
            "if the birth {birth_text} is right, the age {when} was {expected}; otherwise check the birth date"
        );
        let values = BTreeMap::from([
            ("birth", birth_text),
            ("age", stated.to_string()),
            ("when", when),
            ("expected", expected.clone()),
            ("explanation", explanation),
        ])
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
        Some(Hit {
            primary: a.range.clone(),
            label: format!("the birth allows {expected}"),
            related,
            values,
            help: Some(help),
            explain,
        })
    }
}

/// Whether an age is stated as "turned 82": an age reached at some event.
fn turned(doc: &Document, a: &Mention) -> bool {
    temporal::text(doc, &a.range).to_lowercase().starts_with("turned")
}

/// A gap after "turned 82" without the time it happened: " in March, was " → ", was ".
fn skip_event_time(gap: &str) -> &str {
    let trimmed = gap.trim_start();
    for lead in ["in ", "on ", "last ", "this "] {
        if let Some(rest) = trimmed.strip_prefix(lead) {
            let word_end = rest.find(|c: char| !c.is_alphanumeric()).unwrap_or(rest.len());
            let word = &rest[..word_end];
            if crate::extract::month_number(word).is_some() || word.chars().all(|c| c.is_ascii_digit()) {
                let rest = &rest[word_end..];
                // "in March 2023": the year too.
                let rest = rest
                    .strip_prefix(' ')
                    .filter(|r| r.starts_with(|c: char| c.is_ascii_digit()))
                    .map_or(rest, |r| r.trim_start_matches(|c: char| c.is_ascii_digit()));
                return rest;
            }
        }
    }
    gap
}

/// Each word of a text with its byte offset.
fn word_starts(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        let in_word = c.is_alphanumeric() || c == '-';
        match (start, in_word) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flagged(date: Option<&str>, text: &str) -> usize {
        crate::checks::testing::builtin_messages("age-mismatch", date, text).len()
    }

    #[test]
    fn an_age_is_compared_only_with_its_own_persons_birth() {
        let date = Some("2023-05-10");
        assert_eq!(flagged(date, "Born in 1971, the 58-year-old won."), 1);
        assert_eq!(flagged(date, "Born in 1965, the 58-year-old won."), 0);
        assert_eq!(flagged(None, "Born in 1971, the 58-year-old won."), 0);
        // Someone else's birth, or two ages: no binding.
        assert_eq!(flagged(date, "Reyes, 58, whose mother was born in 1971, won."), 0);
        assert_eq!(flagged(date, "Reyes, 58, and Lee, born in 1971, won."), 0);
        assert_eq!(flagged(date, "Reyes, 58, and Lee, 30, both born in 1971, won."), 0);
        // The next sentence's birth binds only after a sentence opening with a name.
        assert_eq!(flagged(None, "Ann Lee died on 2 October 2024 aged 75. She was born in 1960."), 1);
        assert_eq!(flagged(None, "Her husband died on 2 October 2024 aged 75. She was born in 1960."), 0);
    }

    #[test]
    fn the_time_of_turning_an_age_is_skipped() {
        assert_eq!(skip_event_time(" in March, was "), ", was ");
        assert_eq!(skip_event_time(" in March 2023, was "), ", was ");
        assert_eq!(skip_event_time(" in office, was "), " in office, was ");
    }

    #[test]
    fn words_are_found_with_their_offsets() {
        assert_eq!(word_starts("born in Debrecen in "), [(0, "born"), (5, "in"), (8, "Debrecen"), (17, "in")]);
    }
}
