//! Extraction: finds the figures and times in prose and reads their values.
//!
//! A [`Mention`] is one stated figure: its kind (money, percent, date…), its value
//! in its unit, and the interval its written precision and qualifier allow. The
//! [`Extractor`] is built once from a [`Lexicon`] (all regexes are compiled then)
//! and run over each document's prose; temporal expressions are read first so that
//! the digits of "24 February 2022" are never taken for a count.

mod calendar;
mod figures;
pub mod lexicon;
mod masks;
mod numeral;
mod phrases;
mod relative;
pub(crate) mod taken;
pub(crate) use temporal::month_number;
mod temporal;
mod words;

use std::ops::Range;
use std::sync::Arc;

use serde::Serialize;

pub use crate::input::Locale;
pub use lexicon::{Lexicon, Qualifier};

use crate::interval::Interval;

/// What a mention states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionKind {
    /// A count or plain quantity ("5,937 soldiers").
    Number,
    /// An amount of a currency ("$30 billion").
    Money,
    /// A percentage ("12%").
    Percent,
    /// Percentage points or basis points.
    Points,
    /// A multiple ("doubled", "three times").
    Multiplier,
    /// An ordinal ("10th").
    Ordinal,
    /// A calendar year used as a year ("in 2022").
    Year,
    /// A calendar date, or a month of a year.
    Date,
    /// A named period: fiscal year, quarter, season.
    Period,
    /// A day of the week.
    Weekday,
    /// A length of time ("18 months").
    Duration,
    /// A person's age ("the 58-year-old").
    Age,
}

impl MentionKind {
    /// Whether the mention is a time rather than a quantity.
    pub fn is_temporal(self) -> bool {
        matches!(self, MentionKind::Year | MentionKind::Date | MentionKind::Period | MentionKind::Weekday)
    }
}

/// One stated figure or time.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mention {
    pub kind: MentionKind,
    /// Where it stands in the document's prose.
    #[serde(skip)]
    pub range: Range<usize>,
    /// The value in its unit: money in currency units, "35%" as 35.
    pub value: Option<f64>,
    /// For times, an ISO 8601 value ("2023-04-06", "2023", "2023-Q3", "P18M").
    pub time: Option<String>,
    /// The values the stated precision and qualifier allow.
    #[serde(skip)]
    pub interval: Interval,
    /// "USD", "%", "pp", or the counted noun ("soldiers").
    pub unit: Option<String>,
    pub qualifier: Option<Qualifier>,
    /// How the figure is stated, when not as one plain value.
    pub form: Form,
    /// What an amount is stated per ("share" of "$5 per share", "day").
    pub per: Option<String>,
    /// The lexicon entries that read it, as "list: entry" ("scales: billion");
    /// shared with the lexicon tables, so a mention costs no copy of them.
    pub lexicon: Vec<Arc<str>>,
    /// Why the reading may be wrong, for a reader to judge ("1.234 is 1234 where
    /// dots group thousands").
    pub note: Option<String>,
}

/// How a mention states its figure or time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Form {
    /// One value, as written ("12%", "April 6, 2023").
    #[default]
    Plain,
    /// Two ends ("between 10 and 12", "$3m–$4m"): no value, only bounds.
    Range,
    /// An amount without a value ("dozens", "several", "the majority").
    Vague,
    /// A time stated against the publication date ("yesterday", "last year"): its
    /// value is resolved when the date is known, and absent otherwise.
    Relative,
}

/// What extraction needs to know about a document besides its prose.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context {
    /// The date relative times are resolved against; `None` leaves them unresolved.
    pub publication: Option<jiff::civil::Date>,
    pub locale: Locale,
}

impl Mention {
    /// A mention of `kind` at `range` with nothing read yet: no value, no unit.
    pub fn new(kind: MentionKind, range: Range<usize>) -> Mention {
        Mention {
            kind,
            range,
            value: None,
            time: None,
            interval: Interval::point(0.0),
            unit: None,
            qualifier: None,
            form: Form::Plain,
            per: None,
            lexicon: Vec::new(),
            note: None,
        }
    }

