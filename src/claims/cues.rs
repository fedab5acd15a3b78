//! Cues: the words that tie figures together in a clause — change and level verbs,
//! change nouns, comparatives, fraction words and period phrases — compiled once
//! from the lexicon.

use foldhash::{HashMap, HashMapExt};
use std::ops::Range;

use regex::Regex;

use crate::extract::Lexicon;
use crate::extract::lexicon::alternation;
use crate::interval::Interval;

/// Which way a change goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Up,
    Down,
}

/// What a cue is.
#[derive(Debug, Clone, PartialEq)]
pub enum CueKind {
    /// "rose", "was down".
    ChangeVerb(Direction),
    /// "doubled": a change by a factor.
    FactorVerb(f64),
    /// "reached", "stood at".
    LevelVerb,
    /// "a rise of", "a 20% fall".
    ChangeNoun(Direction),
    /// "higher than", "lower than".
    Comparative(Direction),
}

/// One cue found in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Cue {
    pub kind: CueKind,
    pub range: Range<usize>,
    /// The lexicon entry that matched, as written there.
    pub text: String,
}

/// Compiled cue patterns.
#[derive(Debug)]
pub struct Cues {
    /// Every cue word of every kind, in one pattern: verbs first, so that a word
    /// that is also a noun or level verb ("cut", "was up") reads as a verb.
    any: Regex,
    /// What each cue phrase is, by its normalised text.
    kinds: HashMap<String, CueKind>,
    object_levels: Vec<String>,
    fractions: Regex,
    fraction_values: Vec<(String, f64)>,
    pub fraction_tolerance: f64,
}

/// A cue's text with single spaces, in lower case: joined in place, and lowered
/// without a second string when it is ASCII, as every English cue is.
fn key(text: &str) -> String {
    let mut joined = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !joined.is_empty() {
            joined.push(' ');
        }
        joined.push_str(word);
    }
    if joined.is_ascii() {
        joined.make_ascii_lowercase();
        joined
    } else {
        joined.to_lowercase()
    }
}

impl Cues {
    pub fn new(lexicon: &Lexicon) -> Result<Cues, regex::Error> {
        let mut kinds: HashMap<String, CueKind> = HashMap::new();
        let mut add = |words: &[String], kind: CueKind| {
            for w in words {
                kinds.entry(key(w)).or_insert_with(|| kind.clone());
            }
        };
        add(&lexicon.change_verbs.up, CueKind::ChangeVerb(Direction::Up));
        add(&lexicon.change_verbs.down, CueKind::ChangeVerb(Direction::Down));
        for f in &lexicon.factor_verbs {
            add(&f.words, CueKind::FactorVerb(f.factor));
        }
        add(&lexicon.change_nouns.up, CueKind::ChangeNoun(Direction::Up));
        add(&lexicon.change_nouns.down, CueKind::ChangeNoun(Direction::Down));
        let than = |words: &[String]| words.iter().map(|w| format!("{w} than")).collect::<Vec<_>>();
        add(&than(&lexicon.comparatives.up), CueKind::Comparative(Direction::Up));
        add(&than(&lexicon.comparatives.down), CueKind::Comparative(Direction::Down));
        add(&lexicon.level_verbs, CueKind::LevelVerb);
        add(&lexicon.object_level_verbs, CueKind::LevelVerb);

        let factor_words: Vec<&String> = lexicon.factor_verbs.iter().flat_map(|f| f.words.iter()).collect();
        let verbs = alternation(lexicon.change_verbs.up.iter().chain(&lexicon.change_verbs.down).chain(factor_words));
        let nouns = alternation(lexicon.change_nouns.up.iter().chain(&lexicon.change_nouns.down));
        let comparatives = alternation(lexicon.comparatives.up.iter().chain(&lexicon.comparatives.down));
        let levels = alternation(lexicon.level_verbs.iter().chain(&lexicon.object_level_verbs));
        let fraction_words: Vec<&String> = lexicon.fractions.iter().flat_map(|f| f.words.iter()).collect();
        Ok(Cues {
            any: Regex::new(&format!(
                // ASCII case folding: Unicode folding ("k" is also the Kelvin sign) makes
                // the automaton several times larger for no English word.
                r"(?i-u)\b(?:{verbs}|{nouns}|(?:{comparatives})\s+than|{levels})\b"
            ))?,
            kinds,
            object_levels: lexicon.object_level_verbs.iter().map(|w| key(w)).collect(),
            fractions: Regex::new(&format!(r"(?i-u)\b(?:{})\b", alternation(fraction_words)))?,
            fraction_values: lexicon
                .fractions
                .iter()
                .flat_map(|f| f.words.iter().map(move |w| (key(w), f.value)))
                .collect(),
            fraction_tolerance: lexicon.fraction_tolerance.unwrap_or(0.1),
        })
    }

