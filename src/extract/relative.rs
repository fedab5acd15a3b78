//! Lengths of time, and times stated against another time: "for 18 months",
//! "eighteen months", "a year and a half", "the 58-year-old", "two years ago",
//! "last month", "the past five years", "yesterday", "on Wednesday".
//!
//! One pattern, [`span`], finds every length of time: an optional lead word ("last",
//! "the past"), an optional amount in digits or words, a unit, and an optional word
//! after ("ago", "later", "-old"). What the words around it make of it:
//!
//! - an amount and a unit is a duration, `time` "P18M", `value` the amount;
//! - "-old" makes it an age ("P58Y");
//! - "ago", and "last", "this" and "next" without an amount, make it a time counted
//!   back or on from the publication date, [`Form::Relative`]: "2022" (a year
//!   mention, so claims can take it as their period), "2023-03" (a month),
//!   "2023-04-05" (a day), "2023-W14" (a week), "2023-Q1" (a quarter). Without a
//!   publication date its `time` is `None`: a relative time is never guessed;
//! - "the previous year", "the following month", "the next day" are counted from a
//!   time the text names, not from the publication date: relative, without a value,
//!   and a note says so;
//! - "after", "later", "earlier" and "before" after a duration ("three years after")
//!   and "the past", "the last", "the next" before one ("the past five years") stay
//!   durations, with the word in the mention's text and a note on where it is
//!   counted from.

use std::ops::Range;

use super::calendar::{Toward, Unit, shift, weekday_date};
use super::{Context, Form, Mention, MentionKind};
use crate::interval::Interval;

/// Words before a unit that count it from the publication date or from another time.
const LEAD: &str = r"(?:[Pp]ast|[Ll]ast|[Nn]ext|[Cc]oming|[Tt]his|(?:[Ee]arlier|[Ll]ater)(?-u:\s)+this|[Pp]revious|[Ff]ollowing|[Pp]receding)";
/// Amounts in digits, or in the words durations are written with (see [`amount`]).
const AMOUNT: &str = r"(?:[0-9]+(?:\.[0-9]+)?|(?i-u:(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|(?:a(?-u:\s)+)?couple(?-u:\s)+of|half(?-u:\s)+an?|an?))";
const HALF: &str = r"(?:(?-u:\s)+and(?-u:\s)+a(?-u:\s)+half)";
const UNIT: &str = r"(?i-u:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|century|centuries|quarters?)";
const TRAIL: &str = r"(?:[- ]old|(?-u:\s)+(?:ago|after|later|earlier|before))";

/// The pattern of every length of time, for the combined search.
pub fn span() -> String {
    format!(r"(?:{LEAD}(?-u:\s)+(?:{AMOUNT}{HALF}?[- ])?|{AMOUNT}{HALF}?[- ]){UNIT}{HALF}?{TRAIL}?")
}

/// Days named against the publication date.
pub const DAY_WORD: &str = r"[Tt]oday|[Yy]esterday|[Tt]omorrow";

const UP_TO_NOW: &str = "a span that ends at the time of writing";
const FROM_NOW: &str = "a span that starts at the time of writing";
const FROM_CONTEXT: &str = "counted from another time the text names";

/// The lead words, as read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lead {
    Past,
    Last,
    Next,
    Coming,
    This,
    EarlierThis,
    LaterThis,
    Previous,
    Following,
}

impl Lead {
    /// The lead a first word starts ("earlier" of "earlier this").
    fn parse(word: &str) -> Option<Lead> {
        Some(match word {
            "past" => Lead::Past,
            "last" => Lead::Last,
            "next" => Lead::Next,
            "coming" => Lead::Coming,
            "this" => Lead::This,
            "earlier" => Lead::EarlierThis,
            "later" => Lead::LaterThis,
            "previous" | "preceding" => Lead::Previous,
            "following" => Lead::Following,
            _ => return None,
        })
    }
}

/// The words of a matched span: byte ranges in its text, split at spaces and hyphens.
/// No span the pattern finds has more than a dozen.
struct Words<'t> {
    lower: &'t str,
    at: [(usize, usize); 16],
    len: usize,
}

