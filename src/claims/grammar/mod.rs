//! Grammar: the word classes binding reads a sentence with, and the clauses it
//! splits the sentence into.
//!
//! Word classes come from the lexicon's `grammar:` section (determiners,
//! prepositions, subordinators, relatives, coordinators, pronouns, speakers,
//! auxiliaries, reporting verbs by lemma) and from the cue words; nothing here
//! names an English word. A sentence is cut into clauses, each of a [`ClauseKind`]:
//! a figure, a cue and a period belong to the clause they stand in, so that "as
//! demand weakened" or "which was founded in 1987" never lends its verb or its
//! year to the main clause, and "on Tuesday she said that …" never lends its day.

use std::ops::Range;

use foldhash::{HashMap, HashMapExt};

use crate::extract::Lexicon;

mod clauses;
mod phrases;

use phrases::lower_key;
#[cfg(test)]
use phrases::phrase_len;
use phrases::{PhraseIndex, PhraseSearch, lower};
pub use phrases::{Word, words};

/// What a word is, for the words binding needs to tell apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Determiner,
    Preposition,
    Subordinator,
    Relative,
    Coordinator,
    Pronoun,
    Speaker,
    Auxiliary,
    Reporting,
}

/// What a clause is to the sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ClauseKind {
    /// The main clause.
    Main,
    /// Opened by a subordinator ("as demand weakened", "after hitting $1.8bn").
    Subordinate,
    /// Opened by a relative word ("which was founded in 1987").
    Relative,
    /// The words that report speech ("she said on Tuesday", "according to …").
    Reporting,
    /// A clause joined by a coordinator, with a subject of its own or none.
    Coordinated,
    /// After a contributor phrase ("due to", "driven by"): a part of the change before.
    Contributor,
    /// Inside quotation marks.
    Quoted,
}

/// One clause of a sentence, in sentence-relative byte offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    pub kind: ClauseKind,
    pub range: Range<usize>,
}

/// The word classes, compiled once from the lexicon.
#[derive(Debug)]
pub struct Grammar {
    words: HashMap<String, Class>,
    /// Phrases of more than one word, by class, lower case.
    phrases: PhraseIndex<Class>,
    contributors: PhraseIndex<()>,
    bases: PhraseSearch,
    year_on_year: PhraseSearch,
    earlier: Vec<String>,
    later: Vec<String>,
    level_nouns: Vec<String>,
    span_words: Vec<String>,
    /// Units of measure ("t", "km"): a figure's unit that names no counted thing.
    measure_units: Vec<String>,
}

impl Grammar {
    pub fn new(lexicon: &Lexicon) -> Grammar {
        let g = &lexicon.grammar;
        let irregular: HashMap<String, Vec<String>> =
            lexicon.irregular_verbs.iter().map(|(k, v)| (k.to_ascii_lowercase(), v.clone())).collect();
        let reporting: Vec<String> =
            g.reporting_verbs.iter().flat_map(|lemma| super::inflect::forms(lemma, &irregular)).collect();
        let mut words = HashMap::new();
        let mut phrases = Vec::new();
        // Later classes do not override earlier ones: a word that is a subordinator
        // and a preposition ("after") is read as a subordinator, then tested for a verb.
        let classes: [(&[String], Class); 9] = [
            (&g.reporting_phrases, Class::Reporting),
            (&reporting, Class::Reporting),
            (&g.subordinators, Class::Subordinator),
            (&g.relatives, Class::Relative),
            (&g.coordinators, Class::Coordinator),
            (&g.auxiliaries, Class::Auxiliary),
            (&g.determiners, Class::Determiner),
            (&g.pronouns, Class::Pronoun),
            (&g.speakers, Class::Speaker),
        ];
        for (list, class) in classes.into_iter().chain([(&g.prepositions[..], Class::Preposition)]) {
            for w in list {
                let key = lower(w);
                if key.contains(' ') {
                    phrases.push((key, class));
                } else {
                    words.entry(key).or_insert(class);
                }
            }
        }
        let list = |l: &[String]| {
            let mut v: Vec<String> = l.iter().map(|w| lower(w)).collect();
            v.sort_by_key(|w| std::cmp::Reverse(w.len()));
            v
        };
        Grammar {
            words,
            phrases: PhraseIndex::new(phrases),
            contributors: PhraseIndex::new(g.contributors.iter().map(|p| (lower(p), ()))),
            bases: PhraseSearch::new(&g.bases),
            year_on_year: PhraseSearch::new(&g.year_on_year),
            earlier: list(&g.earlier),
            later: list(&g.later),
            level_nouns: list(&g.level_nouns),
            span_words: list(&g.span_words),
            measure_units: lexicon.units.iter().map(|u| u.unit.clone()).collect(),
        }
    }

