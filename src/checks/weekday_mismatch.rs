//! `weekday-mismatch`: a weekday and the date it names disagree.
//!
//! Only a weekday that names the date beside it is compared: "Friday, 9 March
//! 2023", "Friday 12 May 2023", "Friday, May 12, 2023", "9 March 2023, a
//! Thursday", "9 March 2023 (a Thursday)", and "today, Monday" (or yesterday,
//! tomorrow) against the publication date. A weekday separated from a date by
//! other words ("on Monday, two days after the 3 May vote") refers to a day of its
//! own and is left alone. A date without a year is read in the years around the
//! publication date and flagged only when none of them gives the stated weekday.

use std::collections::BTreeMap;

use jiff::civil::{Date, Weekday};
use serde::Deserialize;

use super::temporal::{self, date_text, weekday_name};
use super::{Check, Hit, Kind, read_params};
use crate::claims::Analysis;
use crate::extract::{Form, Mention, MentionKind};
use crate::input::Document;
use crate::rules::{RuleError, RuleSpec};

pub const KIND: Kind = Kind { name: "weekday-mismatch", summary: "A weekday that does not fit its date", compile };

const PLACEHOLDERS: &[&str] = &["date", "verb", "actual", "stated", "nearest", "explanation"];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct Params {
    /// Compare "today, Monday" (and "yesterday", "tomorrow") with the publication
    /// date, and read dates without a year in the years around it.
    use_publication_date: bool,
    /// A date without a year is read in any year that puts it at most this many
    /// days from the publication date.
    yearless_window_days: i64,
    /// Words before the weekday that make it a habit, not a day ("every Friday").
    habit_words: Vec<String>,
}

impl Default for Params {
    fn default() -> Params {
        Params {
            use_publication_date: true,
            yearless_window_days: 120,
            habit_words: ["every", "each", "most", "some", "any"].map(String::from).to_vec(),
        }
    }
}

fn compile(spec: &RuleSpec) -> Result<Box<dyn Check>, RuleError> {
    let params: Params = read_params(spec)?;
    if !(0..=366).contains(&params.yearless_window_days) {
        return Err(RuleError::at_key(
            &spec.path,
            &spec.source,
            "params",
            "`yearless_window_days` must be between 0 and 366".into(),
        ));
    }
    Ok(Box::new(WeekdayMismatch { params }))
}

#[derive(Debug)]
struct WeekdayMismatch {
    params: Params,
}

/// How a date is tied to the weekday beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pairing {
    /// "Friday, 9 March 2023" or "9 March 2023, a Friday".
    Date,
    /// "today, Friday", "yesterday, Thursday", "tomorrow, Saturday".
    DayWord,
}

impl Check for WeekdayMismatch {
    fn run(&self, doc: &Document, analysis: &Analysis) -> Vec<Hit> {
        let mentions = &analysis.mentions;
        let mut hits = Vec::new();
        for (i, weekday) in mentions.iter().enumerate() {
            if weekday.kind != MentionKind::Weekday {
                continue;
            }
            let name = temporal::text(doc, &weekday.range);
            // A plural ("on Fridays") is a habit, not a day.
            let Some(stated) = temporal::parse_weekday(name) else { continue };
            let before_word = temporal::words(crate::extract::text_before(&doc.prose, weekday.range.start, 40));
            if before_word.last().is_some_and(|w| self.params.habit_words.iter().any(|h| h.eq_ignore_ascii_case(w))) {
                continue;
            }
            let paired = mentions.get(i + 1).filter(|d| weekday_then_date(doc, weekday, d)).or_else(|| {
                i.checked_sub(1).and_then(|j| mentions.get(j)).filter(|d| date_then_weekday(doc, d, weekday))
            });
            let Some(date_mention) = paired else { continue };
            let pairing = if date_mention.form == Form::Relative { Pairing::DayWord } else { Pairing::Date };
            if pairing == Pairing::DayWord && !self.params.use_publication_date {
                continue;
            }
            let Some(candidates) = self.days_of(doc, date_mention) else { continue };
            // A reading that gives the stated weekday: no finding.
            if candidates.is_empty() || candidates.iter().any(|d| d.weekday() == stated) {
                continue;
            }
            let Some(&day) = candidates.first() else { continue };
            if let Some(hit) = self.hit(doc, weekday, date_mention, day, stated, pairing) {
                hits.push(hit);
            }
        }
        hits
    }

