//! Claims: mentions bound to what they measure and when.
//!
//! A [`Claim`] is a level ("exports reached $30 billion in 2021") or a change
//! ("rose 12% in 2022 to $45 billion, from $40 billion"), with the metric it is
//! about, the period it is for, and how sure the binding is. The [`Binder`] finds
//! them clause by clause (see `frames`); a claim whose metric or period could not
//! be bound is kept, so `factlint claims` can show it, but carries no binding, and
//! checks that need one pass it by.

mod cues;
mod frames;
mod grammar;
mod inflect;
pub mod metric;

use std::fmt;
use std::ops::Range;

use serde::Serialize;

pub use cues::Direction;
pub use grammar::{Basis, ClauseKind};
pub use metric::Metric;

use crate::extract::{Context, Extractor, Lexicon, Mention};
use crate::input::Document;
use crate::interval::Interval;

/// Whether a claim states a level or a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Level,
    Change,
}

/// How sure the binding of a claim to its metric is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// No metric could be bound.
    None,
    /// Carried from the sentence before through a pronoun ("It rose…").
    Medium,
    /// Stated as the subject of the clause, or carried within one sentence.
    High,
}

/// The period a claim is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Period {
    Year(i32),
    FiscalYear(i32),
    /// A quarter (1–4) of a year.
    Quarter(i32, u8),
    /// A half (1–2) of a year.
    Half(i32, u8),
    /// A month (1–12) of a year.
    Month(i32, u8),
}

impl Period {
    /// The period just before this one, of the same kind.
    pub fn previous(self) -> Period {
        let back = |y: i32, n: u8, per: u8| if n > 1 { (y, n - 1) } else { (y - 1, per) };
        match self {
            Period::Year(y) => Period::Year(y - 1),
            Period::FiscalYear(y) => Period::FiscalYear(y - 1),
            Period::Quarter(y, q) => back(y, q, 4).into_quarter(),
            Period::Half(y, h) => {
                let (y, h) = back(y, h, 2);
                Period::Half(y, h)
            }
            Period::Month(y, m) => {
                let (y, m) = back(y, m, 12);
                Period::Month(y, m)
            }
        }
    }

    /// The period just after this one, of the same kind.
    pub fn next(self) -> Period {
        let on = |y: i32, n: u8, per: u8| if n < per { (y, n + 1) } else { (y + 1, 1) };
        match self {
            Period::Year(y) => Period::Year(y + 1),
            Period::FiscalYear(y) => Period::FiscalYear(y + 1),
            Period::Quarter(y, q) => on(y, q, 4).into_quarter(),
            Period::Half(y, h) => {
                let (y, h) = on(y, h, 2);
                Period::Half(y, h)
            }
            Period::Month(y, m) => {
                let (y, m) = on(y, m, 12);
                Period::Month(y, m)
            }
        }
    }

    /// The same period a year later.
    pub fn a_year_after(self) -> Period {
        match self {
            Period::Year(y) => Period::Year(y + 1),
            Period::FiscalYear(y) => Period::FiscalYear(y + 1),
            Period::Quarter(y, q) => Period::Quarter(y + 1, q),
            Period::Half(y, h) => Period::Half(y + 1, h),
            Period::Month(y, m) => Period::Month(y + 1, m),
        }
    }

    /// The same period a year before ("year on year").
    pub fn a_year_before(self) -> Period {
        match self {
            Period::Year(y) => Period::Year(y - 1),
            Period::FiscalYear(y) => Period::FiscalYear(y - 1),
            Period::Quarter(y, q) => Period::Quarter(y - 1, q),
            Period::Half(y, h) => Period::Half(y - 1, h),
            Period::Month(y, m) => Period::Month(y - 1, m),
        }
    }

    /// Whether the period is shorter than a year.
    pub fn is_part_of_year(self) -> bool {
        matches!(self, Period::Quarter(..) | Period::Half(..) | Period::Month(..))
    }

    /// The calendar or fiscal year the period falls in.
    /// Whether the period has begun on or before `date`.
    pub fn begins_by(self, date: jiff::civil::Date) -> bool {
        let (year, month) = match self {
            Period::Year(y) | Period::FiscalYear(y) => (y, 1),
            Period::Quarter(y, q) => (y, 3 * q - 2),
            Period::Half(y, h) => (y, 6 * h - 5),
            Period::Month(y, m) => (y, m),
        };
        (year, i8::try_from(month).unwrap_or(i8::MAX)) <= (i32::from(date.year()), date.month())
    }

    pub fn year(self) -> i32 {
        match self {
            Period::Year(y)
            | Period::FiscalYear(y)
            | Period::Quarter(y, _)
            | Period::Half(y, _)
            | Period::Month(y, _) => y,
        }
    }

    /// Reads an ISO-like time ("2023", "FY2023", "2023-Q1", "2023-H2", "2023-03");
    /// a quarter or half without a year ("Q2") takes `year` when one is known. A
    /// day is not a period a figure is for.
    pub fn parse(time: &str, year: Option<i32>) -> Option<Period> {
        if let Some(y) = time.strip_prefix("FY") {
            return y.parse().ok().map(Period::FiscalYear);
        }
        let (y, rest) = match time.split_once('-') {
            Some((y, rest)) if y.len() == 4 => (y.parse().ok()?, rest),
            Some(_) => return None,
            None if time.len() == 4 => return time.parse().ok().map(Period::Year),
            None => (year?, time),
        };
        let number = |s: &str, max: u8| s.parse::<u8>().ok().filter(|n| (1..=max).contains(n));
        if let Some(q) = rest.strip_prefix('Q') {
            Some(Period::Quarter(y, number(q, 4)?))
        } else if let Some(h) = rest.strip_prefix('H') {
            Some(Period::Half(y, number(h, 2)?))
        } else if rest.len() == 2 {
            Some(Period::Month(y, number(rest, 12)?))
        } else {
            None
        }
    }
}