    /// The period a time counted from `context` names: "the previous year" of
    /// 2023 is 2022, "a year earlier" than the third quarter of 2024 is that of
    /// 2023, "the following quarter" is the next. One unit only: "two years
    /// earlier" and units that do not fit the context name none.
    pub fn counted_from(&self, text: &str, context: super::Period) -> Option<super::Period> {
        let words: Vec<String> = words(text).map(|w| w.text.to_lowercase()).collect();
        let has = |list: &[String]| words.iter().any(|w| list.contains(w));
        let (back, on) = (has(&self.earlier), has(&self.later));
        if back == on {
            return None;
        }
        let unit = words.iter().find_map(|w| {
            let w = w.trim_end_matches('s');
            ["year", "quarter", "month", "half"].into_iter().find(|u| *u == w)
        })?;
        let amount_is_one = words.iter().all(|w| !w.chars().all(|c| c.is_ascii_digit()))
            && !words.iter().any(|w| ["two", "three", "four", "five", "six", "ten"].contains(&w.as_str()));
        if !amount_is_one {
            return None;
        }
        use super::Period::*;
        let same_unit = matches!(
            (unit, context),
            ("year", Year(_) | FiscalYear(_)) | ("quarter", Quarter(..)) | ("month", Month(..)) | ("half", Half(..))
        );
        match (unit, back) {
            _ if same_unit && back => Some(context.previous()),
            _ if same_unit => Some(context.next()),
            ("year", true) => Some(context.a_year_before()),
            ("year", false) => Some(context.a_year_after()),
            _ => None,
        }
    }

    /// Whether a figure's unit is a unit of measure ("tonnes"), not a counted noun.
    pub fn is_measure_unit(&self, unit: &str) -> bool {
        self.measure_units.iter().any(|u| u == unit)
    }

    /// Whether a lead to a time makes it the start or end of a span ("since
    /// 2016", "until 2020"), which is not the period a figure is for.
    pub fn is_span_start(&self, lead: &str) -> bool {
        let last = lead.rsplit(' ').next().unwrap_or(lead);
        self.span_words.iter().any(|w| w == last)
    }

    /// Whether `word` says how a level is reported ("average", "record").
    pub fn is_level_noun(&self, word: &str) -> bool {
        self.level_nouns.iter().any(|w| w.eq_ignore_ascii_case(word))
    }

    /// The class of one word, if it is of a class binding reads.
    pub fn class(&self, word: &str) -> Option<Class> {
        self.words.get(&*lower_key(word)).copied()
    }

    /// The length of the contributor phrase that opens `text` after its spaces.
    pub fn contributor_len(&self, text: &str) -> Option<usize> {
        let rest = text.trim_start();
        self.contributor_at(rest).map(|len| len + (text.len() - rest.len()))
    }

    /// The contributor phrase at the start of `text`, with its length.
    fn contributor_at(&self, text: &str) -> Option<usize> {
        self.contributors.find(text).map(|(_, len)| len)
    }

    /// The basis a change is stated on, when `text` names one; year on year
    /// apart, which only matters beside levels less than a year apart.
    pub fn basis_in(&self, text: &str) -> Option<Basis> {
        if let Some(p) = self.bases.find(text) {
            return Some(Basis::Other(p));
        }
        self.year_on_year.find(text).map(|_| Basis::YearOnYear)
    }

