//! Metrics: what a figure measures, as a normalised noun phrase.
//!
//! "The volume of bilateral trade", "bilateral trade" and "trade volume" must be
//! able to meet, while "exports" and "imports", or Velmora's exports and
//! Sarnland's, must never. A metric keeps its content words (lower case, no
//! determiners, "X of Y" turned into "Y X", generic words such as "volume" dropped,
//! plurals folded) apart from the names it is qualified by (capitalised words and
//! possessives), and two metrics match only when their words agree up to neutral
//! modifiers and their names do not conflict.

use std::borrow::Cow;
use std::sync::LazyLock;

use foldhash::{HashMap, HashMapExt};

use serde::Serialize;

/// Words that describe how a figure is reported, not what it measures.
const GENERIC: &[&str] =
    &["volume", "value", "level", "amount", "number", "figure", "total", "size", "count", "tally", "worth"];

/// Modifiers whose presence on one side only does not make two metrics differ.
const NEUTRAL: &[&str] = &["bilateral", "overall", "annual", "combined", "yearly", "total", "two-way"];

const DETERMINERS: &[&str] =
    &["the", "a", "an", "its", "their", "his", "her", "our", "this", "that", "these", "those", "some", "all", "such"];

/// Words that belong to the clause around a subject, never to what it measures.
const FUNCTION_WORDS: &[&str] = &[
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "has",
    "have",
    "had",
    "despite",
    "although",
    "though",
    "even",
    "because",
    "also",
    "still",
    "only",
    "just",
    "now",
    "then",
    "however",
    "meanwhile",
    "overall",
    "following",
    "previous",
    "next",
    "year",
    "month",
    "quarter",
];

/// Prepositions that begin a phrase about where or when, not what.
const PLACE_PREPOSITIONS: &[&str] = &[
    "in", "at", "for", "on", "across", "between", "among", "from", "by", "during", "within", "to", "under", "since",
    "with", "into", "through", "around", "after", "before",
];

/// Subjects that take their metric from the claim before.
const PRONOUNS: &[&str] = &[
    "it",
    "this",
    "that",
    "they",
    "these",
    "the figure",
    "the total",
    "the number",
    "the sum",
    "the amount",
    "the value",
    "the level",
    "this figure",
    "that figure",
    "the tally",
];

/// What a subject's word does to the metric, for the words that do more than
/// name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WordClass {
    /// Begins a phrase about where or when ([`PLACE_PREPOSITIONS`]).
    Place,
    /// A determiner or function word: dropped.
    Dropped,
}

/// Every word of [`PLACE_PREPOSITIONS`], [`DETERMINERS`] and [`FUNCTION_WORDS`]
/// in one map: each token of a subject was compared with some 65 words in
/// turn, which cost more than the rest of `normalise`.
static WORD_CLASSES: LazyLock<HashMap<&'static str, WordClass>> = LazyLock::new(|| {
    let mut classes = HashMap::with_capacity(PLACE_PREPOSITIONS.len() + DETERMINERS.len() + FUNCTION_WORDS.len());
    for word in DETERMINERS.iter().chain(FUNCTION_WORDS) {
        classes.insert(*word, WordClass::Dropped);
    }
    // A preposition is read as one first, whatever else it is.
    for word in PLACE_PREPOSITIONS {
        classes.insert(*word, WordClass::Place);
    }
    classes
});

/// A normalised metric.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Metric {
    /// The content words, in order ("bilateral trade").
    pub words: Vec<String>,
    /// Names that qualify it ("velmora"): capitalised words and possessives.
    pub names: Vec<String>,
}

impl Metric {
    /// The normalised phrase shown to users: words, then names in brackets.
    pub fn key(&self) -> String {
        if self.names.is_empty() {
            self.words.join(" ")
        } else {
            format!("{} [{}]", self.words.join(" "), self.names.join(" "))
        }
    }