trait IntoQuarter {
    fn into_quarter(self) -> Period;
}

impl IntoQuarter for (i32, u8) {
    fn into_quarter(self) -> Period {
        Period::Quarter(self.0, self.1)
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Year(y) => write!(f, "{y}"),
            Period::FiscalYear(y) => write!(f, "FY{y}"),
            Period::Quarter(y, q) => write!(f, "{y}-Q{q}"),
            Period::Half(y, h) => write!(f, "{y}-H{h}"),
            Period::Month(y, m) => write!(f, "{y}-{m:02}"),
        }
    }
}

impl Serialize for Period {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// How large a change is said to be.
#[derive(Debug, Clone, PartialEq)]
pub enum Amount {
    /// A percentage change; the mention is a percent.
    Percent(usize),
    /// A change in percentage points; left to the points checks.
    Points(usize),
    /// A change by an amount in the levels' unit ("increased by 1,400").
    Absolute(usize),
    /// A change by a factor ("doubled", "cut by a third"), with its looseness.
    Factor { factor: Interval, text: String, range: Range<usize> },
}

/// A stated change.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub direction: Direction,
    pub amount: Option<Amount>,
    /// The earlier level, as a mention index.
    pub from: Option<usize>,
}

/// A level or a change, bound to a metric and a period where the text allows.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    pub role: Role,
    pub metric: Option<Metric>,
    pub confidence: Confidence,
    pub period: Option<Period>,
    /// The index of the sentence it stands in.
    pub sentence: usize,
    /// The verb or phrase that states it, in prose offsets.
    pub cue: Range<usize>,
    /// The lexicon entry of that cue.
    pub cue_text: String,
    /// The level stated (for a change, the level it reached), as a mention index.
    pub level: Option<usize>,
    pub change: Option<Change>,
    /// How the claim was bound, for `factlint claims` and for checks that must
    /// refuse some bindings (a contributor, another basis).
    pub binding: Binding,
}

/// How a claim's subject was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SubjectRule {
    /// No metric was bound.
    #[default]
    None,
    /// The noun phrase before the verb.
    Stated,
    /// A pronoun ("it", "the figure"): the metric of the claim before.
    Pronoun,
    /// No subject in a coordinated clause: the clause before's.
    Elided,
    /// A relative clause's noun ("the brewer, which …").
    Antecedent,
    /// A fronted clause without a subject: the main clause's.
    MainClause,
    /// The object of the verb ("handled 4.2 million passengers", "reported sales of …").
    Object,
    /// A change noun's complement ("a 9% rise in sales").
    Complement,
}

/// How a claim was bound: the frame that read it, the clause it stands in, how
/// its subject was found, and what keeps it from being compared with levels.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Binding {
    /// "change verb", "level verb", "change noun", "comparative", "gapped".
    pub frame: &'static str,
    pub clause: Option<ClauseKind>,
    pub subject: SubjectRule,
    /// A contributor to another change ("due to", "driven by"), not a whole change.
    pub component: bool,
    /// The basis the change is stated on, when the text names one.
    pub basis: Option<Basis>,
}

impl Claim {
    /// Every mention the claim uses, in order of position.
    pub fn mentions(&self) -> Vec<usize> {
        let mut all: Vec<usize> = self.level.into_iter().collect();
        if let Some(change) = &self.change {
            all.extend(change.from);
            if let Some(Amount::Percent(i) | Amount::Points(i) | Amount::Absolute(i)) = change.amount {
                all.push(i);
            }
        }
        all.sort_unstable();
        all.dedup();
        all
    }
}

/// What the engine read in one document.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub mentions: Vec<Mention>,
    pub sentences: Vec<Range<usize>>,
    pub claims: Vec<Claim>,
}

/// Extraction and binding, compiled once from a lexicon and shared across threads.
#[derive(Debug)]
pub struct Binder {
    extractor: Extractor,
    cues: cues::Cues,
    grammar: grammar::Grammar,
}

impl Binder {
    /// Compiles every pattern the lexicon implies.
    pub fn new(lexicon: &Lexicon) -> Result<Binder, regex::Error> {
        Ok(Binder {
            extractor: Extractor::new(lexicon)?,
            cues: cues::Cues::new(lexicon)?,
            grammar: grammar::Grammar::new(lexicon),
        })
    }

    /// Reads a document's mentions and binds them into claims.
    pub fn analyse(&self, doc: &Document) -> Analysis {
        // A document names its locale in front matter, or `--locale` sets it; else English.
        let context = Context { publication: doc.publication_date, locale: doc.locale.unwrap_or_default() };
        let mentions = self.extractor.extract(&doc.prose, &context);
        let sentences = doc.sentences();
        let claims = frames::bind(&self.cues, &self.grammar, &doc.prose, &sentences, &mentions, doc.publication_date);
        Analysis { mentions, sentences, claims }
    }
}

/// Whether two figures are in the same unit: same kind, same currency, and no two
/// different counted nouns.
pub fn units_agree(a: &Mention, b: &Mention) -> bool {
    if a.kind != b.kind {
        return false;
    }
    match a.kind {
        crate::extract::MentionKind::Number => match (&a.unit, &b.unit) {
            (Some(x), Some(y)) => x == y,
            _ => true,
        },
        _ => a.unit == b.unit,
    }
}