impl<'t> Words<'t> {
    fn split(lower: &'t str) -> Option<Words<'t>> {
        let mut words = Words { lower, at: [(0, 0); 16], len: 0 };
        let mut start = None;
        for (i, c) in lower.char_indices().chain([(lower.len(), ' ')]) {
            if c.is_whitespace() || c == '-' {
                if let Some(s) = start.take() {
                    *words.at.get_mut(words.len)? = (s, i);
                    words.len += 1;
                }
            } else if start.is_none() {
                start = Some(i);
            }
        }
        Some(words)
    }

    fn word(&self, i: usize) -> &'t str {
        self.at.get(i).filter(|_| i < self.len).map_or("", |&(s, e)| &self.lower[s..e])
    }

    /// Whether "and a half" stands at `i`.
    fn half_at(&self, i: usize) -> bool {
        self.word(i) == "and" && self.word(i + 1) == "a" && self.word(i + 2) == "half"
    }
}

/// The mention a length of time at `range` states (a match of [`span`]), or `None`
/// when the words turn out to be something else ("a second term", "three quarters
/// of voters"). The pattern guarantees the shape (lead, amount, unit, "and a half",
/// trailing word), so the words are read by hand, not with a pattern's groups.
pub fn read_span(prose: &str, range: Range<usize>, context: &Context) -> Option<Mention> {
    // "10-15 years", "2 1/2 years": the amount ends a range or a fraction, which the
    // figures pass reads whole.
    let mut before = prose[..range.start].chars().rev();
    if before.next().is_some_and(|c| matches!(c, '-' | '–' | '/' | '.'))
        && before.next().is_some_and(|c| c.is_ascii_digit())
    {
        return None;
    }
    // The text in lower case, on the stack: no span the pattern finds is longer.
    let mut buffer = [0u8; 96];
    let text = prose[range.clone()].as_bytes();
    let lower = buffer.get_mut(..text.len())?;
    lower.copy_from_slice(text);
    lower.make_ascii_lowercase();
    let lower = std::str::from_utf8(lower).ok()?;
    let words = Words::split(lower)?;
    let at = |i: usize| range.start + words.at[i].0;
    let (lead, i) = match (Lead::parse(words.word(0)), words.word(1)) {
        (Some(Lead::EarlierThis | Lead::LaterThis), "this") => (Lead::parse(words.word(0)), 2),
        (Some(Lead::EarlierThis | Lead::LaterThis), _) => (None, 0),
        (lead, _) => (lead, usize::from(lead.is_some())),
    };
    let lead = lead.map(|lead| (lead, range.start));
    let unit_index = (i..words.len).find(|&j| Unit::parse(words.word(j)).is_some())?;
    let unit_text = words.word(unit_index);
    let unit = Unit::parse(unit_text)?;
    let plural = unit_text.ends_with('s');
    if unit_index == i {
        let (lead, lead_start) = lead?;
        // "in past years", "the following months": no one time.
        // "the last year of the war" is its final year.
        if plural || prose[range.end..].starts_with(" of ") {
            return None;
        }
        return without_amount(lead, unit, Before::at(prose, lead_start), range, context);
    }
    let mut amount_end = unit_index;
    let mut halves = unit_index >= i + 4 && words.half_at(unit_index - 3);
    if halves {
        amount_end -= 3;
    }
    let mut k = unit_index + 1;
    if words.half_at(k) {
        halves = true;
        k += 3;
    }
    let trail = (k < words.len).then(|| words.word(k));
    let amount_text = &lower[words.at[i].0..words.at[amount_end - 1].1];
    let value = amount(amount_text)? + if halves { 0.5 } else { 0.0 };
    let article = amount_text == "a" || amount_text == "an";
    // "three quarters of voters", "a second term", "twenty second", "one day, she…":
    // not durations.
    if unit == Unit::Quarter
        || (unit_text == "second" && (value != 1.0 || article) && !lower[..words.at[unit_index].0].ends_with('-'))
        || (amount_text == "one" && unit == Unit::Day && trail.is_none() && lead.is_none())
    {
        return None;
    }
    // "a year" is a length of time after "for", "within" and the like; elsewhere it
    // is often a rate ("£30,000 a year", "twice a day") or a noun ("a year of growth").
    if article && trail.is_none() && lead.is_none() && !prose[range.end..].starts_with("-long") {
        let previous = last_word(&prose[..range.start]);
        if !DURATION_WORDS.iter().any(|w| w.eq_ignore_ascii_case(previous)) {
            return None;
        }
    }
    let from_amount = at(i)..range.end;
    match trail {
        Some("old") => {
            let mut m = duration(MentionKind::Age, from_amount, value, unit);
            m.unit = Some(format!("{}s", unit.name()));
            Some(m)
        }
        Some("ago") => {
            let time = context.publication.and_then(|p| shift(p, unit, -value));
            let kind = time.as_ref().map_or(unit.kind(), |(kind, _)| *kind);
            Some(relative(kind, from_amount, time.map(|(_, t)| t), None))
        }
        Some(_) => {
            let mut m = duration(MentionKind::Duration, from_amount, value, unit);
            m.note = Some(FROM_CONTEXT.into());
            Some(m)
        }
        None => {
            // "the past five years" keeps its lead in its text; "this two-year plan" does not.
            // "the last three months of 2021" are counted from 2021, not from now.
            let of_another = prose[range.end..].starts_with(" of ");
            let counted = lead.filter(|_| !of_another).and_then(|(lead, lead_start)| {
                let note = match lead {
                    Lead::Past | Lead::Last => UP_TO_NOW,
                    Lead::Next | Lead::Coming => FROM_NOW,
                    Lead::Previous | Lead::Following if Before::at(prose, lead_start) != Before::Bare => FROM_CONTEXT,
                    _ => return None,
                };
                Some((note, lead_start))
            });
            let start = counted.map_or(from_amount.start, |(_, start)| start);
            let mut m = duration(MentionKind::Duration, start..range.end, value, unit);
            m.note = counted.map(|(note, _)| note.to_string());
            Some(m)
        }
    }
}

