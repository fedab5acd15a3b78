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
    /// Verb forms that are nouns too ("contract", "cuts"), read as verbs only before a figure.
    bare: Vec<String>,
    /// Prepositions, determiners and qualifier words, which may stand between such a verb and its figure.
    function_words: Vec<String>,
    /// Change nouns, for words that are verbs too ("a rise", "prices rise").
    nouns: HashMap<String, CueKind>,
    determiners: Vec<String>,
    object_levels: Vec<String>,
    /// Change words that are not verbs ("up", "higher"): a figure just before one is its amount.
    adverbs: Vec<String>,
    /// Linking verbs: one just before a change word joins it ("was up").
    linking: Vec<String>,
    fractions: Regex,
    fraction_values: Vec<(String, f64)>,
    pub fraction_tolerance: f64,
}

/// Whether a figure follows, with at most two function words between ("rise
/// 5%", "contract by $2m", "double to 84mm", "fall by about 3%"): what makes a
/// bare verb form a verb, not a noun ("a contract worth $4m").
fn figure_follows(after: &str, function_words: &[String]) -> bool {
    let mut rest = after.trim_start();
    for _ in 0..3 {
        if rest.starts_with(|c: char| c.is_ascii_digit() || "$€£¥₹".contains(c)) {
            return true;
        }
        let word_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let word = &rest[..word_end];
        if !function_words.iter().any(|w| w.eq_ignore_ascii_case(word)) {
            return false;
        }
        rest = rest[word_end..].trim_start();
    }
    false
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
        let irregular: HashMap<String, Vec<String>> =
            lexicon.irregular_verbs.iter().map(|(k, v)| (k.to_ascii_lowercase(), v.clone())).collect();
        // Verbs are listed by lemma; every form prose uses is derived here, once.
        let inflect = |lemmas: &[String]| -> Vec<String> {
            lemmas.iter().flat_map(|lemma| super::inflect::forms(lemma, &irregular)).collect()
        };
        // The lemma and its "-s" form are also nouns ("a contract", "the city's
        // contracts", "cuts in budgets"): they are read as verbs only before a figure.
        let bare: Vec<String> = lexicon
            .change_verbs
            .up
            .iter()
            .chain(&lexicon.change_verbs.down)
            .chain(lexicon.factor_verbs.iter().flat_map(|f| f.words.iter()))
            .flat_map(|lemma| super::inflect::forms(lemma, &irregular).into_iter().take(2))
            .map(|w| key(&w))
            .collect();
        let change_up = [inflect(&lexicon.change_verbs.up), lexicon.change_adverbs.up.clone()].concat();
        let change_down = [inflect(&lexicon.change_verbs.down), lexicon.change_adverbs.down.clone()].concat();
        let factors: Vec<(Vec<String>, f64)> =
            lexicon.factor_verbs.iter().map(|f| (inflect(&f.words), f.factor)).collect();
        let level_verbs = inflect(&lexicon.level_verbs);
        let object_level_verbs = inflect(&lexicon.object_level_verbs);

        let mut kinds: HashMap<String, CueKind> = HashMap::new();
        let mut add = |words: &[String], kind: CueKind| {
            for w in words {
                kinds.entry(key(w)).or_insert_with(|| kind.clone());
            }
        };
        add(&change_up, CueKind::ChangeVerb(Direction::Up));
        add(&change_down, CueKind::ChangeVerb(Direction::Down));
        for (words, factor) in &factors {
            add(words, CueKind::FactorVerb(*factor));
        }
        let mut noun_kinds: HashMap<String, CueKind> = HashMap::new();
        for (words, direction) in
            [(&lexicon.change_nouns.up, Direction::Up), (&lexicon.change_nouns.down, Direction::Down)]
        {
            for w in words {
                noun_kinds.entry(key(w)).or_insert(CueKind::ChangeNoun(direction));
            }
        }
        add(&lexicon.change_nouns.up, CueKind::ChangeNoun(Direction::Up));
        add(&lexicon.change_nouns.down, CueKind::ChangeNoun(Direction::Down));
        let than = |words: &[String]| words.iter().map(|w| format!("{w} than")).collect::<Vec<_>>();
        add(&than(&lexicon.comparatives.up), CueKind::Comparative(Direction::Up));
        add(&than(&lexicon.comparatives.down), CueKind::Comparative(Direction::Down));
        add(&level_verbs, CueKind::LevelVerb);
        add(&object_level_verbs, CueKind::LevelVerb);

        let factor_words = factors.iter().flat_map(|(words, _)| words.iter());
        let verbs = alternation(change_up.iter().chain(&change_down).chain(factor_words));
        let nouns = alternation(lexicon.change_nouns.up.iter().chain(&lexicon.change_nouns.down));
        let comparatives = alternation(lexicon.comparatives.up.iter().chain(&lexicon.comparatives.down));
        let levels = alternation(level_verbs.iter().chain(&object_level_verbs));
        let fraction_words: Vec<&String> = lexicon.fractions.iter().flat_map(|f| f.words.iter()).collect();
        Ok(Cues {
            any: Regex::new(&format!(
                // ASCII case folding: Unicode folding ("k" is also the Kelvin sign) makes
                // the automaton several times larger for no English word.
                r"(?i-u)\b(?:(?:{comparatives})\s+than|{verbs}|{nouns}|{levels})\b"
            ))?,
            kinds,
            bare,
            function_words: lexicon
                .grammar
                .prepositions
                .iter()
                .chain(&lexicon.grammar.determiners)
                .chain(lexicon.qualifiers.iter().flat_map(|q| q.words.iter()))
                .filter(|w| !w.contains(' '))
                .map(|w| key(w))
                .collect(),
            nouns: noun_kinds,
            determiners: lexicon.grammar.determiners.iter().map(|w| key(w)).collect(),
            object_levels: object_level_verbs.iter().map(|w| key(w)).collect(),
            adverbs: lexicon.change_adverbs.up.iter().chain(&lexicon.change_adverbs.down).map(|w| key(w)).collect(),
            linking: lexicon.grammar.auxiliaries.iter().map(|w| key(w)).collect(),
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
        let mut cues: Vec<Cue> = Vec::new();
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
            let Some(mut kind) = self.kinds.get(&k) else { continue };
            // After a determiner a verb form is a noun ("an average of", "a record
            // $61bn"); change nouns are read as such below.
            if !self.nouns.contains_key(&k) && self.after_determiner(&text[..m.start()]) {
                continue;
            }
            if matches!(kind, CueKind::ChangeVerb(_) | CueKind::FactorVerb(_))
                && self.bare.contains(&k)
                && !self.nouns.contains_key(&k)
                && !figure_follows(&text[m.end()..], &self.function_words)
            {
                continue;
            }
            // A word that is a verb and a noun ("rise", "cut") is a noun after a
            // determiner or a figure: "a rise", "a 20% cut".
            if let Some(noun) = self.nouns.get(&k)
                && self.after_determiner_or_figure(&text[..m.start()])
            {
                kind = noun;
            }
            // "was up", "were down": the linking verb and the change word are one cue.
            if let Some(last) = cues.last_mut()
                && matches!(kind, CueKind::ChangeVerb(_) | CueKind::FactorVerb(_))
                && self.linking.contains(&last.text)
                && text[last.range.end..m.start()].trim().is_empty()
            {
                last.kind = kind.clone();
                last.range.end = m.end();
                last.text = format!("{} {k}", last.text);
                continue;
            }
            cues.push(Cue { kind: kind.clone(), range: m.range(), text: k });
        }
        cues
    }

    fn after_determiner(&self, before: &str) -> bool {
        let word = before.trim_end().rsplit(|c: char| c.is_whitespace() || c == '(').next().unwrap_or("");
        self.determiners.iter().any(|d| d.eq_ignore_ascii_case(word))
    }

    fn after_determiner_or_figure(&self, before: &str) -> bool {
        let before = before.trim_end();
        let word = before.rsplit(|c: char| c.is_whitespace() || c == '(').next().unwrap_or("");
        word.ends_with(|c: char| c.is_ascii_digit() || c == '%')
            || word.ends_with(['m', 'n', 'k'])
                && word.trim_end_matches(char::is_alphabetic).ends_with(|c: char| c.is_ascii_digit())
            || self.determiners.iter().any(|d| d.eq_ignore_ascii_case(word))
    }

    /// Whether a cue is a change word that is not a verb ("up", "was higher"):
    /// a figure just before it is its amount ("3% higher").
    pub fn is_adverb(&self, cue: &str) -> bool {
        let last = cue.rsplit(' ').next().unwrap_or(cue);
        self.adverbs.iter().any(|w| w == last)
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
        assert_eq!(kinds("traffic nosedived"), vec![(CueKind::ChangeVerb(Direction::Down), "nosedived".into())]);
        assert_eq!(kinds("the debt ballooned"), vec![(CueKind::ChangeVerb(Direction::Up), "ballooned".into())]);
        assert_eq!(kinds("prices edged up"), vec![(CueKind::ChangeVerb(Direction::Up), "edged up".into())]);
        assert_eq!(kinds("output has shrunk"), vec![(CueKind::ChangeVerb(Direction::Down), "shrunk".into())]);
        assert!(kinds("awarded the city contract").is_empty());
        assert!(kinds("despite cuts in budgets").is_empty());
        assert_eq!(kinds("prices rise 5%").len(), 1);
        assert_eq!(kinds("sales could double to 84,000").len(), 1);
        assert_eq!(kinds("it is trebling"), vec![(CueKind::FactorVerb(3.0), "is trebling".into())]);
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
