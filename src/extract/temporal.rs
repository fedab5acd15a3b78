//! Times in prose: dates, months, weekdays, years, fiscal years, quarters, ages and
//! durations. Read before other figures so that their digits are never counts.

use std::ops::Range;

use regex::Regex;

use super::taken::Taken;
use super::{Context, Mention, MentionKind};
use crate::interval::Interval;

const MONTHS: &str = r"January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?";

/// Compiled patterns for every temporal expression extraction knows.
///
/// `any` finds every form in one pass (an alternative per form, leftmost first and,
/// at one position, in the order written: a date before its year, an age before a
/// duration). It only finds: filling capture groups in a pattern that large costs
/// more than the search, so each match is then read with the small pattern of its
/// own form, anchored to the matched text.
#[derive(Debug)]
pub struct TemporalPatterns {
    any: Regex,
    iso: Regex,
    month_day: Regex,
    day_month: Regex,
    month_year: Regex,
    fiscal: Regex,
    quarter: Regex,
    season: Regex,
    age: Regex,
    duration: Regex,
}

const B: &str = r"(?-u:\b)";
const ISO: &str = r"(\d{4})-(\d{2})-(\d{2})";
const FISCAL: &str = r"(?:FY\s?'?(\d{4}|\d{2})|[Ff]iscal\s+(?:[Yy]ear\s+)?(\d{4}))";
const QUARTER: &str = r"(?:(?i-u:q)([1-4])|((?i-u:first|second|third|fourth))[- ](?i-u:quarter)|(?i-u:h)([12])|((?i-u:first|second)) (?i-u:half))(?:\s+(?:of\s+)?(\d{4}))?";
const SEASON: &str = r"((?:19|20)\d{2})[-–/](\d{2})";
const WEEKDAY: &str = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?";
const AGE: &str = r"(\d{1,3})-(?i-u:year-old)|(?i-u:aged)\s+(\d{1,3})";
const DURATION: &str =
    r"(\d+(?:\.\d+)?)[- ]((?i-u:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centuries))";
const YEAR: &str = r"1[89]\d{2}|20\d{2}|2100";

fn month_day() -> String {
    format!(r"({MONTHS})\s+(\d{{1,2}})(?:st|nd|rd|th)?{B}(?:,?\s+(\d{{4}}){B})?")
}
fn day_month() -> String {
    format!(r"(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTHS})(?:,?\s+(\d{{4}}){B})?")
}
fn month_year() -> String {
    format!(r"({MONTHS})\s+(?:of\s+)?(\d{{4}})")
}

/// A pattern that must match the whole of a matched text.
fn whole(pattern: &str) -> Result<Regex, regex::Error> {
    Regex::new(&format!("^(?:{pattern})$"))
}

impl TemporalPatterns {
    pub fn new() -> Result<TemporalPatterns, regex::Error> {
        // The order of the alternatives is the order of precedence.
        let forms =
            [ISO, &month_day(), &day_month(), &month_year(), FISCAL, QUARTER, SEASON, WEEKDAY, AGE, DURATION, YEAR];
        let any = forms.iter().map(|f| format!("(?:{f}){B}")).collect::<Vec<_>>().join("|");
        Ok(TemporalPatterns {
            any: Regex::new(&format!("{B}(?:{any})"))?,
            iso: whole(ISO)?,
            month_day: whole(&month_day())?,
            day_month: whole(&day_month())?,
            month_year: whole(&month_year())?,
            fiscal: whole(FISCAL)?,
            quarter: whole(QUARTER)?,
            season: whole(SEASON)?,
            age: whole(AGE)?,
            duration: whole(DURATION)?,
        })
    }

    /// Every temporal mention in `prose` that overlaps nothing `taken`, in order.
    pub fn find(&self, prose: &str, _context: &Context, taken: &mut Taken) -> Vec<Mention> {
        let mut found: Vec<Mention> = Vec::new();
        for m in self.any.find_iter(prose) {
            if let Some(m) = self.read(prose, m.as_str(), m.range()).filter(|m| taken.take(&m.range)) {
                found.push(m);
            }
        }
        found
    }