    /// Whether two metrics are the same thing measured.
    pub fn matches(&self, other: &Metric) -> bool {
        if self.words.is_empty() || other.words.is_empty() {
            return false;
        }
        let only_neutral =
            |a: &[String], b: &[String]| a.iter().filter(|w| !b.contains(w)).all(|w| NEUTRAL.contains(&w.as_str()));
        let words_agree = only_neutral(&self.words, &other.words) && only_neutral(&other.words, &self.words);
        let names_agree = self.names.is_empty()
            || other.names.is_empty()
            || self.names.iter().all(|n| other.names.contains(n))
            || other.names.iter().all(|n| self.names.contains(n));
        words_agree && names_agree
    }
}

impl Metric {
    /// The words that decide [`Metric::matches`], sorted: two metrics that
    /// match have the same key (names aside), so checks can index by it.
    pub fn match_key(&self) -> Vec<&str> {
        let mut key: Vec<&str> = self.words.iter().map(String::as_str).filter(|w| !NEUTRAL.contains(w)).collect();
        key.sort_unstable();
        key.dedup();
        key
    }

    /// The head noun: the last content word ("traffic" of "passenger traffic").
    pub fn head(&self) -> Option<&str> {
        self.words.last().map(String::as_str)
    }

    /// Whether one of the two is the other shortened: the same head, the
    /// shorter one's words all in the longer one, and names that do not conflict
    /// ("passenger traffic" and "traffic"; not "freight traffic" and "passenger traffic").
    pub fn narrows(&self, other: &Metric) -> bool {
        if self.head().is_none() || self.head() != other.head() {
            return false;
        }
        let within = |a: &Metric, b: &Metric| a.words.iter().all(|w| b.words.contains(w));
        let names_agree = self.names.is_empty()
            || other.names.is_empty()
            || self.names.iter().all(|n| other.names.contains(n))
            || other.names.iter().all(|n| self.names.contains(n));
        (within(self, other) || within(other, self)) && names_agree
    }
}

/// Whether every metric of `metric`'s head in `all` is one fuller form of it:
/// "traffic" is unambiguous beside "passenger traffic" alone, and ambiguous
/// beside "passenger traffic" and "freight traffic".
pub fn unambiguous_head<'a>(metric: &Metric, all: impl Iterator<Item = &'a Metric>) -> bool {
    let mut fuller: Option<&Metric> = None;
    for m in all.filter(|m| m.head() == metric.head() && m.words.len() > metric.words.len()) {
        match fuller {
            Some(f) if !f.matches(m) => return false,
            _ => fuller = Some(m),
        }
    }
    true
}

/// What the text before a change or level verb says about its subject.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    /// A noun phrase, normalised.
    Phrase(Metric),
    /// "It", "the figure": the metric of the claim before.
    Pronoun,
    /// Nothing: the subject of the clause before carries over ("…, and rose 25%").
    Elided,
    /// Words that are not a usable metric.
    Unknown,
}

/// Reads the subject from the words that stand between a clause boundary and a verb.
pub fn subject(text: &str) -> Subject {
    let trimmed = text.trim().trim_matches(|c: char| c == ',' || c == '"' || c == '“' || c == '”').trim();
    let lower = trimmed.to_lowercase();
    if lower.is_empty() || ["and", "but", "then", "before", "while", "also", "and then"].contains(&lower.as_str()) {
        return Subject::Elided;
    }
    if PRONOUNS.contains(&lower.as_str()) {
        return Subject::Pronoun;
    }
    let metric = normalise(trimmed);
    // A possessive alone ("Sarnland's") is a phrase too: it names the entity of a
    // metric whose noun the clause leaves out.
    if metric.words.is_empty() && metric.names.is_empty() || metric.words.len() > 6 {
        Subject::Unknown
    } else {
        Subject::Phrase(metric)
    }
}

