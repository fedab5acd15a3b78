//! Calendar arithmetic for temporal extraction: times stated against the
//! publication date ("last month", "two years ago", "on Wednesday") and numeric
//! dates, whose order of day and month depends on the locale.
//!
//! Notation of the values, all ISO 8601 or its extension ISO 8601-2:
//! a day "2023-04-05"; a month "2023-03"; a year "2022"; an ISO week "2023-W14";
//! a quarter "2023-Q1" (as `temporal` writes "Q3 2023").

use jiff::civil::{Date, Weekday};

use super::{Locale, MentionKind};

/// A unit a time is counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

impl Unit {
    /// The unit a lower-case word names, singular or plural ("years", "centuries").
    pub fn parse(word: &str) -> Option<Unit> {
        Some(match word.strip_suffix('s').unwrap_or(word) {
            "second" => Unit::Second,
            "minute" => Unit::Minute,
            "hour" => Unit::Hour,
            "day" => Unit::Day,
            "week" => Unit::Week,
            "month" => Unit::Month,
            "quarter" => Unit::Quarter,
            "year" => Unit::Year,
            "decade" => Unit::Decade,
            "century" | "centurie" => Unit::Century,
            _ => return None,
        })
    }

    /// The unit's name, singular ("year").
    pub fn name(self) -> &'static str {
        match self {
            Unit::Second => "second",
            Unit::Minute => "minute",
            Unit::Hour => "hour",
            Unit::Day => "day",
            Unit::Week => "week",
            Unit::Month => "month",
            Unit::Quarter => "quarter",
            Unit::Year => "year",
            Unit::Decade => "decade",
            Unit::Century => "century",
        }
    }

    /// What a time of this unit is: a year is a year, a day or month a date, a week
    /// or quarter a period.
    pub fn kind(self) -> MentionKind {
        match self {
            Unit::Year | Unit::Decade | Unit::Century => MentionKind::Year,
            Unit::Week | Unit::Quarter => MentionKind::Period,
            _ => MentionKind::Date,
        }
    }

    /// `amount` of this unit as an ISO 8601 duration ("P18M", "PT3H", "P30Y").
    pub fn duration(self, amount: f64) -> String {
        let (factor, designator, time) = match self {
            Unit::Second => (1.0, 'S', true),
            Unit::Minute => (1.0, 'M', true),
            Unit::Hour => (1.0, 'H', true),
            Unit::Day => (1.0, 'D', false),
            Unit::Week => (1.0, 'W', false),
            Unit::Month => (1.0, 'M', false),
            Unit::Quarter => (3.0, 'M', false),
            Unit::Year => (1.0, 'Y', false),
            Unit::Decade => (10.0, 'Y', false),
            Unit::Century => (100.0, 'Y', false),
        };
        let amount = amount * factor;
        let prefix = if time { "PT" } else { "P" };
        // Whole amounts, nearly all of them, without the cost of formatting a float.
        if amount.fract() == 0.0 && amount.abs() < 1e15 {
            format!("{prefix}{}{designator}", amount as i64)
        } else {
            format!("{prefix}{amount}{designator}")
        }
    }
}

/// The time `by` units from `from` (negative: before), in the unit's own precision:
/// "2022" for years, "2023-03" for months. Fractions are kept only where they come
/// to whole months ("a year and a half ago"). `None` for hours and finer, which a
/// publication date cannot place.
pub fn shift(from: Date, unit: Unit, by: f64) -> Option<(MentionKind, String)> {
    let whole = |n: f64| (n.fract() == 0.0 && n.abs() < 100_000.0).then_some(n as i64);
    let year = i64::from(from.year());
    let month_index = year * 12 + i64::from(from.month()) - 1;
    let months = |n: i64| {
        let index = month_index + n;
        (MentionKind::Date, format!("{:04}-{:02}", index.div_euclid(12), index.rem_euclid(12) + 1))
    };
    Some(match unit {
        Unit::Second | Unit::Minute | Unit::Hour => return None,
        Unit::Day => {
            let date = from.checked_add(jiff::Span::new().days(whole(by)?)).ok()?;
            (MentionKind::Date, date.to_string())
        }
        Unit::Week => {
            let week = from.checked_add(jiff::Span::new().weeks(whole(by)?)).ok()?.iso_week_date();
            (MentionKind::Period, format!("{:04}-W{:02}", week.year(), week.week()))
        }
        Unit::Month => months(whole(by)?),
        Unit::Quarter => {
            let index = year * 4 + (i64::from(from.month()) - 1) / 3 + whole(by)?;
            (MentionKind::Period, format!("{:04}-Q{}", index.div_euclid(4), index.rem_euclid(4) + 1))
        }
        Unit::Year | Unit::Decade | Unit::Century => {
            let years = by
                * match unit {
                    Unit::Decade => 10.0,
                    Unit::Century => 100.0,
                    _ => 1.0,
                };
            match whole(years) {
                Some(n) => (MentionKind::Year, format!("{:04}", year + n)),
                None => months(whole(years * 12.0)?),
            }
        }
    })
}

/// Which of a weekday's dates a mention means, seen from the publication date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Toward {
    /// The publication day itself if it is that weekday, else the one before.
    OnOrBefore,
    /// The last one before the publication day ("last Sunday").
    Before,
    /// The first one after it ("next Sunday", "will meet on Sunday").
    After,
}

