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

/// A word of a sentence: where it is, and its text.
#[derive(Debug, Clone)]
pub struct Word<'a> {
    pub range: Range<usize>,
    pub text: &'a str,
}

/// The words of `text`: runs of letters, digits, hyphens and apostrophes.
pub fn words(text: &str) -> impl Iterator<Item = Word<'_>> {
    let mut rest = 0;
    std::iter::from_fn(move || {
        let start = rest + word_char_at(&text[rest..], true)?;
        let end = word_char_at(&text[start..], false).map_or(text.len(), |e| start + e);
        rest = end;
        Some(Word { range: start..end, text: &text[start..end] })
    })
}

/// The offset of the first character of `text` that is (`wanted`) or is not a
/// word character: letters, digits, hyphens and apostrophes. Bytes are read
/// directly while they are ASCII, which is most prose, since this runs for every
/// word binding reads.
fn word_char_at(text: &str, wanted: bool) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() {
            if (b.is_ascii_alphanumeric() || b == b'-' || b == b'\'') == wanted {
                return Some(i);
            }
            i += 1;
        } else {
            // Not ASCII: `i` is on a character boundary, since ASCII bytes are whole characters.
            let c = text[i..].chars().next()?;
            if (c.is_alphanumeric() || c == '’') == wanted {
                return Some(i);
            }
            i += c.len_utf8();
        }
    }
    None
}

/// A word in lower case, borrowed when it is lower case already (most words are).
fn lower_key(word: &str) -> std::borrow::Cow<'_, str> {
    if word.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        std::borrow::Cow::Borrowed(word)
    } else {
        std::borrow::Cow::Owned(word.to_lowercase())
    }
}