    /// Whether `text` is, as a whole, a pronoun of the lexicon: a word ("it",
    /// "them") or a phrase ("the figure") that takes its metric from before.
    pub fn is_pronoun(&self, text: &str) -> bool {
        let text = text.trim();
        let whole = |len: usize| len == text.len();
        self.phrases.find(text).is_some_and(|(class, len)| *class == Class::Pronoun && whole(len))
            || !text.contains(char::is_whitespace) && self.class(text) == Some(Class::Pronoun)
    }

    /// Whether a word is an auxiliary verb ("was", "had", "will").
    pub fn is_auxiliary(&self, word: &str) -> bool {
        self.class(word) == Some(Class::Auxiliary)
    }

    /// Whether a word is inflected as a verb's past or participle ("closed",
    /// "trading"), or is an auxiliary or reporting verb.
    pub fn is_verb_form(&self, word: &str) -> bool {
        self.verb_like(word)
    }

    /// Whether a word may be a finite or non-finite verb that is not a cue: an
    /// auxiliary, a reporting verb, or a word inflected as verbs are ("weakened",
    /// "hitting", "employs"). Used only to tell a subordinator that opens a clause
    /// ("as demand weakened") from a preposition ("as a result").
    fn verb_like(&self, word: &str) -> bool {
        matches!(self.class(word), Some(Class::Auxiliary | Class::Reporting))
            || word.len() > 4 && (word.ends_with("ed") || word.ends_with("ing"))
    }
}