    /// Every cue in `text`, in order, offsets relative to `text`.
    pub fn find(&self, text: &str) -> Vec<Cue> {
        let mut cues = Vec::new();
        for m in self.any.find_iter(text) {
            let k = key(m.as_str());
            // "up to 600 tonnes" is a bound, not a rise; "up from" only attaches a level.
            // The next word is read only after these two cues.
            if k == "up" || k == "down" {
                let next = text[m.end()..].split_whitespace().next().unwrap_or("");
                let next_is = |word: &str| next.eq_ignore_ascii_case(word);
                if k == "up" && next_is("to") || next_is("from") {
                    continue;
                }
            }
            if let Some(kind) = self.kinds.get(&k) {
                cues.push(Cue { kind: kind.clone(), range: m.range(), text: k });
            }
        }
        cues
    }

    /// Whether a level verb names the metric by its object ("handled … passengers").
    pub fn is_object_level(&self, verb: &str) -> bool {
        self.object_levels.iter().any(|w| w == verb)
    }

    /// A fraction word at the start of `text` ("a third"), with its length and value.
    pub fn fraction_at(&self, text: &str) -> Option<(usize, Interval)> {
        let m = self.fractions.find(text)?;
        if m.start() != 0 {
            return None;
        }
        let value = self.fraction_values.iter().find(|(w, _)| *w == key(m.as_str()))?.1;
        Some((m.end(), Interval::around(value, self.fraction_tolerance * value.max(0.1))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(CueKind, String)> {
        Cues::new(&Lexicon::builtin()).unwrap().find(text).into_iter().map(|c| (c.kind, c.text)).collect()
    }

    #[test]
    fn verbs_nouns_and_comparatives() {
        assert_eq!(kinds("Exports rose 12%"), vec![(CueKind::ChangeVerb(Direction::Up), "rose".into())]);
        assert_eq!(kinds("it was down 3%"), vec![(CueKind::ChangeVerb(Direction::Down), "was down".into())]);
        assert_eq!(kinds("sales doubled"), vec![(CueKind::FactorVerb(2.0), "doubled".into())]);
        assert_eq!(kinds("a rise of 20%"), vec![(CueKind::ChangeNoun(Direction::Up), "rise".into())]);
        assert_eq!(kinds("60% higher than"), vec![(CueKind::Comparative(Direction::Up), "higher than".into())]);
        assert_eq!(kinds("trade reached $30bn"), vec![(CueKind::LevelVerb, "reached".into())]);
    }

    #[test]
    fn up_to_is_a_bound_not_a_rise() {
        assert!(kinds("licences for up to 600,000 tonnes").is_empty());
        assert_eq!(kinds("up 12% on the year").len(), 1);
        assert_eq!(kinds("rose 25% to £18.4m, up from £16m").len(), 1);
    }

    #[test]
    fn fraction_words_are_loose_shares() {
        let cues = Cues::new(&Lexicon::builtin()).unwrap();
        let (len, third) = cues.fraction_at("a third from June").unwrap();
        assert_eq!(len, "a third".len());
        assert!(third.contains(1.0 / 3.0) && !third.contains(0.4));
        assert!(cues.fraction_at("by a third").is_none());
    }
}