/// Normalises a noun phrase into a metric.
pub fn normalise(phrase: &str) -> Metric {
    let tokens: Vec<&str> = phrase
        .split(|c: char| c.is_whitespace() || c == ',' || c == '(' || c == ')' || c == '"' || c == '“' || c == '”')
        .filter(|t| !t.is_empty())
        .collect();
    let mut names = Vec::new();
    let mut head: Vec<String> = Vec::new();
    let mut of_tail: Option<Vec<String>> = None;
    let mut in_place_phrase = false;
    for (i, token) in tokens.iter().enumerate() {
        // Most tokens are already lower-case ASCII: lowering them would only copy them.
        let lower: Cow<'_, str> = if token.is_ascii() && !token.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Borrowed(token)
        } else {
            Cow::Owned(token.to_lowercase())
        };
        let possessive = lower.ends_with("'s") || lower.ends_with("’s") || lower.ends_with("s'");
        // Borrowed: most tokens are dropped, and only a kept one needs its own string.
        // Suffixes stripped by hand: `trim_end_matches` with a string builds a
        // substring searcher each call, which cost more than the rest of the loop.
        let bare = strip_all(strip_all(&lower, "'s"), "’s").trim_end_matches('\'');
        // A capitalised first word is a name when it is one itself, or when the
        // next word is capitalised too ("Dunmore Brewing's operating profit").
        let next_capitalised = tokens.get(i + 1).is_some_and(|t| t.chars().next().is_some_and(char::is_uppercase));
        // An acronym that ends the phrase is its head noun, not a name: "its GDP",
        // "Valdoria's CPI" measure GDP and CPI.
        let head_acronym =
            i + 1 == tokens.len() && (2..=6).contains(&bare.len()) && token.bytes().all(|b| b.is_ascii_uppercase());
        if !head_acronym
            && token.chars().next().is_some_and(char::is_uppercase)
            && (i > 0 || possessive || next_capitalised || is_name_like(token))
        {
            names.push(bare.to_string());
            continue;
        }
        let class = WORD_CLASSES.get(lower.as_ref()).copied();
        // A participle that opens a qualifier ("cars sold in Europe", "parcels
        // handled by Swiftway") is no part of what is measured.
        let opens_qualifier = || {
            lower.len() > 4
                && lower.ends_with("ed")
                && tokens.get(i + 1).is_some_and(|next| PLACE_PREPOSITIONS.contains(&next.to_lowercase().as_str()))
        };
        if class == Some(WordClass::Place) || class.is_none() && opens_qualifier() {
            in_place_phrase = true;
            continue;
        }
        if lower == "of" && !in_place_phrase {
            of_tail = Some(Vec::new());
            continue;
        }
        if in_place_phrase || class == Some(WordClass::Dropped) || possessive || lower == "&" {
            continue;
        }
        let word = fold_plural(bare);
        if word.is_empty() || !word.chars().all(|c| c.is_alphabetic() || c == '-') {
            continue;
        }
        match of_tail.as_mut() {
            Some(tail) => tail.push(word),
            None => head.push(word),
        }
    }
    let mut words = of_tail.unwrap_or_default();
    words.extend(head);
    words.retain(|w| !GENERIC.contains(&w.as_str()));
    names.sort();
    names.dedup();
    Metric { words, names }
}

/// `word` with every trailing `suffix` removed, as `trim_end_matches(suffix)` does.
fn strip_all<'a>(mut word: &'a str, suffix: &str) -> &'a str {
    while let Some(rest) = word.strip_suffix(suffix) {
        word = rest;
    }
    word
}

/// A capitalised first word that is not an ordinary sentence-initial noun: it is
/// a name when it is not in lower case anywhere in our small list of metric nouns.
fn is_name_like(token: &str) -> bool {
    let lower = token.to_lowercase();
    !COMMON_METRIC_NOUNS.contains(&fold_plural(&lower).as_str())
        && !GENERIC.contains(&lower.as_str())
        && !DETERMINERS.contains(&lower.as_str())
        && token.chars().skip(1).any(char::is_uppercase)
}

/// Nouns that often open a sentence as the metric itself.
const COMMON_METRIC_NOUNS: &[&str] = &["revenue", "sale", "export", "import", "profit", "trade", "enrolment"];