    fn placeholders(&self) -> Vec<String> {
        PLACEHOLDERS.iter().map(|p| p.to_string()).collect()
    }
}

impl WeekdayMismatch {
    /// The days a date mention may be, the likeliest first: one for a full date or
    /// a resolved "today"; for a date without a year, its day in each year that
    /// puts it near the publication date. `None` when it cannot be read.
    fn days_of(&self, doc: &Document, m: &Mention) -> Option<Vec<Date>> {
        if m.kind != MentionKind::Date {
            return None;
        }
        if m.form == Form::Relative {
            let word = temporal::text(doc, &m.range).to_lowercase();
            if !["today", "yesterday", "tomorrow"].contains(&word.as_str()) {
                return None;
            }
            let span = temporal::span_of(m)?;
            return span.is_day().then(|| vec![span.first]);
        }
        if !temporal::written_unambiguously(doc, m) {
            return None;
        }
        if let Some(span) = temporal::span_of(m) {
            return span.is_day().then(|| vec![span.first]);
        }
        let (month, day) = temporal::month_day(m)?;
        let publication = doc.publication_date.filter(|_| self.params.use_publication_date)?;
        let mut days: Vec<(i64, Date)> = (-1..=1)
            .filter_map(|offset| {
                let year = publication.year().checked_add(offset)?;
                let d = Date::new(year, month, day).ok()?;
                let distance = i64::from(publication.until(d).ok()?.get_days()).abs();
                (distance <= self.params.yearless_window_days).then_some((distance, d))
            })
            .collect();
        days.sort();
        Some(days.into_iter().map(|(_, d)| d).collect())
    }

    fn hit(
        &self,
        doc: &Document,
        weekday: &Mention,
        date_mention: &Mention,
        day: Date,
        stated: Weekday,
        pairing: Pairing,
    ) -> Option<Hit> {
        let actual = weekday_name(day.weekday());
        let stated_name = weekday_name(stated);
        let verb = match doc.publication_date {
            Some(p) if day > p => "will be",
            Some(p) if day == p => "is",
            _ => "was",
        };
        let word = temporal::text(doc, &date_mention.range).to_lowercase();
        let date = match pairing {
            Pairing::Date => date_text(day),
            Pairing::DayWord => match word.as_str() {
                "yesterday" => format!("yesterday ({}, the day before publication)", date_text(day)),
                "tomorrow" => format!("tomorrow ({}, the day after publication)", date_text(day)),
                _ => format!("today ({}, the publication date)", date_text(day)),
            },
        };
        let nearest = nearest_weekday(day, stated)?;
        let explanation = format!("{date} {verb} a {actual}, not a {stated_name}");
        let explain = vec![
            match pairing {
                Pairing::Date => format!("the date {} is {}", temporal::text(doc, &date_mention.range), date_text(day)),
                Pairing::DayWord => format!(
                    "\"{}\" is counted from the publication date and is {}",
                    temporal::text(doc, &date_mention.range),
                    date_text(day)
                ),
            },
            format!("{} falls on a {actual} in the Gregorian calendar", date_text(day)),
            format!("the weekday beside it is {stated_name}; the nearest {stated_name} is {}", date_text(nearest)),
        ];
        let help = format!(
            "if the date is right, the day is a {actual}; if {stated_name} is right, the date is probably {}",
            date_text(nearest)
        );
        let related_label = match pairing {
            Pairing::Date => format!("the date: a {actual}"),
            Pairing::DayWord => format!("counted from the publication date: {}", date_text(day)),
        };
        let values = BTreeMap::from([
            ("date", date),
            ("verb", verb.to_string()),
            ("actual", actual.to_string()),
            ("stated", stated_name.to_string()),
            ("nearest", date_text(nearest)),
            ("explanation", explanation),
        ])
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
        Some(Hit {
            primary: weekday.range.clone(),
            label: format!("{stated_name}, but the date is a {actual}"),
            related: vec![(related_label, date_mention.range.clone())],
            values,
            help: Some(help),
            explain,
        })
    }
}

/// The day with weekday `w` nearest to `day` (the earlier on a tie).
fn nearest_weekday(day: Date, w: Weekday) -> Option<Date> {
    let before = day.nth_weekday(-1, w).ok()?;
    let after = day.nth_weekday(1, w).ok()?;
    let back = i64::from(before.until(day).ok()?.get_days());
    let ahead = i64::from(day.until(after).ok()?.get_days());
    Some(if back <= ahead { before } else { after })
}