    /// A mention with a value and the interval it allows.
    pub fn valued(kind: MentionKind, range: Range<usize>, value: f64, interval: Interval) -> Mention {
        Mention { value: Some(value), interval, ..Mention::new(kind, range) }
    }

    /// Whether the interval means anything: a figure with a value, or a range.
    fn bounded(&self) -> bool {
        match self.form {
            Form::Range => true,
            Form::Vague => false,
            Form::Plain | Form::Relative => self.value.is_some() && !self.kind.is_temporal(),
        }
    }

    /// The lower end of the interval, or `None` when unbounded (JSON has no infinity).
    pub fn low(&self) -> Option<f64> {
        Some(self.interval.lo).filter(|v| self.bounded() && v.is_finite())
    }

    /// The upper end of the interval, or `None` when unbounded.
    pub fn high(&self) -> Option<f64> {
        Some(self.interval.hi).filter(|v| self.bounded() && v.is_finite())
    }

    /// The calendar year a year mention names.
    pub fn year(&self) -> Option<i32> {
        match self.kind {
            MentionKind::Year => self.time.as_deref()?.parse().ok(),
            _ => None,
        }
    }
}

/// Extraction, compiled from a lexicon; cheap to share across threads.
#[derive(Debug)]
pub struct Extractor {
    masks: masks::Masks,
    temporal: temporal::TemporalPatterns,
    figures: figures::FigurePatterns,
}

impl Extractor {
    /// Compiles every pattern the lexicon implies.
    pub fn new(lexicon: &Lexicon) -> Result<Extractor, regex::Error> {
        Ok(Extractor {
            masks: masks::Masks::new()?,
            temporal: temporal::TemporalPatterns::new()?,
            figures: figures::FigurePatterns::new(lexicon)?,
        })
    }

    /// Every mention in `prose`, in order of position, none overlapping another.
    pub fn extract(&self, prose: &str, context: &Context) -> Vec<Mention> {
        let mut taken = taken::Taken::default();
        self.masks.mask(prose, &mut taken);
        taken.next_layer();
        let times = self.temporal.find(prose, context, &mut taken);
        taken.next_layer();
        let figures = self.figures.find(prose, context, &mut taken);
        merge_in_order(times, figures)
    }
}

/// How far a reading looks around a figure for the words that decide it, in bytes.
pub(crate) const LOOK_AROUND: usize = 80;

/// At most the last `max` bytes of prose before `at`: enough for the few words a
/// reading looks back at, and never a scan to the start of a text that has no spaces.
pub(crate) fn text_before(prose: &str, at: usize, max: usize) -> &str {
    let mut start = at.saturating_sub(max);
    while !prose.is_char_boundary(start) {
        start += 1;
    }
    &prose[start..at]
}

/// At most the first `max` bytes of prose after `at` (see [`text_before`]).
pub(crate) fn text_after(prose: &str, at: usize, max: usize) -> &str {
    let mut end = (at + max).min(prose.len());
    while !prose.is_char_boundary(end) {
        end -= 1;
    }
    &prose[at..end]
}

/// Two lists of mentions, each in order of position, as one: a merge, since a
/// mention is large and sorting would move each several times. The heads are
/// compared in place (`as_slice`), not peeked: a peek moves the mention into the
/// iterator and out again, and the rest of the longer list is moved in one copy.
fn merge_in_order(a: Vec<Mention>, b: Vec<Mention>) -> Vec<Mention> {
    let mut merged = Vec::with_capacity(a.len() + b.len());
    let (mut a, mut b) = (a.into_iter(), b.into_iter());
    while let (Some(x), Some(y)) = (a.as_slice().first(), b.as_slice().first()) {
        let from_a = x.range.start <= y.range.start;
        merged.extend(if from_a { a.next() } else { b.next() });
    }
    merged.extend(a);
    merged.extend(b);
    merged
}

