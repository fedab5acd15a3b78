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
pub mod metric;

use std::fmt;
use std::ops::Range;

use serde::Serialize;

pub use cues::Direction;
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
}

impl Period {
    /// The period just before this one, of the same kind.
    pub fn previous(self) -> Period {
        match self {
            Period::Year(y) => Period::Year(y - 1),
            Period::FiscalYear(y) => Period::FiscalYear(y - 1),
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Year(y) => write!(f, "{y}"),
            Period::FiscalYear(y) => write!(f, "FY{y}"),
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
}

impl Binder {
    /// Compiles every pattern the lexicon implies.
    pub fn new(lexicon: &Lexicon) -> Result<Binder, regex::Error> {
        Ok(Binder { extractor: Extractor::new(lexicon)?, cues: cues::Cues::new(lexicon)? })
    }

    /// Reads a document's mentions and binds them into claims.
    pub fn analyse(&self, doc: &Document) -> Analysis {
        // A document names its locale in front matter, or `--locale` sets it; else English.
        let context = Context { publication: doc.publication_date, locale: doc.locale.unwrap_or_default() };
        let mentions = self.extractor.extract(&doc.prose, &context);
        let sentences = doc.sentences();
        let claims = frames::bind(&self.cues, &doc.prose, &sentences, &mentions);
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