/// "Friday, 9 March 2023", "Friday 12 May 2023", "Friday, May 12, 2023": only a
/// space or one comma between the weekday and the date.
fn weekday_then_date(doc: &Document, weekday: &Mention, date: &Mention) -> bool {
    if date.kind != MentionKind::Date || date.form == Form::Relative {
        return false;
    }
    let Some(gap) = temporal::between(doc, weekday, date) else { return false };
    !gap.is_empty() && gap.chars().all(|c| c == ' ' || c == ',' || c == '\u{a0}') && gap.matches(',').count() <= 1
}

/// "9 March 2023, a Thursday", "9 March 2023 (a Thursday)", "today, Monday",
/// "from today (Monday)": the weekday in apposition right after the date or day word.
fn date_then_weekday(doc: &Document, date: &Mention, weekday: &Mention) -> bool {
    if date.kind != MentionKind::Date {
        return false;
    }
    let Some(gap) = temporal::between(doc, date, weekday) else { return false };
    let after = doc.prose.get(weekday.range.end..).unwrap_or_default();
    // The weekday must end its apposition: "today, Monday's meeting" names a
    // meeting, not the day.
    let closes = after.is_empty() || after.starts_with([',', '.', ';', ')', ':', ' ', '\u{a0}']);
    if !closes || after.starts_with(['\'', '’']) {
        return false;
    }
    if date.form == Form::Relative {
        let punctuation = gap.trim_matches([' ', '\u{a0}']);
        return punctuation == "," || punctuation == "(";
    }
    let inner = gap.trim_matches([' ', ',', '(', '\u{a0}']);
    let apposition = matches!(inner, "a" | "which was a" | "which is a" | "");
    let marked = gap.contains(',') || gap.contains('(');
    // A bare "9 March, Friday" could begin a list; "a" or brackets make it an apposition.
    let ends = after.is_empty() || after.starts_with([',', '.', ';', ')', ':']);
    apposition && marked && ends && (!inner.is_empty() || gap.contains('('))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn flagged(date: Option<&str>, text: &str) -> Vec<String> {
        crate::checks::testing::builtin_messages("weekday-mismatch", date, text)
    }

    #[test]
    fn only_a_weekday_beside_its_date_is_compared() {
        assert_eq!(flagged(None, "It ended on Friday, 9 March 2023."), ["9 March 2023 was a Thursday, not a Friday"]);
        assert_eq!(
            flagged(None, "It ended on 9 March 2023 (a Friday)."),
            ["9 March 2023 was a Thursday, not a Friday"]
        );
        // Other words between: the weekday names a day of its own.
        assert!(flagged(None, "On Friday, two days after 9 March 2023, they met.").is_empty());
        assert!(flagged(None, "On Friday, 12 of the 20 members voted.").is_empty());
        // A possessive names something of that day, and a habit is no day.
        assert!(flagged(None, "The ruling of 9 March 2023, Friday's papers said, was final.").is_empty());
        assert!(flagged(None, "The market opens every Friday, 9 March 2023 included.").is_empty());
        // Numeric dates depend on the locale.
        assert!(flagged(None, "It ended on Friday, 03/09/2023.").is_empty());
    }

    #[test]
    fn today_and_yearless_dates_need_the_publication_date() {
        assert!(flagged(None, "Beaches close from today, Friday.").is_empty());
        assert_eq!(flagged(Some("2025-07-15"), "Beaches close from today, Friday.").len(), 1);
        assert!(flagged(Some("2025-07-15"), "Beaches close from today, Tuesday.").is_empty());
        assert!(flagged(None, "It reopened on Thursday, 16 February.").is_empty());
        assert_eq!(flagged(Some("2024-02-20"), "It reopened on Thursday, 16 February.").len(), 1);
        // Far from the publication date no year is sure.
        assert!(flagged(Some("2024-09-20"), "It reopened on Thursday, 16 February.").is_empty());
    }

    #[test]
    fn the_nearest_weekday_is_found_on_either_side() {
        // 9 March 2023 was a Thursday: Friday 10 March is one day on.
        assert_eq!(nearest_weekday(date(2023, 3, 9), Weekday::Friday), Some(date(2023, 3, 10)));
        assert_eq!(nearest_weekday(date(2023, 3, 9), Weekday::Tuesday), Some(date(2023, 3, 7)));
    }
}
