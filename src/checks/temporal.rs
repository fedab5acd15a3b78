//! Shared reading and arithmetic for the temporal checks (`weekday-mismatch`,
//! `age-mismatch`, `elapsed-mismatch`): the span of days a stated time covers,
//! whole years between two spans, the text between two mentions, and dates as
//! messages write them. Every calendar step goes through `jiff`; any error it
//! reports makes the caller stay silent.

use std::ops::Range;

use jiff::civil::{Date, Weekday};

use crate::claims::Analysis;
use crate::extract::{Form, Mention, MentionKind};
use crate::input::Document;

/// The days a stated time may be: one day for a full date, a month or a year for
/// coarser ones ("in 2001" is any day of 2001).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DaySpan {
    pub first: Date,
    pub last: Date,
}

impl DaySpan {
    pub fn day(d: Date) -> DaySpan {
        DaySpan { first: d, last: d }
    }

    /// Whether the span is one known day.
    pub fn is_day(&self) -> bool {
        self.first == self.last
    }

    /// The span of a whole calendar year.
    pub fn year(year: i32) -> Option<DaySpan> {
        let y = i16::try_from(year).ok()?;
        Some(DaySpan { first: Date::new(y, 1, 1).ok()?, last: Date::new(y, 12, 31).ok()? })
    }
}

/// The span a Year or Date mention covers: "2023-04-06" one day, "2023-04" its
/// month, "2023" its year. Relative times count once resolved. Days without a year
/// ("--05-03"), decades and anything else give `None`.
pub fn span_of(m: &Mention) -> Option<DaySpan> {
    if !matches!(m.kind, MentionKind::Year | MentionKind::Date) {
        return None;
    }
    let time = m.time.as_deref()?;
    let parts: Vec<&str> = time.split('-').collect();
    let number = |s: &str| -> Option<i16> {
        (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten()
    };
    match parts.as_slice() {
        [y] if y.len() == 4 => DaySpan::year(i32::from(number(y)?)),
        [y, mo] if y.len() == 4 && mo.len() == 2 => {
            let first = Date::new(number(y)?, i8::try_from(number(mo)?).ok()?, 1).ok()?;
            Some(DaySpan { first, last: first.last_of_month() })
        }
        [y, mo, d] if y.len() == 4 => {
            let day = Date::new(number(y)?, i8::try_from(number(mo)?).ok()?, i8::try_from(number(d)?).ok()?).ok()?;
            Some(DaySpan::day(day))
        }
        _ => None,
    }
}

/// A month and day without a year ("--03-09"), as (month, day).
pub fn month_day(m: &Mention) -> Option<(i8, i8)> {
    let rest = m.time.as_deref()?.strip_prefix("--")?;
    let (mo, d) = rest.split_once('-')?;
    Some((mo.parse().ok()?, d.parse().ok()?))
}

/// Whole years from `from` to `to` (negative when `to` is earlier).
pub fn whole_years(from: Date, to: Date) -> Option<i64> {
    let span = from.until((jiff::Unit::Year, to)).ok()?;
    Some(i64::from(span.get_years()))
}

/// The fewest and most whole years that can lie between a day of `start` and a
/// day of `end`: the interval every reading inside the spans allows.
pub fn years_between(start: DaySpan, end: DaySpan) -> Option<(i64, i64)> {
    Some((whole_years(start.last, end.first)?, whole_years(start.first, end.last)?))
}

/// Whether a Date mention is written so that its day and month are certain:
/// with a month name, or as ISO "2023-04-06". Numeric dates such as 04/06/2023
/// depend on the locale and are never a basis for a finding.
pub fn written_unambiguously(doc: &Document, m: &Mention) -> bool {
    let text = text(doc, &m.range);
    text.chars().any(char::is_alphabetic)
        || (text.len() == 10 && text.as_bytes()[4] == b'-' && text.as_bytes()[7] == b'-')
}

/// The prose of a range, empty when the range is not in it.
pub fn text<'a>(doc: &'a Document, range: &Range<usize>) -> &'a str {
    doc.prose.get(range.clone()).unwrap_or_default()
}

/// The prose between two mentions, or `None` when they overlap or are out of order.
pub fn between<'a>(doc: &'a Document, a: &Mention, b: &Mention) -> Option<&'a str> {
    doc.prose.get(a.range.end..b.range.start)
}

/// The mentions (by index) inside sentence `s`, in order.
pub fn mentions_in(analysis: &Analysis, s: usize) -> Range<usize> {
    let Some(range) = analysis.sentences.get(s) else { return 0..0 };
    let from = analysis.mentions.partition_point(|m| m.range.start < range.start);
    let to = analysis.mentions.partition_point(|m| m.range.start < range.end);
    from..to
}

/// Whether a mention states an absolute time (not one counted from the
/// publication date).
pub fn is_absolute_time(m: &Mention) -> bool {
    matches!(m.kind, MentionKind::Year | MentionKind::Date) && m.form != Form::Relative
}