/// What stands before a lead word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Before {
    Bare,
    /// "the next year": the year after one the text names.
    The,
    /// "over the next year", "during the last month": a span from or to the time of writing.
    SpanThe,
}

impl Before {
    fn at(prose: &str, start: usize) -> Before {
        let head = super::text_before(prose, start, super::LOOK_AROUND).trim_end();
        let last = last_word(head);
        if !last.eq_ignore_ascii_case("the") {
            return Before::Bare;
        }
        // `last` may have lost trailing marks ("the«"): cut where it starts, not by its length.
        let word_start =
            head.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’').len() - last.len();
        let preposition = last_word(&head[..word_start]);
        if ["over", "within", "during", "throughout", "for"].iter().any(|p| p.eq_ignore_ascii_case(preposition)) {
            Before::SpanThe
        } else {
            Before::The
        }
    }
}

/// "last year", "this month", "the previous year", "the past decade": a lead word
/// and a unit.
fn without_amount(lead: Lead, unit: Unit, before: Before, range: Range<usize>, context: &Context) -> Option<Mention> {
    let calendar = matches!(unit, Unit::Year | Unit::Month | Unit::Week | Unit::Quarter);
    let long = matches!(unit, Unit::Decade | Unit::Century);
    let span = |note: &str| {
        let mut m = duration(MentionKind::Duration, range.clone(), 1.0, unit);
        m.note = Some(note.to_string());
        Some(m)
    };
    match lead {
        Lead::Past if unit != Unit::Second => span(UP_TO_NOW),
        Lead::Coming if unit != Unit::Second => span(FROM_NOW),
        Lead::Last if long || (before == Before::SpanThe && unit != Unit::Second) => span(UP_TO_NOW),
        Lead::Next if long || (before == Before::SpanThe && unit != Unit::Second) => span(FROM_NOW),
        Lead::Next if before == Before::The && (calendar || unit == Unit::Day) => {
            Some(relative(unit.kind(), range, None, Some(FROM_CONTEXT)))
        }
        Lead::Previous | Lead::Following if calendar || unit == Unit::Day => {
            Some(relative(unit.kind(), range, None, Some(FROM_CONTEXT)))
        }
        // "the last year" may be the twelve months to now or the final year of something.
        Lead::Last | Lead::Next if before != Before::Bare => None,
        Lead::Last | Lead::This | Lead::Next | Lead::EarlierThis | Lead::LaterThis if calendar => {
            let by = match lead {
                Lead::Last => -1.0,
                Lead::Next => 1.0,
                _ => 0.0,
            };
            let note = match lead {
                Lead::EarlierThis => Some("before the time of writing"),
                Lead::LaterThis => Some("after the time of writing"),
                _ => None,
            };
            let time = context.publication.and_then(|p| shift(p, unit, by)).map(|(_, t)| t);
            Some(relative(unit.kind(), range, time, note))
        }
        _ => None,
    }
}