fn lower(text: &str) -> String {
    let mut joined = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !joined.is_empty() {
            joined.push(' ');
        }
        joined.push_str(word);
    }
    joined.to_lowercase()
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

    /// The clauses of a sentence. `figures` are the sentence-relative ranges of
    /// its figures, which are words of no class; `cues` the ranges of its change
    /// and level words, which are verbs.
    pub fn clauses(&self, text: &str, cues: &[Range<usize>], figures: &[Range<usize>]) -> Vec<Clause> {
        let mut b = Builder { clauses: Vec::new(), kind: ClauseKind::Main, start: 0 };
        let is_cue = |r: &Range<usize>| cues.iter().any(|c| c.start <= r.start && r.start < c.end);
        let is_figure = |r: &Range<usize>| figures.iter().any(|f| f.start <= r.start && r.start < f.end);
        // Where the clause before the current one began, to return to after a
        // clause that ends at a comma ("Sales, which rose in 2022, reached…").
        let mut outer = ClauseKind::Main;
        // About one word in six bytes of prose: sized once rather than grown.
        let mut all: Vec<Word<'_>> = Vec::with_capacity(text.len() / 6 + 4);
        all.extend(words(text));
        let mut in_quote = false;
        let mut i = 0;
        while i < all.len() {
            let w = &all[i];
            let before = &text[all.get(i.wrapping_sub(1)).map_or(0, |p| p.range.end)..w.range.start];
            // A comma inside a figure ("41,200") is no break: one is followed by a space.
            let comma = before.contains(',') && before.ends_with(char::is_whitespace);
            let after_break = i == 0
                || comma
                || before.contains([';', '—', '–', '('])
                || before.contains(':') && before.contains(": ");
            // Quotation marks open and close a clause of their own.
            if before.contains(['"', '“', '”']) {
                let quote_at =
                    all.get(i.wrapping_sub(1)).map_or(0, |p| p.range.end) + before.find(['"', '“', '”']).unwrap_or(0);
                if in_quote {
                    b.open(quote_at, ClauseKind::Main);
                } else {
                    outer = b.kind;
                    b.open(quote_at, ClauseKind::Quoted);
                }
                in_quote = !in_quote;
            } else if after_break
                && i > 0
                && (b.kind == ClauseKind::Relative || b.kind == ClauseKind::Subordinate && b.start == 0)
            {
                // A relative clause, and a subordinate clause that opens the sentence,
                // end at the next break; a trailing subordinate clause runs on
                // ("…, while thefts fell by a third, from 930 to 620").
                let back = if b.kind == ClauseKind::Subordinate { ClauseKind::Main } else { outer };
                b.open(w.range.start, back);
            }
            if in_quote {
                i += 1;
                continue;
            }
            let rest = &text[w.range.start..];
            let key = lower_key(w.text);
            if let Some((_, len)) = self.contributors.find_from(&key, rest) {
                b.open(w.range.start, ClauseKind::Contributor);
                i = skip_to(&all, w.range.start + len);
                continue;
            }
            let (class, len) = match self.phrases.find_from(&key, rest) {
                Some((class, len)) => (Some(*class), len),
                None => (self.words.get(&*key).copied(), w.text.len()),
            };
            let next_verb = |from: usize| {
                all[from..]
                    .iter()
                    .take_while(|n| !text[w.range.end..n.range.start].contains([',', ';', ':']))
                    .take(6)
                    .any(|n| is_cue(&n.range) || self.verb_like(n.text))
            };
            match class {
                // Mid-clause, a subordinator opens a clause only once its clause has its
                // verb: "profit after tax rose" is one clause, "fell as demand weakened" two.
                Some(Class::Subordinator)
                    if next_verb(i + 1)
                        && b.kind != ClauseKind::Contributor
                        && (after_break
                            || all[..i]
                                .iter()
                                .any(|p| p.range.start >= b.start && (is_cue(&p.range) || self.verb_like(p.text)))) =>
                {
                    outer = if b.kind == ClauseKind::Coordinated { ClauseKind::Coordinated } else { ClauseKind::Main };
                    b.open(w.range.start, ClauseKind::Subordinate);
                }
                Some(Class::Relative) if i > 0 => {
                    outer = b.kind;
                    b.open(w.range.start, ClauseKind::Relative);
                }
                Some(Class::Coordinator) if after_break && next_verb(i + 1) => {
                    b.open(w.range.start, ClauseKind::Coordinated);
                }
                Some(Class::Coordinator) if after_break && i > 0 => {
                    // ", and 12% in 2022 to $45 billion": no verb of its own, so it
                    // goes on with the verb before.
                    b.open(w.range.start, ClauseKind::Coordinated);
                }
                // "…climbed 8% to 41m barrels in 2023 and refined products 3% to 12m",
                // "reached 71% in 2019 but only 59% in 2023": a coordinator after the
                // clause's verb and figures, before a figure and no verb, gaps the verb.
                Some(Class::Coordinator)
                    if i > 0
                        && all[..i].iter().any(|p| p.range.start >= b.start && is_cue(&p.range))
                        && all[..i].iter().any(|p| p.range.start >= b.start && is_figure(&p.range))
                        && all[i + 1..]
                            .iter()
                            .take_while(|n| {
                                !is_cue(&n.range)
                                    && !matches!(self.class(n.text), Some(Class::Auxiliary | Class::Reporting))
                            })
                            .take(5)
                            .any(|n| is_figure(&n.range)) =>
                {
                    b.open(w.range.start, ClauseKind::Coordinated);
                }
                Some(Class::Reporting) if len > w.text.len() => {
                    // "according to the ministry": to the next break.
                    b.open(w.range.start, ClauseKind::Reporting);
                }
                Some(Class::Reporting) => {
                    // "she said (on Tuesday) (that) …": the teller, the verb, and the
                    // words up to "that" or to the reported clause's subject report it.
                    let teller = reporting_start(self, &all, i, text);
                    let (teller_start, teller_index) = teller.unwrap_or((w.range.start, i));
                    if teller.is_some() || after_break {
                        if teller_start >= b.start {
                            b.open(teller_start.max(b.start), ClauseKind::Reporting);
                        }
                        let _ = teller_index;
                        // What is reported starts after "that", or after the verb and
                        // any time phrase, at the next word that is not a preposition's.
                        let mut j = i + 1;
                        while j < all.len() && matches!(self.class(all[j].text), Some(Class::Preposition)) {
                            j += 2;
                        }
                        if j < all.len() && self.class(all[j].text) == Some(Class::Relative)
                            || all.get(j).is_some_and(|n| n.text.eq_ignore_ascii_case("that"))
                        {
                            j += 1;
                        }
                        if let Some(n) = all.get(j) {
                            if !text[w.range.end..n.range.start].contains([',', ';']) {
                                b.open(n.range.start, ClauseKind::Main);
                            }
                            i = j;
                            continue;
                        }
                    }
                }
                _ => {}
            }
            i = skip_to(&all, w.range.start + len.max(1));
        }
        b.open(text.len(), ClauseKind::Main);
        b.clauses
    }
}

/// Clauses as they are cut: the finished ones, and the kind and start of the open one.
struct Builder {
    clauses: Vec<Clause>,
    kind: ClauseKind,
    start: usize,
}

impl Builder {
    /// Ends the open clause at `at` (when it holds anything) and opens one of kind `next`.
    fn open(&mut self, at: usize, next: ClauseKind) {
        if at > self.start {
            self.clauses.push(Clause { kind: self.kind, range: self.start..at });
        }
        self.kind = next;
        self.start = at;
    }
}