fn fold_plural(word: &str) -> String {
    let w = word;
    if w.len() > 4 && w.ends_with("ies") {
        format!("{}y", &w[..w.len() - 3])
    } else if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        w[..w.len() - 1].to_string()
    } else {
        w.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(text: &str) -> Metric {
        normalise(text)
    }

    #[test]
    fn of_phrases_turn_around_and_generic_words_drop() {
        assert_eq!(m("the volume of bilateral trade").words, ["bilateral", "trade"]);
        assert_eq!(m("trade volume").words, ["trade"]);
        assert!(m("the volume of bilateral trade").matches(&m("trade volume")));
        assert!(m("bilateral trade").matches(&m("Bilateral trade")));
    }

    #[test]
    fn metrics_that_match_share_a_key_and_others_do_not() {
        let phrases = [
            "the volume of bilateral trade",
            "trade volume",
            "annual trade",
            "trade",
            "exports",
            "Velmora's exports",
            "oil exports",
            "exports of oil",
            "net profit",
            "operating profit",
            "overall annual combined",
            "annual",
        ];
        for a in phrases {
            for b in phrases {
                let (a, b) = (m(a), m(b));
                if a.matches(&b) {
                    assert_eq!(a.match_key(), b.match_key(), "{a:?} {b:?}");
                }
            }
        }
        assert_eq!(m("exports of oil").match_key(), m("oil exports").match_key());
        assert_ne!(m("oil exports").match_key(), m("exports").match_key());
        assert_eq!(m("the volume of bilateral trade").match_key(), ["trade"]);
    }

    #[test]
    fn different_metrics_never_meet() {
        assert!(!m("exports").matches(&m("imports")));
        assert!(!m("net profit").matches(&m("revenue")));
        assert!(!m("real wages").matches(&m("nominal wages")));
        assert!(!m("net profit").matches(&m("operating profit")));
    }

    #[test]
    fn a_shortened_metric_meets_its_fuller_form_only_when_unambiguous() {
        let traffic = m("traffic");
        assert!(m("passenger traffic").narrows(&traffic));
        assert!(!m("passenger traffic").narrows(&m("freight traffic")));
        assert!(!m("passenger numbers").narrows(&traffic));
        let alone = [m("passenger traffic"), m("traffic")];
        assert!(unambiguous_head(&traffic, alone.iter()));
        let both = [m("passenger traffic"), m("freight traffic"), m("traffic")];
        assert!(!unambiguous_head(&traffic, both.iter()));
        assert!(!m("Norland's exports").narrows(&m("Ostia's exports")));
    }

    #[test]
    fn names_qualify_and_must_not_conflict() {
        let velmora = m("Velmora's exports");
        let sarnland = m("Sarnland's exports");
        assert_eq!(velmora.names, ["velmora"]);
        assert!(!velmora.matches(&sarnland));
        assert!(velmora.matches(&m("exports")));
        assert_eq!(m("Exports from Velmora").names, ["velmora"]);
    }

    #[test]
    fn a_name_of_several_words_is_a_name_from_its_first() {
        assert_eq!(m("Dunmore Brewing's operating profit").words, ["operating", "profit"]);
        assert_eq!(m("Dunmore Brewing's operating profit").names, ["brewing", "dunmore"]);
        assert_eq!(m("Operating profit").words, ["operating", "profit"]);
    }

    #[test]
    fn places_and_prepositional_phrases_drop_from_the_words() {
        assert_eq!(m("Electric car sales in Osterlund").words, ["electric", "car", "sale"]);
        assert_eq!(m("Revenue at the brewing group Hartmann & Sohn").words, ["revenue"]);
        assert_eq!(m("Enrolment at Tollbridge University").words, ["enrolment"]);
    }

    #[test]
    fn possessives_are_stripped_like_trim_end_matches() {
        for word in ["velmora's", "velmora’s", "velmora's's", "exports'", "'s", "s's", "it’s's", "plain"] {
            let expected = word.trim_end_matches("'s").trim_end_matches("’s");
            assert_eq!(strip_all(strip_all(word, "'s"), "’s"), expected, "{word}");
        }
    }

    #[test]
    fn subjects_tell_pronouns_and_elisions() {
        assert_eq!(subject("It"), Subject::Pronoun);
        assert_eq!(subject("the figure"), Subject::Pronoun);
        assert_eq!(subject(" and "), Subject::Elided);
        assert_eq!(subject(""), Subject::Elided);
        assert!(matches!(subject("Trade between the two countries"), Subject::Phrase(_)));
        assert_eq!(subject("despite"), Subject::Unknown);
        assert_eq!(m("highway allocation is").words, ["highway", "allocation"]);
    }
}