/// A basis a change may be stated on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Basis {
    /// Against the same period a year before.
    YearOnYear,
    /// Constant currency, like-for-like, real terms and the like, as written in the lexicon.
    Other(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grammar() -> Grammar {
        Grammar::new(&Lexicon::builtin())
    }

    /// The clauses of `text` as (kind, text) pairs, with `cues` marking verbs.
    fn split(text: &str, cues: &[&str]) -> Vec<(ClauseKind, String)> {
        let ranges: Vec<Range<usize>> = cues
            .iter()
            .map(|c| {
                let at = text.find(c).expect("cue in text");
                at..at + c.len()
            })
            .collect();
        let figures: Vec<Range<usize>> = words(text)
            .filter(|w| w.text.starts_with(|c: char| c.is_ascii_digit()))
            .map(|w| w.range.start.saturating_sub(1)..w.range.end)
            .collect();
        grammar()
            .clauses(text, &ranges, &figures)
            .into_iter()
            .map(|c| (c.kind, text[c.range].trim().to_string()))
            .collect()
    }

    use ClauseKind::*;

    #[test]
    fn a_fronted_subordinate_clause_ends_at_its_comma() {
        assert_eq!(
            split("After hitting $1.8 billion in 2022, sales fell 9% in 2023.", &["hitting", "fell"]),
            [(Subordinate, "After hitting $1.8 billion in 2022,".into()), (Main, "sales fell 9% in 2023.".into())]
        );
        assert_eq!(
            split("As costs climbed, the margin narrowed to 4%.", &["climbed", "narrowed"]),
            [(Subordinate, "As costs climbed,".into()), (Main, "the margin narrowed to 4%.".into())]
        );
    }

    #[test]
    fn a_comma_inside_a_figure_is_no_break() {
        assert_eq!(
            split("Having stood at 41,200 in 2021, enrolment rose by 2,900.", &["stood at", "rose"]),
            [(Subordinate, "Having stood at 41,200 in 2021,".into()), (Main, "enrolment rose by 2,900.".into())]
        );
    }

    #[test]
    fn a_trailing_subordinate_clause_takes_the_rest() {
        assert_eq!(
            split("Sales fell 3% to $4m as demand weakened.", &["fell"]),
            [(Main, "Sales fell 3% to $4m".into()), (Subordinate, "as demand weakened.".into())]
        );
    }

    #[test]
    fn a_subordinator_before_a_noun_alone_is_a_preposition() {
        assert_eq!(
            split("Profit after tax rose 4% to $9m.", &["rose"]),
            [(Main, "Profit after tax rose 4% to $9m.".into())]
        );
        assert_eq!(split("As a result, revenue fell 2%.", &["fell"]), [(Main, "As a result, revenue fell 2%.".into())]);
    }

    #[test]
    fn a_relative_clause_ends_at_its_comma() {
        assert_eq!(
            split("The brewer, which was founded in 1987, sold 4 million litres.", &["sold"]),
            [
                (Main, "The brewer,".into()),
                (Relative, "which was founded in 1987,".into()),
                (Main, "sold 4 million litres.".into())
            ]
        );
    }

    #[test]
    fn reported_speech_keeps_the_time_of_the_telling_apart() {
        assert_eq!(
            split("On Tuesday she said that exports grew 6% in 2023.", &["grew"]),
            [
                (Main, "On Tuesday".into()),
                (Reporting, "she said that".into()),
                (Main, "exports grew 6% in 2023.".into())
            ]
        );
        assert_eq!(
            split("Exports grew 6% in 2023, the minister said on Friday.", &["grew"]),
            [(Main, "Exports grew 6% in 2023,".into()), (Reporting, "the minister said on Friday.".into())]
        );
        assert_eq!(
            split("Exports grew 6%, according to the ministry.", &["grew"]),
            [(Main, "Exports grew 6%,".into()), (Reporting, "according to the ministry.".into())]
        );
    }

    #[test]
    fn coordinated_clauses_and_contributors() {
        assert_eq!(
            split("Exports rose 5% to $9bn, while imports fell 2% to $7bn.", &["rose", "fell"]),
            [(Main, "Exports rose 5% to $9bn,".into()), (Subordinate, "while imports fell 2% to $7bn.".into())]
        );
        assert_eq!(
            split("Exports rose 5% to $9bn, but imports fell 2% to $7bn.", &["rose", "fell"]),
            [(Main, "Exports rose 5% to $9bn,".into()), (Coordinated, "but imports fell 2% to $7bn.".into())]
        );
        assert_eq!(
            split("Revenue rose 8% to $4bn, driven by a 12% rise in cloud sales.", &["rose", "rise"]),
            [(Main, "Revenue rose 8% to $4bn,".into()), (Contributor, "driven by a 12% rise in cloud sales.".into())]
        );
        assert_eq!(
            split("Trade between Norland and Ostia rose 3%.", &["rose"]),
            [(Main, "Trade between Norland and Ostia rose 3%.".into())]
        );
    }

    #[test]
    fn a_coordinator_before_a_figure_and_no_verb_gaps_the_verb() {
        assert_eq!(
            split("Imports climbed 8% to 41 barrels in 2023 and refined products 3% to 12 barrels.", &["climbed"]),
            [
                (Main, "Imports climbed 8% to 41 barrels in 2023".into()),
                (Coordinated, "and refined products 3% to 12 barrels.".into())
            ]
        );
        assert_eq!(
            split("Turnout reached 71% in 2019 but only 59% in 2023.", &["reached"]),
            [(Main, "Turnout reached 71% in 2019".into()), (Coordinated, "but only 59% in 2023.".into())]
        );
        // Nouns joined before the verb are not clauses.
        assert_eq!(
            split("Trade between Norland and 3 neighbours rose 5%.", &["rose"]),
            [(Main, "Trade between Norland and 3 neighbours rose 5%.".into())]
        );
    }

    #[test]
    fn quotations_are_clauses_of_their_own() {
        assert_eq!(
            split("“Sales rose 9% this year,” the chief executive said.", &["rose"]),
            [(Quoted, "“Sales rose 9% this year,".into()), (Main, "” the chief executive said.".into())]
        );
    }

    #[test]
    fn bases_are_found_by_phrase() {
        let g = grammar();
        assert_eq!(g.basis_in("rose 4% in constant currency"), Some(Basis::Other("constant currency".into())));
        assert_eq!(g.basis_in("up 3% year on year"), Some(Basis::YearOnYear));
        assert_eq!(g.basis_in("rose 4% to $9bn"), None);
        assert_eq!(g.basis_in("the organically grown"), Some(Basis::Other("organically".into())));
    }

    #[test]
    fn phrases_match_whole_words_in_any_case() {
        assert_eq!(phrase_len("Due  to rising costs", "due to"), Some("Due  to".len()));
        assert_eq!(phrase_len("due tomorrow", "due to"), None);
    }
}
