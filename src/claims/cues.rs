//! Cues: the words that tie figures together in a clause — change and level verbs,
//! change nouns, comparatives, fraction words and period phrases — compiled once
//! from the lexicon.

use std::ops::Range;

use regex::Regex;

use crate::extract::Lexicon;
use crate::extract::lexicon::alternation;
use crate::extract::taken::Taken;
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
    verbs: Regex,
    up_verbs: Vec<String>,
    factor_verbs: Vec<(String, f64)>,
    nouns: Regex,
    up_nouns: Vec<String>,
    comparatives: Regex,
    up_comparatives: Vec<String>,
    levels: Regex,
    object_levels: Vec<String>,
    fractions: Regex,
    fraction_values: Vec<(String, f64)>,
    pub fraction_tolerance: f64,
}

fn key(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

impl Cues {
    pub fn new(lexicon: &Lexicon) -> Result<Cues, regex::Error> {
        let factor_words: Vec<String> = lexicon.factor_verbs.iter().flat_map(|f| f.words.iter().cloned()).collect();
        let verb_words: Vec<&String> =
            lexicon.change_verbs.up.iter().chain(&lexicon.change_verbs.down).chain(&factor_words).collect();
        let noun_words: Vec<&String> = lexicon.change_nouns.up.iter().chain(&lexicon.change_nouns.down).collect();
        let comparative_words: Vec<&String> =
            lexicon.comparatives.up.iter().chain(&lexicon.comparatives.down).collect();
        let fraction_words: Vec<&String> = lexicon.fractions.iter().flat_map(|f| f.words.iter()).collect();
        Ok(Cues {
            verbs: Regex::new(&format!(r"(?i)(?-u:\b)(?:{})(?-u:\b)", alternation(verb_words)))?,
            up_verbs: lexicon.change_verbs.up.iter().map(|w| key(w)).collect(),
            factor_verbs: lexicon
                .factor_verbs
                .iter()
                .flat_map(|f| f.words.iter().map(move |w| (key(w), f.factor)))
                .collect(),
            nouns: Regex::new(&format!(r"(?i)(?-u:\b)(?:{})(?-u:\b)", alternation(noun_words)))?,
            up_nouns: lexicon.change_nouns.up.iter().map(|w| key(w)).collect(),
            comparatives: Regex::new(&format!(r"(?i)(?-u:\b)(?:{})\s+than(?-u:\b)", alternation(comparative_words)))?,
            up_comparatives: lexicon.comparatives.up.iter().map(|w| key(w)).collect(),
            levels: Regex::new(&format!(
                r"(?i)(?-u:\b)(?:{})(?-u:\b)",
                alternation(lexicon.level_verbs.iter().chain(&lexicon.object_level_verbs))
            ))?,
            object_levels: lexicon.object_level_verbs.iter().map(|w| key(w)).collect(),
            fractions: Regex::new(&format!(r"(?i)(?-u:\b)(?:{})(?-u:\b)", alternation(fraction_words)))?,
            fraction_values: lexicon
                .fractions
                .iter()
                .flat_map(|f| f.words.iter().map(move |w| (key(w), f.value)))
                .collect(),
            fraction_tolerance: lexicon.fraction_tolerance.unwrap_or(0.1),
        })
    }

    /// Every cue in `text` (a sentence), in order, offsets relative to `text`.
    pub fn find(&self, text: &str) -> Vec<Cue> {
        let mut cues = Vec::new();
        // Verbs first: a noun or level verb that is also a verb form here ("cut",
        // "was up") is already a verb cue, and later kinds skip what is taken.
        let mut taken = Taken::default();
        for m in self.verbs.find_iter(text) {
            let k = key(m.as_str());
            // "up to 600 tonnes" is a bound, not a rise; "up from" only attaches a level.
            let next = text[m.end()..].split_whitespace().next().unwrap_or("");
            let next_is = |word: &str| next.eq_ignore_ascii_case(word);
            if k == "up" && next_is("to") || (k == "up" || k == "down") && next_is("from") {
                continue;
            }
            let kind = match self.factor_verbs.iter().find(|(w, _)| *w == k) {
                Some((_, f)) => CueKind::FactorVerb(*f),
                None if self.up_verbs.contains(&k) => CueKind::ChangeVerb(Direction::Up),
                None => CueKind::ChangeVerb(Direction::Down),
            };
            taken.take(&m.range());
            cues.push(Cue { kind, range: m.range(), text: k });
        }
        for m in self.nouns.find_iter(text) {
            if !taken.take(&m.range()) {
                continue;
            }
            let k = key(m.as_str());
            let direction = if self.up_nouns.contains(&k) { Direction::Up } else { Direction::Down };
            cues.push(Cue { kind: CueKind::ChangeNoun(direction), range: m.range(), text: k });
        }
        for m in self.comparatives.find_iter(text) {
            taken.take(&m.range());
            let k = key(m.as_str());
            let word = k.trim_end_matches(" than");
            let direction =
                if self.up_comparatives.iter().any(|w| w == word) { Direction::Up } else { Direction::Down };
            cues.push(Cue { kind: CueKind::Comparative(direction), range: m.range(), text: k });
        }
        for m in self.levels.find_iter(text) {
            if taken.is_free(&m.range()) {
                cues.push(Cue { kind: CueKind::LevelVerb, range: m.range(), text: key(m.as_str()) });
            }
        }
        cues.sort_by_key(|c| c.range.start);
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