/// The words of a text, lower-cased, letters and apostrophes only.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Whether any of `list` (single words or phrases) stands among `words`.
pub fn has_any(words: &[String], list: &[String]) -> bool {
    list.iter().any(|entry| {
        let parts: Vec<&str> = entry.split_whitespace().collect();
        !parts.is_empty()
            && words.windows(parts.len()).any(|w| w.iter().zip(&parts).all(|(a, b)| a.eq_ignore_ascii_case(b)))
    })
}

/// A date as messages write it: "9 March 2023".
pub fn date_text(d: Date) -> String {
    d.strftime("%-d %B %Y").to_string()
}

/// A span as messages write it: "9 March 2023", "March 2023", "2023".
pub fn span_text(s: DaySpan) -> String {
    if s.is_day() {
        date_text(s.first)
    } else if s.first.year() == s.last.year() && s.first.month() == s.last.month() {
        date_text(s.first).split_once(' ').map(|(_, rest)| rest.to_string()).unwrap_or_default()
    } else if s.first.year() == s.last.year() {
        s.first.year().to_string()
    } else {
        format!("{} to {}", date_text(s.first), date_text(s.last))
    }
}

/// A weekday's name.
pub fn weekday_name(w: Weekday) -> &'static str {
    match w {
        Weekday::Monday => "Monday",
        Weekday::Tuesday => "Tuesday",
        Weekday::Wednesday => "Wednesday",
        Weekday::Thursday => "Thursday",
        Weekday::Friday => "Friday",
        Weekday::Saturday => "Saturday",
        Weekday::Sunday => "Sunday",
    }
}

/// The weekday a name gives, in any case.
pub fn parse_weekday(name: &str) -> Option<Weekday> {
    [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ]
    .into_iter()
    .find(|w| weekday_name(*w).eq_ignore_ascii_case(name))
}

/// "1st", "2nd", "3rd", "11th", "22nd".
pub fn ordinal(n: i64) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// "51 or 52", "51 to 53", "51".
pub fn choices_text(lo: i64, hi: i64) -> String {
    match hi - lo {
        0 => lo.to_string(),
        1 => format!("{lo} or {hi}"),
        _ => format!("{lo} to {hi}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn mention(kind: MentionKind, time: &str) -> Mention {
        Mention { time: Some(time.to_string()), ..Mention::new(kind, 0..0) }
    }

    #[test]
    fn spans_cover_what_the_precision_allows() {
        let year = span_of(&mention(MentionKind::Year, "2001")).unwrap();
        assert_eq!((year.first, year.last), (date(2001, 1, 1), date(2001, 12, 31)));
        let month = span_of(&mention(MentionKind::Date, "2024-02")).unwrap();
        assert_eq!((month.first, month.last), (date(2024, 2, 1), date(2024, 2, 29)));
        assert!(span_of(&mention(MentionKind::Date, "2023-03-09")).unwrap().is_day());
        assert_eq!(span_of(&mention(MentionKind::Date, "2023-02-30")), None);
        assert_eq!(span_of(&mention(MentionKind::Date, "--05-03")), None);
        assert_eq!(span_of(&mention(MentionKind::Year, "199X")), None);
        assert_eq!(span_of(&mention(MentionKind::Weekday, "2023-03-09")), None);
        assert_eq!(month_day(&mention(MentionKind::Date, "--05-03")), Some((5, 3)));
    }

    #[test]
    fn years_between_spans_take_every_reading() {
        let pub_day = DaySpan::day(date(2024, 7, 1));
        assert_eq!(years_between(DaySpan::year(2006).unwrap(), pub_day), Some((17, 18)));
        assert_eq!(whole_years(date(1949, 11, 9), date(2024, 10, 2)), Some(74));
        assert_eq!(whole_years(date(1949, 10, 2), date(2024, 10, 2)), Some(75));
        assert_eq!(whole_years(date(2024, 10, 2), date(2020, 10, 3)), Some(-3));
    }

    #[test]
    fn messages_write_dates_and_choices_in_words() {
        assert_eq!(date_text(date(2023, 3, 9)), "9 March 2023");
        assert_eq!(span_text(DaySpan { first: date(2022, 5, 1), last: date(2022, 5, 31) }), "May 2022");
        assert_eq!(span_text(DaySpan::year(1998).unwrap()), "1998");
        assert_eq!(choices_text(51, 52), "51 or 52");
        assert_eq!(choices_text(17, 19), "17 to 19");
        assert_eq!(parse_weekday("friday"), Some(Weekday::Friday));
        assert_eq!(parse_weekday("Fri"), None);
    }

    #[test]
    fn phrases_are_found_among_words() {
        let w = words("Monday marks 20 years since the 2006 law");
        assert!(has_any(&w, &["marks".to_string()]));
        assert!(has_any(&w, &["since the".to_string()]));
        assert!(!has_any(&w, &["since a".to_string(), "mark".to_string()]));
    }

    #[test]
    fn ordinals_take_their_suffix() {
        let all: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111].into_iter().map(ordinal).collect();
        assert_eq!(all, ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st", "111th"]);
    }
}