/// Room for the mentions a pass may find in `prose`, so that the vector is not
/// grown (and every mention copied) several times: figure-heavy news reads a
/// figure every 60 bytes of prose or so, and a time every 120, and a vector sized
/// for that alone still grew about twice a document. Capped, so a huge text
/// without figures costs no large allocation up front.
pub(crate) fn expected_mentions(prose: &str, bytes_per_mention: usize) -> usize {
    (prose.len() / bytes_per_mention).min(4096)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Text that mixes every kind of figure with multi-byte characters, so that
    /// cutting it anywhere puts a cut next to each of them.
    const MIXED: &str = "Über 1.234,5 € — C $16.4m, ¥3 trillion, 100元 and 20–30% (½ of 3/4) rose −3% \
        to US$1.5bn on 6 April 2023; 10-12 km/h, 6.2p-a-share, 4 500 000 ரூ, 22,24,26, 1e10, \
        between 10 and 12 tonnes, 84mm, aged 72, Q3 2023, FY24, 3 dollars 50 cents. and 1.2.3 \
        at 10:30 — “about 5 or more” per cent of 9, NZD$15 $ 20.00 $ 37.50 20 € 30 € threefold \
        a 12-cent, €3 M";

    #[test]
    fn extraction_never_panics_wherever_the_text_is_cut() {
        let extractor = Extractor::new(&Lexicon::builtin()).unwrap();
        let boundaries: Vec<usize> = MIXED.char_indices().map(|(i, _)| i).chain([MIXED.len()]).collect();
        for locale in [Locale::En, Locale::De] {
            let context = Context { publication: Some(jiff::civil::date(2023, 4, 6)), locale };
            for &start in &boundaries {
                for &end in boundaries.iter().filter(|&&e| e >= start).step_by(7) {
                    let text = &MIXED[start..end];
                    for m in extractor.extract(text, &context) {
                        assert!(text.get(m.range.clone()).is_some(), "{text:?}: {m:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn what_only_looks_like_a_figure_gives_no_value() {
        let extractor = Extractor::new(&Lexicon::builtin()).unwrap();
        for text in [
            "Call 020 7946 0000 today.",
            "Call +1-222-2222/2222 today.",
            "It moved to SW1A 2AA last week.",
            "He lives at 10 Downing Street.",
            "The office is at 221B Baker Street.",
            "They shipped version 2.1 of the app.",
            "The fix is in v3.24.0 of the library.",
            "The router at 192.168.1.2 failed.",
            "See ISBN 978-3-16-148410-0 for details.",
            "Read it at https://example.org/2023/04/report now.",
            "Write to press2023@example.org now.",
            "They met at 10:30 and again at 3pm.",
            "They won 3-1 at home.",
            "She is the No. 1 seed.",
            "Article 5 was invoked.",
            "Section 230 protects hosts.",
            "An F-16 flew over.",
            "Covid-19 closed schools.",
            "The G7 met.",
            "A Boeing 737 landed.",
            "It runs on Windows 11.",
            "The study found as much.[1]",
            "Steps:\n\n1. Open the box",
            "Dial 999 for help.",
            "They met at 5 o'clock.",
        ] {
            let read: Vec<Mention> = extractor
                .extract(text, &Context::default())
                .into_iter()
                .filter(|m| m.value.is_some() && !m.kind.is_temporal())
                .collect();
            assert!(read.is_empty(), "{text}: {read:?}");
        }
        // A year used as a year is a time, never a count of 2,021.
        let year = extractor.extract("Exports grew in 2021.", &Context::default());
        assert_eq!(
            year.iter().map(|m| (m.kind, m.time.as_deref())).collect::<Vec<_>>(),
            [(MentionKind::Year, Some("2021"))]
        );
    }

    #[test]
    fn texts_that_once_crashed_extraction_are_read() {
        let extractor = Extractor::new(&Lexicon::builtin()).unwrap();
        let chain = (1..5000).map(|i| i.to_string()).collect::<Vec<_>>().join("—");
        let dollars = (1..2000).map(|i| format!("${i}")).collect::<Vec<_>>().join("-");
        let brackets = format!("see http://x{}", ")".repeat(2000));
        let no_spaces = "1’".repeat(3000);
        for text in [
            "Prices rose during the«» next month.",
            "Sales fell over the😀 next year.",
            "The…:  next quarter",
            chain.as_str(),
            dollars.as_str(),
            brackets.as_str(),
            no_spaces.as_str(),
        ] {
            for m in extractor.extract(text, &Context::default()) {
                assert!(text.get(m.range.clone()).is_some(), "{m:?}");
            }
        }
    }
}