/// The date of the weekday `name` ("Wednesday") nearest `from` in direction `toward`.
pub fn weekday_date(from: Date, name: &str, toward: Toward) -> Option<Date> {
    let weekday = match name {
        "Monday" => Weekday::Monday,
        "Tuesday" => Weekday::Tuesday,
        "Wednesday" => Weekday::Wednesday,
        "Thursday" => Weekday::Thursday,
        "Friday" => Weekday::Friday,
        "Saturday" => Weekday::Saturday,
        "Sunday" => Weekday::Sunday,
        _ => return None,
    };
    match toward {
        Toward::OnOrBefore => from.tomorrow().ok()?.nth_weekday(-1, weekday).ok(),
        Toward::Before => from.nth_weekday(-1, weekday).ok(),
        Toward::After => from.nth_weekday(1, weekday).ok(),
    }
}

/// A numeric date, "04/06/2023" (slashes, both locales) or "4.6.2023" (dots, only
/// where the locale writes dates so). English reads the month first, German the day
/// first. When only the other order gives a real date, that order is read; when
/// neither does, it is no date. Returns the ISO date and a note on the reading
/// when another was possible: English "04/06/2023" may be a British 4 June.
pub fn numeric_date(text: &str, locale: Locale) -> Option<(String, Option<String>)> {
    let dotted = text.contains('.');
    if dotted && locale != Locale::De {
        return None;
    }
    let mut parts = text.split(['/', '.']);
    let (a, b, y) = (parts.next()?, parts.next()?, parts.next()?);
    let (a, b): (i8, i8) = (a.parse().ok()?, b.parse().ok()?);
    let mut notes = Vec::new();
    let year: i16 = match y.len() {
        4 => y.parse().ok()?,
        2 => {
            // The usual pivot of two-digit years: 00–49 this century, 50–99 the last.
            let short: i16 = y.parse().ok()?;
            let year = if short < 50 { 2000 + short } else { 1900 + short };
            notes.push(format!("the two-digit year read as {year}"));
            year
        }
        _ => return None,
    };
    let month_first = Date::new(year, a, b).ok();
    let day_first = Date::new(year, b, a).ok();
    let (preferred, other, order) = match locale {
        Locale::En => (month_first, day_first, ["month", "day"]),
        Locale::De => (day_first, month_first, ["day", "month"]),
    };
    let date = match (preferred, other) {
        (Some(date), Some(other)) if other != date && locale == Locale::En => {
            notes.push(format!("read {} first; {} first it is {other}", order[0], order[1]));
            date
        }
        (Some(date), _) => date,
        (None, Some(other)) => {
            notes.push(format!("read {} first, as {} first it is no date", order[1], order[0]));
            other
        }
        (None, None) => return None,
    };
    Some((date.to_string(), (!notes.is_empty()).then(|| notes.join("; "))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn shifts_keep_the_precision_of_their_unit() {
        let at = date(2023, 4, 6);
        assert_eq!(shift(at, Unit::Day, -1.0), Some((MentionKind::Date, "2023-04-05".into())));
        assert_eq!(shift(at, Unit::Month, -4.0), Some((MentionKind::Date, "2022-12".into())));
        assert_eq!(shift(at, Unit::Year, -2.0), Some((MentionKind::Year, "2021".into())));
        assert_eq!(shift(at, Unit::Decade, -1.0), Some((MentionKind::Year, "2013".into())));
        assert_eq!(shift(at, Unit::Year, -1.5), Some((MentionKind::Date, "2021-10".into())));
        assert_eq!(shift(at, Unit::Week, -1.0), Some((MentionKind::Period, "2023-W13".into())));
        assert_eq!(shift(at, Unit::Quarter, -1.0), Some((MentionKind::Period, "2023-Q1".into())));
        assert_eq!(shift(date(2023, 1, 2), Unit::Quarter, -1.0), Some((MentionKind::Period, "2022-Q4".into())));
        assert_eq!(shift(at, Unit::Hour, -3.0), None);
        assert_eq!(shift(at, Unit::Day, -0.5), None);
    }

    #[test]
    fn weekdays_are_found_on_either_side_of_a_date() {
        // 2023-04-06 is a Thursday.
        let at = date(2023, 4, 6);
        assert_eq!(weekday_date(at, "Wednesday", Toward::OnOrBefore), Some(date(2023, 4, 5)));
        assert_eq!(weekday_date(at, "Thursday", Toward::OnOrBefore), Some(at));
        assert_eq!(weekday_date(at, "Thursday", Toward::Before), Some(date(2023, 3, 30)));
        assert_eq!(weekday_date(at, "Wednesday", Toward::After), Some(date(2023, 4, 12)));
        assert_eq!(weekday_date(at, "Thursday", Toward::After), Some(date(2023, 4, 13)));
    }

    #[test]
    fn numeric_dates_follow_the_locale() {
        let (time, note) = numeric_date("04/06/2023", Locale::En).unwrap();
        assert_eq!(time, "2023-04-06");
        assert!(note.unwrap().contains("2023-06-04"));
        assert_eq!(numeric_date("04/06/2023", Locale::De), Some(("2023-06-04".into(), None)));
        assert_eq!(numeric_date("4.6.2023", Locale::De), Some(("2023-06-04".into(), None)));
        assert_eq!(numeric_date("4.6.2023", Locale::En), None);
        assert_eq!(numeric_date("12/25/2023", Locale::En), Some(("2023-12-25".into(), None)));
        assert_eq!(numeric_date("06/06/2023", Locale::En), Some(("2023-06-06".into(), None)));
        let (time, note) = numeric_date("25/12/2023", Locale::En).unwrap();
        assert_eq!(time, "2023-12-25");
        assert!(note.unwrap().contains("day first"));
        assert_eq!(numeric_date("13/25/2023", Locale::En), None);
        assert_eq!(numeric_date("2/29/2023", Locale::En), None);
        let (time, note) = numeric_date("05/05/71", Locale::En).unwrap();
        assert_eq!((time.as_str(), note.as_deref()), ("1971-05-05", Some("the two-digit year read as 1971")));
    }
}
