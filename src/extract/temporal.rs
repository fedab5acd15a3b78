//! Times in prose: dates, months, weekdays, years, fiscal years, quarters, ages and
//! durations. Read before other figures so that their digits are never counts.

use std::ops::Range;

use regex::Regex;

use super::{Mention, MentionKind};
use crate::interval::Interval;

const MONTHS: &str = r"January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?";

/// Compiled patterns for every temporal expression extraction knows.
#[derive(Debug)]
pub struct TemporalPatterns {
    month_day: Regex,
    day_month: Regex,
    month_year: Regex,
    iso_date: Regex,
    weekday: Regex,
    fiscal: Regex,
    quarter: Regex,
    season: Regex,
    year: Regex,
    age: Regex,
    duration: Regex,
}

impl TemporalPatterns {
    pub fn new() -> Result<TemporalPatterns, regex::Error> {
        Ok(TemporalPatterns {
            month_day: Regex::new(&format!(
                r"(?-u:\b)({MONTHS})\s+(\d{{1,2}})(?:st|nd|rd|th)?(?-u:\b)(?:,?\s+(\d{{4}})(?-u:\b))?"
            ))?,
            day_month: Regex::new(&format!(
                r"(?-u:\b)(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTHS})(?:,?\s+(\d{{4}})(?-u:\b))?"
            ))?,
            month_year: Regex::new(&format!(r"(?-u:\b)({MONTHS})\s+(?:of\s+)?(\d{{4}})(?-u:\b)"))?,
            iso_date: Regex::new(r"(?-u:\b)(\d{4})-(\d{2})-(\d{2})(?-u:\b)")?,
            weekday: Regex::new(r"(?-u:\b)(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?(?-u:\b)")?,
            fiscal: Regex::new(r"(?-u:\b)(?:FY\s?'?(\d{4}|\d{2})|[Ff]iscal\s+(?:[Yy]ear\s+)?(\d{4}))(?-u:\b)")?,
            quarter: Regex::new(
                r"(?i)(?-u:\b)(?:Q([1-4])|(first|second|third|fourth)[- ]quarter|H([12])|(first|second) half)(?:\s+(?:of\s+)?(\d{4}))?(?-u:\b)",
            )?,
            season: Regex::new(r"(?-u:\b)((?:19|20)\d{2})[-–/](\d{2})(?-u:\b)")?,
            year: Regex::new(r"(?-u:\b)(1[89]\d{2}|20\d{2}|2100)(?-u:\b)")?,
            age: Regex::new(r"(?i)(?-u:\b)(\d{1,3})-year-old(?-u:\b)|(?-u:\b)aged\s+(\d{1,3})(?-u:\b)")?,
            duration: Regex::new(
                r"(?i)(?-u:\b)(\d+(?:\.\d+)?)[- ](years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centuries)(?-u:\b)",
            )?,
        })
    }

    /// Every temporal mention in `prose`, none overlapping another; earlier patterns
    /// in this order win over later ones ("24 February 2022" over "2022").
    pub fn find(&self, prose: &str) -> Vec<Mention> {
        let mut found: Vec<Mention> = Vec::new();
        let mut push = |m: Mention| {
            if !found.iter().any(|f| overlaps(&f.range, &m.range)) {
                found.push(m);
            }
        };
        for c in self.iso_date.captures_iter(prose) {
            let iso = format!("{}-{}-{}", &c[1], &c[2], &c[3]);
            push(temporal(MentionKind::Date, c.get(0).map_or(0..0, |m| m.range()), valid_date(&iso).then_some(iso)));
        }
        for c in self.month_day.captures_iter(prose) {
            let (Some(month), Some(day)) = (month_number(&c[1]), c[2].parse::<u8>().ok()) else { continue };
            // "May 5" is a date but "may 5" is not, and a bare month abbreviation with a
            // number ("Mar 3") is too ambiguous without a year.
            let time = date_iso(c.get(3).map(|y| y.as_str()), month, day);
            push(temporal(MentionKind::Date, c.get(0).map_or(0..0, |m| m.range()), time));
        }
        for c in self.day_month.captures_iter(prose) {
            let (Some(month), Some(day)) = (month_number(&c[2]), c[1].parse::<u8>().ok()) else { continue };
            let time = date_iso(c.get(3).map(|y| y.as_str()), month, day);
            push(temporal(MentionKind::Date, c.get(0).map_or(0..0, |m| m.range()), time));
        }
        for c in self.month_year.captures_iter(prose) {
            let Some(month) = month_number(&c[1]) else { continue };
            let time = format!("{}-{:02}", &c[2], month);
            push(temporal(MentionKind::Date, c.get(0).map_or(0..0, |m| m.range()), Some(time)));
        }
        for c in self.fiscal.captures_iter(prose) {
            let year = c.get(1).or(c.get(2)).map(|y| y.as_str()).unwrap_or("");
            let year = if year.len() == 2 { format!("20{year}") } else { year.to_string() };
            push(temporal(MentionKind::Period, c.get(0).map_or(0..0, |m| m.range()), Some(format!("FY{year}"))));
        }
        for c in self.quarter.captures_iter(prose) {
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
            push(temporal(MentionKind::Period, c.get(0).map_or(0..0, |m| m.range()), Some(time)));
        }
        for c in self.season.captures_iter(prose) {
            let whole = c.get(0).map_or(0..0, |m| m.range());
            if followed_by_digit(prose, whole.end) {
                continue;
            }
            let first: i32 = c[1].parse().unwrap_or(0);
            let second: i32 = c[2].parse().unwrap_or(-1);
            // Only "2021-22" where the second is the next year; "2021-25" is a range.
            if (first + 1) % 100 != second {
                continue;
            }
            push(temporal(MentionKind::Period, whole, Some(format!("{}/{}", first, first + 1))));
        }
        for m in self.weekday.find_iter(prose) {
            let name = m.as_str().trim_end_matches('s').to_string();
            push(temporal(MentionKind::Weekday, m.range(), Some(name)));
        }
        for c in self.age.captures_iter(prose) {
            let years = c.get(1).or(c.get(2)).and_then(|y| y.as_str().parse::<f64>().ok());
            let Some(years) = years else { continue };
            let mut m = temporal(MentionKind::Age, c.get(0).map_or(0..0, |m| m.range()), Some(format!("P{years}Y")));
            m.value = Some(years);
            m.interval = Interval::point(years);
            m.unit = Some("years".into());
            push(m);
        }
        for c in self.duration.captures_iter(prose) {
            let Ok(amount) = c[1].parse::<f64>() else { continue };
            let unit = c[2].to_ascii_lowercase();
            let mut m =
                temporal(MentionKind::Duration, c.get(0).map_or(0..0, |m| m.range()), duration_iso(amount, &unit));
            m.value = Some(amount);
            m.interval = Interval::point(amount);
            m.unit = Some(unit.trim_end_matches('s').to_string());
            push(m);
        }
        for m in self.year.find_iter(prose) {
            if !stands_alone_as_year(prose, m.range()) {
                continue;
            }
            push(temporal(MentionKind::Year, m.range(), Some(m.as_str().to_string())));
        }
        found.sort_by_key(|m| m.range.start);
        found
    }
}

fn temporal(kind: MentionKind, range: Range<usize>, time: Option<String>) -> Mention {
    Mention { kind, range, value: None, time, interval: Interval::point(0.0), unit: None, qualifier: None }
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

fn followed_by_digit(prose: &str, at: usize) -> bool {
    prose[at..].chars().next().is_some_and(|c| c.is_ascii_digit())
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
            .find(text)
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