/// Words after which "a year", "an hour" is a length of time.
const DURATION_WORDS: &[&str] = &[
    "for", "within", "over", "after", "than", "nearly", "almost", "about", "around", "roughly", "just", "only",
    "least", "barely", "under", "some", "whole", "entire", "full",
];

/// The number an amount of a duration is written as: digits, "one" to "nineteen",
/// "twenty" to "ninety" and their compounds ("twenty-five"), "a" and "an", "a
/// couple of", "half a". It covers only the words durations and relative times are
/// written with, until a general reader of number words can take its place.
fn amount(words: &str) -> Option<f64> {
    if words.starts_with(|c: char| c.is_ascii_digit()) {
        return words.parse().ok();
    }
    let mut parts = words.split_whitespace();
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some("a" | "an"), None, _, _) => return Some(1.0),
        (Some("a"), Some("couple"), Some("of"), None) | (Some("couple"), Some("of"), None, _) => return Some(2.0),
        (Some("half"), Some("a" | "an"), None, _) => return Some(0.5),
        _ => {}
    }
    let word_value = |w: &str| super::words::cardinal_value(w).filter(|&v| v > 0);
    let mut total = 0;
    for (i, word) in words.split(['-', ' ']).enumerate() {
        let value = word_value(word)?;
        // Only a ten may come first in a compound, and only a unit after it.
        if i > 0 && (total % 10 != 0 || total < 20 || value >= 10) {
            return None;
        }
        total += value;
    }
    Some(total as f64)
}

fn duration(kind: MentionKind, range: Range<usize>, value: f64, unit: Unit) -> Mention {
    Mention {
        time: Some(unit.duration(value)),
        unit: Some(unit.name().to_string()),
        ..Mention::valued(kind, range, value, Interval::point(value))
    }
}

/// A time stated against another: `time` is `None` until it is resolved.
pub fn relative(kind: MentionKind, range: Range<usize>, time: Option<String>, note: Option<&str>) -> Mention {
    Mention { time, form: Form::Relative, note: note.map(str::to_string), ..Mention::new(kind, range) }
}

/// The last word of `text`, without the punctuation around it.
fn last_word(text: &str) -> &str {
    text.trim_end()
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
}

/// "today", "yesterday", "tomorrow": a date when the publication date is known.
pub fn day_word(prose: &str, range: Range<usize>, context: &Context) -> Mention {
    let by = match prose[range.clone()].to_ascii_lowercase().as_str() {
        "yesterday" => -1.0,
        "tomorrow" => 1.0,
        _ => 0.0,
    };
    let time = context.publication.and_then(|p| shift(p, Unit::Day, by)).map(|(_, t)| t);
    relative(MentionKind::Date, range, time, None)
}