    /// The mention one match states, or `None` when it turns out not to be a time.
    /// Forms are tried most frequent first; no text is wholly two forms at once.
    fn read(&self, prose: &str, text: &str, whole: Range<usize>) -> Option<Mention> {
        let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
        if text.len() == 4 && digits(text) {
            return stands_alone_as_year(prose, whole.clone())
                .then(|| temporal(MentionKind::Year, whole, Some(text.to_string())));
        }
        if text.starts_with(char::is_uppercase) && text.trim_end_matches('s').ends_with("day") {
            return Some(temporal(MentionKind::Weekday, whole, Some(text.trim_end_matches('s').to_string())));
        }
        if let Some(c) = self.month_day.captures(text) {
            let time = date_iso(c.get(3).map(|y| y.as_str()), month_number(&c[1])?, c[2].parse().ok()?);
            return Some(temporal(MentionKind::Date, whole, time));
        }
        if let Some(c) = self.duration.captures(text) {
            let amount: f64 = c[1].parse().ok()?;
            let unit = c[2].to_ascii_lowercase();
            let mut m = temporal(MentionKind::Duration, whole, duration_iso(amount, &unit));
            m.value = Some(amount);
            m.interval = Interval::point(amount);
            m.unit = Some(unit.trim_end_matches('s').to_string());
            return Some(m);
        }
        if let Some(c) = self.quarter.captures(text) {
            let part = if let Some(q) = c.get(1) {
                format!("Q{}", q.as_str())
            } else if let Some(q) = c.get(2) {
                format!("Q{}", ordinal_word(q.as_str()))
            } else if let Some(h) = c.get(3) {
                format!("H{}", h.as_str())
            } else {
                format!("H{}", c.get(4).map_or(1, |h| ordinal_word(h.as_str())))
            };
            let time = match c.get(5) {
                Some(year) => format!("{}-{part}", year.as_str()),
                None => part,
            };
            return Some(temporal(MentionKind::Period, whole, Some(time)));
        }
        if let Some(c) = self.day_month.captures(text) {
            let time = date_iso(c.get(3).map(|y| y.as_str()), month_number(&c[2])?, c[1].parse().ok()?);
            return Some(temporal(MentionKind::Date, whole, time));
        }
        if let Some(c) = self.iso.captures(text) {
            let iso = format!("{}-{}-{}", &c[1], &c[2], &c[3]);
            return Some(temporal(MentionKind::Date, whole, valid_date(&iso).then_some(iso)));
        }
        if let Some(c) = self.month_year.captures(text) {
            let time = format!("{}-{:02}", &c[2], month_number(&c[1])?);
            return Some(temporal(MentionKind::Date, whole, Some(time)));
        }
        if let Some(c) = self.fiscal.captures(text) {
            let year = c.get(1).or(c.get(2)).map_or("", |y| y.as_str());
            let year = if year.len() == 2 { format!("20{year}") } else { year.to_string() };
            return Some(temporal(MentionKind::Period, whole, Some(format!("FY{year}"))));
        }
        if let Some(c) = self.age.captures(text) {
            let years: f64 = c.get(1).or(c.get(2))?.as_str().parse().ok()?;
            let mut m = temporal(MentionKind::Age, whole, Some(format!("P{years}Y")));
            m.value = Some(years);
            m.interval = Interval::point(years);
            m.unit = Some("years".into());
            return Some(m);
        }
        let c = self.season.captures(text)?;
        let first: i32 = c[1].parse().ok()?;
        let second: i32 = c[2].parse().ok()?;
        // Only "2021-22", where the second is the next year; "2021-25" is a range,
        // whose first figure is still a year.
        if (first + 1) % 100 == second {
            return Some(temporal(MentionKind::Period, whole, Some(format!("{}/{}", first, first + 1))));
        }
        let year = whole.start..whole.start + 4;
        stands_alone_as_year(prose, year.clone()).then(|| temporal(MentionKind::Year, year, Some(c[1].to_string())))
    }
}

fn temporal(kind: MentionKind, range: Range<usize>, time: Option<String>) -> Mention {
    Mention { time, ..Mention::new(kind, range) }
}

/// A four-digit number is a year unless it is part of a larger figure: money,
/// a percentage, a decimal, a grouped number, or a count with a noun ("2000 people"
/// stays ambiguous, and is read as a year only after "in", "since" and the like).
fn stands_alone_as_year(prose: &str, range: Range<usize>) -> bool {
    let before = &prose[..range.start];
    let after = &prose[range.end..];
    let prev = before.chars().next_back();
    let next = after.chars().next();
    if prev.is_some_and(|c| "$€£¥.,-–/#:".contains(c) || c.is_alphanumeric()) {
        return false;
    }
    if next.is_some_and(|c| c == '%' || c.is_alphanumeric())
        || after.starts_with(",0")
        || after.starts_with(".0")
        || (after.starts_with('.') && after[1..].starts_with(|c: char| c.is_ascii_digit()))
    {
        return false;
    }
    let after_word = after.trim_start().split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    !matches!(
        after_word.to_ascii_lowercase().as_str(),
        "percent" | "per" | "million" | "billion" | "thousand" | "dollars" | "euros" | "pounds" | "people" | "units"
    )
}