/// Where the teller of a reporting verb starts: the pronoun or speaker word (and
/// its determiner) just before the verb, as in "she said", "officials said", "the
/// minister told reporters".
fn reporting_start(grammar: &Grammar, all: &[Word<'_>], verb: usize, text: &str) -> Option<(usize, usize)> {
    let prev = verb.checked_sub(1)?;
    let p = &all[prev];
    if text[p.range.end..all[verb].range.start].contains([',', ';', '"', '“', '”']) {
        return None;
    }
    let capitalised_name = p.text.chars().next().is_some_and(char::is_uppercase) && prev > 0;
    if grammar.class(p.text) == Some(Class::Speaker) || capitalised_name {
        let mut first = prev;
        while first > 0
            && matches!(grammar.class(all[first - 1].text), Some(Class::Determiner))
            && !text[all[first - 1].range.end..all[first].range.start].contains(',')
        {
            first -= 1;
        }
        return Some((all[first].range.start, first));
    }
    None
}

/// The index of the first word that starts at or after `at`.
fn skip_to(all: &[Word<'_>], at: usize) -> usize {
    all.partition_point(|w| w.range.start < at)
}

/// Phrases of several words, indexed by their first word so that finding the
/// phrase that opens a text costs one hash lookup, not one comparison per phrase.
#[derive(Debug)]
struct PhraseIndex<T> {
    /// Phrases by first word, each list longest first so the longest match wins.
    by_first: HashMap<String, Vec<(String, T)>>,
}

impl<T> PhraseIndex<T> {
    fn new(phrases: impl IntoIterator<Item = (String, T)>) -> PhraseIndex<T> {
        let mut by_first: HashMap<String, Vec<(String, T)>> = HashMap::new();
        for (phrase, value) in phrases {
            let first = phrase.split(' ').next().unwrap_or_default().to_string();
            by_first.entry(first).or_default().push((phrase, value));
        }
        for list in by_first.values_mut() {
            list.sort_by_key(|p| std::cmp::Reverse(p.0.len()));
        }
        PhraseIndex { by_first }
    }

    /// The longest phrase that opens `text`, with its byte length in `text`.
    fn find(&self, text: &str) -> Option<(&T, usize)> {
        let first = words(text).next().filter(|w| w.range.start == 0)?.text;
        self.find_from(&lower_key(first), text)
    }

    /// As `find`, for a caller that has the first word of `text` in lower case already.
    fn find_from(&self, first_lower: &str, text: &str) -> Option<(&T, usize)> {
        let candidates = self.by_first.get(first_lower)?;
        candidates.iter().find_map(|(p, value)| phrase_len(text, p).map(|len| (value, len)))
    }
}

/// Whole-word phrases searched for anywhere in a text, in any case and with any
/// run of white space between their words: one compiled automaton for the whole
/// list, since a sentence is searched once per claim.
#[derive(Debug)]
struct PhraseSearch {
    regex: Option<regex::Regex>,
}

impl PhraseSearch {
    fn new(phrases: &[String]) -> PhraseSearch {
        let mut sorted: Vec<String> = phrases.iter().map(|p| lower(p)).filter(|p| !p.is_empty()).collect();
        // Longest first, so that at one position the longest phrase wins.
        sorted.sort_by_key(|p| std::cmp::Reverse(p.len()));
        let is_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        let alternatives: Vec<String> = sorted
            .iter()
            .map(|p| {
                let body = p.split(' ').map(regex::escape).collect::<Vec<_>>().join(r"\s+");
                // ASCII boundaries keep the search in the lazy DFA: a Unicode `\b`
                // falls back to a slower engine on text that is not ASCII.
                let open = if is_word(p.chars().next()) { r"(?-u:\b)" } else { "" };
                let close = if is_word(p.chars().next_back()) { r"(?-u:\b)" } else { "" };
                format!("{open}{body}{close}")
            })
            .collect();
        // The phrases are escaped, so the pattern always compiles; an empty list matches nothing.
        let regex = (!alternatives.is_empty())
            .then(|| regex::Regex::new(&format!("(?i)(?:{})", alternatives.join("|"))).ok())
            .flatten();
        PhraseSearch { regex }
    }

    /// The first phrase found in `text`, as the lexicon writes it (lower case, single spaces).
    fn find(&self, text: &str) -> Option<String> {
        self.regex.as_ref()?.find(text).map(|m| lower(m.as_str()))
    }
}

/// The byte length of `phrase` at the start of `text`, ignoring case and
/// letting any run of white space stand for a space; none unless it ends a word.
fn phrase_len(text: &str, phrase: &str) -> Option<usize> {
    let (text_bytes, phrase_bytes) = (text.as_bytes(), phrase.as_bytes());
    let (mut t, mut p) = (0, 0);
    while p < phrase_bytes.len() {
        let pb = phrase_bytes[p];
        if pb == b' ' {
            let spaces_from = t;
            while let Some(c) = text[t..].chars().next().filter(|c| c.is_whitespace()) {
                t += c.len_utf8();
            }
            if t == spaces_from {
                return None;
            }
            p += 1;
        } else if pb.is_ascii() && text_bytes.get(t).is_some_and(u8::is_ascii) {
            // ASCII against ASCII, the common case, byte by byte.
            if !text_bytes[t].eq_ignore_ascii_case(&pb) {
                return None;
            }
            t += 1;
            p += 1;
        } else {
            let pc = phrase[p..].chars().next()?;
            let c = text.get(t..)?.chars().next()?;
            if !c.to_lowercase().eq(pc.to_lowercase()) {
                return None;
            }
            t += c.len_utf8();
            p += pc.len_utf8();
        }
    }
    (!text[t..].chars().next().is_some_and(char::is_alphanumeric)).then_some(t)
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