/// A weekday. Its name is kept as its unit; its time is the date it falls on, seen
/// from the publication date: the last such day on or before it, or the next one
/// after it when the words before say the event is to come ("will", "is due",
/// "next"). Without a publication date, and when it is paired with a date or with
/// "today" ("Thursday, April 7, 2023", "today, Monday") — a pair a weekday check
/// compares — its time stays the weekday's name. Plurals ("on Mondays") are habits,
/// not days.
pub fn weekday(prose: &str, range: Range<usize>, context: &Context) -> Mention {
    let text = &prose[range.clone()];
    let name = text.trim_end_matches('s');
    let mut m = Mention {
        time: Some(name.to_string()),
        unit: Some(name.to_string()),
        ..Mention::new(MentionKind::Weekday, range.clone())
    };
    let Some(publication) = context.publication else { return m };
    let previous = last_word(&prose[..range.start]);
    // "on Mondays", "every Monday", "the first Saturday of each month": habits;
    // "Black Friday", "Easter Monday": names of days, not days of this week.
    let habit = name.len() < text.len()
        || ["every", "each", "first", "second", "third", "fourth", "fifth"]
            .iter()
            .any(|w| w.eq_ignore_ascii_case(previous))
        || prose[range.end..].starts_with(" of ");
    if habit || DAY_NAMES.contains(&previous) || paired(prose, &range) {
        return m;
    }
    let toward = if previous.eq_ignore_ascii_case("last") {
        Toward::Before
    } else if to_come(prose, &range) {
        Toward::After
    } else {
        Toward::OnOrBefore
    };
    if let Some(date) = weekday_date(publication, name, toward) {
        m.time = Some(date.to_string());
        m.form = Form::Relative;
    }
    m
}

/// Words that make a weekday part of a name ("Black Friday", "Ash Wednesday").
const DAY_NAMES: &[&str] =
    &["Black", "Good", "Cyber", "Ash", "Easter", "Holy", "Super", "Palm", "Shrove", "Maundy", "Bloody", "Giving"];

/// Whether a weekday stands beside a date or a day word that names the same day.
fn paired(prose: &str, range: &Range<usize>) -> bool {
    let after = prose[range.end..].trim_start_matches([',', ' ', '\u{a0}']);
    let after = after.strip_prefix("the ").unwrap_or(after);
    let next = &after[..after.find(|c: char| !(c.is_ascii_alphanumeric() || c == '.')).unwrap_or(after.len())];
    if next.starts_with(|c: char| c.is_ascii_digit()) || super::temporal::month_number(next).is_some() {
        return true;
    }
    let before = prose[..range.start].trim_end_matches([',', ' ', '(', '\u{a0}']);
    ["today", "yesterday", "tomorrow"].iter().any(|w| last_word(before).eq_ignore_ascii_case(w))
}

/// Whether the words just before a weekday (or "next" just after it) put it ahead.
fn to_come(prose: &str, range: &Range<usize>) -> bool {
    let after = prose[range.end..].trim_start();
    if after.get(..4).is_some_and(|w| w.eq_ignore_ascii_case("next")) && !after[4..].starts_with(char::is_alphanumeric)
    {
        return true;
    }
    let window = super::text_before(prose, range.start, 60);
    let window = &window[window.rfind(['.', '!', '?', ';']).map_or(0, |i| i + 1)..];
    // The last six words, read backwards: each with the word before it.
    let mut words = window.rsplit(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’')).filter(|w| !w.is_empty());
    let mut word = words.next();
    for _ in 0..6 {
        let Some(w) = word else { return false };
        let before = words.next();
        let is = |x: &str| w.eq_ignore_ascii_case(x);
        let past = || before.is_some_and(|b| ["was", "were", "had", "been"].iter().any(|p| b.eq_ignore_ascii_case(p)));
        if is("will") || is("shall") || is("next") || is("coming") || w.ends_with("'ll") || w.ends_with("’ll") {
            return true;
        }
        if (is("due") || is("scheduled") || is("expected")) && !past() {
            return true;
        }
        word = before;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_in_words() {
        assert_eq!(amount("eighteen"), Some(18.0));
        assert_eq!(amount("twenty-five"), Some(25.0));
        assert_eq!(amount("twenty five"), Some(25.0));
        assert_eq!(amount("a"), Some(1.0));
        assert_eq!(amount("a couple of"), Some(2.0));
        assert_eq!(amount("half a"), Some(0.5));
        assert_eq!(amount("12.5"), Some(12.5));
        assert_eq!(amount("five-two"), None);
        assert_eq!(amount("twenty-thirty"), None);
    }
}