fn month_number(name: &str) -> Option<u8> {
    let key = name.trim_end_matches('.').to_ascii_lowercase();
    let key = key.get(..3)?;
    let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    months.iter().position(|m| *m == key).map(|i| i as u8 + 1)
}

fn ordinal_word(word: &str) -> u8 {
    match word.to_ascii_lowercase().as_str() {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        _ => 4,
    }
}

fn date_iso(year: Option<&str>, month: u8, day: u8) -> Option<String> {
    match year {
        Some(y) => {
            let iso = format!("{y}-{month:02}-{day:02}");
            valid_date(&iso).then_some(iso)
        }
        // ISO 8601's form for a month and day without a year.
        None => (1..=31).contains(&day).then(|| format!("--{month:02}-{day:02}")),
    }
}

fn valid_date(iso: &str) -> bool {
    iso.parse::<jiff::civil::Date>().is_ok()
}

fn duration_iso(amount: f64, unit: &str) -> Option<String> {
    let (factor, designator, time) = match unit.trim_end_matches('s') {
        "year" => (1.0, 'Y', false),
        "decade" => (10.0, 'Y', false),
        "centurie" | "century" => (100.0, 'Y', false),
        "month" => (1.0, 'M', false),
        "week" => (1.0, 'W', false),
        "day" => (1.0, 'D', false),
        "hour" => (1.0, 'H', true),
        "minute" => (1.0, 'M', true),
        "second" => (1.0, 'S', true),
        _ => return None,
    };
    let amount = amount * factor;
    Some(if time { format!("PT{amount}{designator}") } else { format!("P{amount}{designator}") })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn times(text: &str) -> Vec<(MentionKind, String, Option<String>)> {
        TemporalPatterns::new()
            .unwrap()
            .find(text, &Context::default(), &mut Taken::default())
            .into_iter()
            .map(|m| (m.kind, text[m.range.clone()].to_string(), m.time))
            .collect()
    }

    #[test]
    fn dates_in_both_orders_with_and_without_year() {
        assert_eq!(
            times("on February 24, 2022 and 21 September 2022"),
            vec![
                (MentionKind::Date, "February 24, 2022".into(), Some("2022-02-24".into())),
                (MentionKind::Date, "21 September 2022".into(), Some("2022-09-21".into())),
            ]
        );
        assert_eq!(times("by Jan. 5")[0].2.as_deref(), Some("--01-05"));
        assert_eq!(times("on 1 October")[0].2.as_deref(), Some("--10-01"));
    }

    #[test]
    fn impossible_dates_keep_their_mention_without_a_value() {
        let found = times("on February 30, 2023");
        assert_eq!(found[0].0, MentionKind::Date);
        assert_eq!(found[0].2, None);
    }

    #[test]
    fn months_of_a_year_and_iso_dates() {
        assert_eq!(times("in September 2022")[0].2.as_deref(), Some("2022-09"));
        assert_eq!(times("released 2023-04-06.")[0].2.as_deref(), Some("2023-04-06"));
    }

    #[test]
    fn years_stand_alone_but_not_inside_other_figures() {
        assert_eq!(times("in 2021, exports")[0].2.as_deref(), Some("2021"));
        assert!(times("$2021 and 2,021 and 2021% and 2021.5 and 2021 people").is_empty());
    }

    #[test]
    fn fiscal_years_quarters_and_seasons() {
        assert_eq!(times("in FY2023")[0].2.as_deref(), Some("FY2023"));
        assert_eq!(times("for fiscal 2024")[0].2.as_deref(), Some("FY2024"));
        assert_eq!(times("in Q3 2023")[0].2.as_deref(), Some("2023-Q3"));
        assert_eq!(times("in the third quarter")[0].2.as_deref(), Some("Q3"));
        assert_eq!(times("in 2021-22 from")[0].2.as_deref(), Some("2021/2022"));
        assert_eq!(times("in 2021-25 from")[0].0, MentionKind::Year);
    }

    #[test]
    fn weekdays_ages_and_durations() {
        assert_eq!(times("on Thursday")[0], (MentionKind::Weekday, "Thursday".into(), Some("Thursday".into())));
        assert_eq!(times("the 58-year-old")[0].2.as_deref(), Some("P58Y"));
        assert_eq!(times("aged 72")[0].2.as_deref(), Some("P72Y"));
        assert_eq!(times("for 18 months")[0].2.as_deref(), Some("P18M"));
        assert_eq!(times("a 3-hour delay")[0].2.as_deref(), Some("PT3H"));
    }
}
