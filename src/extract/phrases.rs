//! Lexicon phrases looked up next to a figure, without a regex and without
//! allocating: the words just after (or just before) a position are folded to
//! ASCII lower case in a stack buffer, one word at a time, and the longest phrase
//! of the table that they spell wins.
//!
//! Figures are frequent (tens of thousands per megabyte of news), and most are
//! followed by a word that starts no phrase at all, so the first word is checked
//! against the set of first words before any longer phrase is built.

use foldhash::{HashMap, HashMapExt, HashSet};
use std::sync::Arc;

/// The longest phrase, in bytes, that a table holds; longer lexicon entries are dropped.
const MAX_PHRASE: usize = 64;

/// A phrase found next to a figure.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Found<'a, V> {
    /// Where the phrase starts or ends in the prose: its far edge from the figure.
    pub edge: usize,
    pub value: &'a V,
    /// The lexicon entry as written there.
    pub entry: &'a str,
    /// The entry with its list, as shown to users ("scales: billion").
    pub label: &'a Arc<str>,
}

/// Phrases of the lexicon, matched in any ASCII case with any run of spaces.
#[derive(Debug, Clone)]
pub struct PhraseTable<V> {
    /// Phrases and the words they start with in one map, so that the words read
    /// at a position are hashed once to learn both whether they are a phrase and
    /// whether reading one more word may give one. Keys are bytes, so that a key
    /// folded in a buffer is looked up without checking it is UTF-8 again.
    phrases: HashMap<Vec<u8>, Entry<V>>,
    max_words: usize,
    backward: bool,
}

/// What one key of a table is: a phrase, the first words of longer phrases, or both.
#[derive(Debug, Clone)]
struct Entry<V> {
    /// The phrase's value, its entry as written, and its label.
    phrase: Option<(V, String, Arc<str>)>,
    /// First word of a phrase when reading forward, last word when reading backward.
    edge: bool,
    /// Whether a phrase of more words starts with these (ends with them, read
    /// backward): when not, reading further cannot find a longer phrase. Most
    /// figures are followed by "of", "to" or the like, edge words of long phrases
    /// that the next word already rules out.
    longer: bool,
}

impl<V> Default for Entry<V> {
    fn default() -> Self {
        Entry { phrase: None, edge: false, longer: false }
    }
}

impl<V> Entry<V> {
    fn phrase(&self) -> Option<(&V, &str, &Arc<str>)> {
        self.phrase.as_ref().map(|(value, entry, label)| (value, entry.as_str(), label))
    }
}

impl<V> PhraseTable<V> {
    /// A table of the lexicon list `list`, read forward from a position (the words
    /// after a figure).
    pub fn after(list: &str, entries: impl IntoIterator<Item = (String, V)>) -> PhraseTable<V> {
        PhraseTable::build(list, entries, false)
    }

    /// A table read backward from a position (the words before a figure).
    pub fn before(list: &str, entries: impl IntoIterator<Item = (String, V)>) -> PhraseTable<V> {
        PhraseTable::build(list, entries, true)
    }

    fn build(list: &str, entries: impl IntoIterator<Item = (String, V)>, backward: bool) -> PhraseTable<V> {
        let mut phrases: HashMap<Vec<u8>, Entry<V>> = HashMap::new();
        let mut max_words = 0;
        for (phrase, value) in entries {
            let key = fold(&phrase);
            if key.is_empty() || key.len() > MAX_PHRASE {
                continue;
            }
            let words = key.split(' ').count();
            max_words = max_words.max(words);
            // The keys read on the way to this phrase: its first words read forward,
            // its last words read backward, one more each step.
            let split: Vec<&str> = key.split(' ').collect();
            for n in 1..words {
                let part = if backward { split[words - n..].join(" ") } else { split[..n].join(" ") };
                let entry = phrases.entry(part.into_bytes()).or_default();
                entry.edge |= n == 1;
                entry.longer = true;
            }
            let entry = phrases.entry(key.into_bytes()).or_default();
            entry.edge |= words == 1;
            // The first entry of a phrase wins, as the lexicon lists it.
            if entry.phrase.is_none() {
                let label: Arc<str> = format!("{list}: {}", phrase.trim()).into();
                entry.phrase = Some((value, phrase.trim().to_string(), label));
            }
        }
        PhraseTable { phrases, max_words, backward }
    }

    /// The words phrases start with (read forward) or end with (read backward).
    pub fn edge_words(&self) -> impl Iterator<Item = &str> {
        self.phrases.iter().filter(|(_, e)| e.edge).filter_map(|(w, _)| std::str::from_utf8(w).ok())
    }

    /// The entry for one word, in any ASCII case.
    pub fn get(&self, word: &str) -> Option<(&V, &str, &Arc<str>)> {
        let mut buf = [0u8; MAX_PHRASE];
        let bytes = word.as_bytes();
        if bytes.len() > MAX_PHRASE {
            return None;
        }
        for (slot, b) in buf.iter_mut().zip(bytes) {
            *slot = b.to_ascii_lowercase();
        }
        self.phrases.get(&buf[..bytes.len()]).and_then(Entry::phrase)
    }

    /// The longest phrase that starts at `at` (after spaces, if `skip_space`), read
    /// forward; or that ends at `at`, read backward.
    pub fn find<'a>(&'a self, prose: &str, at: usize) -> Option<Found<'a, V>> {
        if self.backward { self.find_before(prose, at) } else { self.find_after(prose, at) }
    }

    fn find_after<'a>(&'a self, prose: &str, at: usize) -> Option<Found<'a, V>> {
        let mut buf = [0u8; MAX_PHRASE];
        let mut len = 0;
        let mut pos = at;
        let mut best = None;
        for n in 0..self.max_words {
            let word_start = skip_spaces(prose, pos);
            if n > 0 && word_start == pos {
                break;
            }
            let word_len = word_len(&prose[word_start..]);
            if word_len == 0 {
                break;
            }
            let word = &prose[word_start..word_start + word_len];
            if n > 0 {
                if len + 1 + word.len() > MAX_PHRASE {
                    break;
                }
                buf[len] = b' ';
                len += 1;
            } else if word.len() > MAX_PHRASE {
                break;
            }
            for (slot, b) in buf[len..].iter_mut().zip(word.bytes()) {
                *slot = b.to_ascii_lowercase();
            }
            len += word.len();
            pos = word_start + word_len;
            // One look-up tells both whether the words so far are a phrase and,
            // for the first word, whether any phrase starts with it.
            let found = self.phrases.get(&buf[..len]);
            if n == 0 && !found.is_some_and(|e| e.edge) {
                return None;
            }
            if let Some((value, entry, label)) = found.and_then(Entry::phrase) {
                best = Some(Found { edge: pos, value, entry, label });
            }
            if !found.is_some_and(|e| e.longer) {
                break;
            }
        }
        best
    }

    fn find_before<'a>(&'a self, prose: &str, at: usize) -> Option<Found<'a, V>> {
        // Words are gathered right to left, then folded left to right for the key.
        let mut starts = [0usize; 8];
        let mut ends = [0usize; 8];
        let mut pos = at;
        let mut best = None;
        // Every byte of a key is written before it is read: one buffer serves all.
        let mut buf = [0u8; MAX_PHRASE];
        for n in 0..self.max_words.min(starts.len()) {
            let head = &prose[..pos];
            let trimmed = &head[..skip_spaces_back(head)];
            if trimmed.len() == head.len() && (n > 0 || !head.is_empty() && !at_word_edge(head)) {
                break;
            }
            let start = trimmed.len() - word_len_back(trimmed);
            if start == trimmed.len() {
                break;
            }
            starts[n] = start;
            ends[n] = trimmed.len();
            pos = start;
            let mut len = 0;
            for i in (0..=n).rev() {
                let word = &prose[starts[i]..ends[i]];
                if len + word.len() + 1 > MAX_PHRASE {
                    return best;
                }
                if i != n {
                    buf[len] = b' ';
                    len += 1;
                }
                for (slot, b) in buf[len..].iter_mut().zip(word.bytes()) {
                    *slot = b.to_ascii_lowercase();
                }
                len += word.len();
            }
            let found = self.phrases.get(&buf[..len]);
            if n == 0 && !found.is_some_and(|e| e.edge) {
                return None;
            }
            if let Some((value, entry, label)) = found.and_then(Entry::phrase) {
                best = Some(Found { edge: start, value, entry, label });
            }
            if !found.is_some_and(|e| e.longer) {
                break;
            }
        }
        best
    }
}

/// Whether `head` ends where a word may end before a figure: after a space, or at
/// a figure written against it is no phrase.
fn at_word_edge(head: &str) -> bool {
    head.ends_with(char::is_whitespace)
}

/// The length of the word at the start of `text`: letters, digits inside, and the
/// marks lexicon entries use ("U.S.", "km/h", "°C", "sq", "year-on-year").
fn word_len(text: &str) -> usize {
    let bytes = text.as_bytes();
    // No phrase word is longer than a key: a longer run is no phrase, and is never
    // read to its end (a run of letters may be the rest of the document).
    // An index loop: this runs for every word after every figure, and the
    // iterator chain it replaces cost several times as many instructions.
    let mut plain = 0;
    while plain <= MAX_PHRASE && plain < bytes.len() && bytes[plain].is_ascii_alphanumeric() {
        plain += 1;
    }
    // Most words are plain ASCII letters ended by a space: no need to look further.
    if bytes.get(plain).is_none_or(|b| matches!(b, b' ' | b',' | b';' | b')' | b'\n')) {
        return plain;
    }
    // Past the longest key's worth of characters the word is no phrase: stop there.
    text.char_indices()
        .take(MAX_PHRASE + 1)
        .find(|&(i, c)| {
            i >= MAX_PHRASE
                || !(c.is_alphanumeric()
                    || matches!(c, '°' | '²' | '\'' | '’')
                    || (i > 0 && matches!(c, '.' | '/' | '-') && continues(text, i)))
        })
        .map_or(text.len(), |(i, _)| i)
}

/// Whether the mark at `i` is inside a word ("U.S.", "km/h") rather than after it.
fn continues(text: &str, i: usize) -> bool {
    let next = text[i + 1..].chars().next();
    match &text[i..=i] {
        "." => next.is_some_and(char::is_alphabetic) || text[..i].chars().rev().nth(1) == Some('.'),
        _ => next.is_some_and(char::is_alphanumeric),
    }
}

/// Where the word after `at` starts: past any spaces, tabs and no-break spaces.
fn skip_spaces(prose: &str, at: usize) -> usize {
    let bytes = prose.as_bytes();
    let mut i = at;
    loop {
        match bytes.get(i..) {
            Some([b' ' | b'\t', ..]) => i += 1,
            // U+00A0 in UTF-8.
            Some([0xc2, 0xa0, ..]) => i += 2,
            _ => return i,
        }
    }
}

/// Where the spaces, tabs and no-break spaces that end `head` start: read as
/// bytes, since this runs before every figure.
fn skip_spaces_back(head: &str) -> usize {
    let bytes = head.as_bytes();
    let mut end = bytes.len();
    loop {
        match bytes[..end] {
            [.., b' ' | b'\t'] => end -= 1,
            // U+00A0 in UTF-8.
            [.., 0xc2, 0xa0] => end -= 2,
            _ => return end,
        }
    }
}

/// The length of the word that ends `text`, read backward.
fn word_len_back(text: &str) -> usize {
    // Most words before a figure are plain ASCII: count bytes, and fall back to
    // reading characters only at a byte that is not ASCII.
    let bytes = text.as_bytes();
    let mut len = 0;
    while len <= MAX_PHRASE && len < bytes.len() {
        let b = bytes[bytes.len() - 1 - len];
        if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'\'') {
            len += 1;
        } else if b.is_ascii() {
            return len;
        } else {
            return word_len_back_chars(text);
        }
    }
    len
}

fn word_len_back_chars(text: &str) -> usize {
    text.char_indices()
        .rev()
        .take(MAX_PHRASE + 1)
        .take_while(|&(_, c)| c.is_alphanumeric() || matches!(c, '.' | '-' | '\'' | '’'))
        .map(|(_, c)| c.len_utf8())
        .sum()
}

/// Whether the word after `at` (past at most one space) is in `words`, or is no
/// word at all: the cheap test before looking up any phrase that may start there.
pub fn may_start(words: &HashSet<Vec<u8>>, prose: &str, at: usize) -> bool {
    let rest = &prose[at..];
    let rest = rest.strip_prefix([' ', '\u{a0}']).unwrap_or(rest);
    let len = word_len(rest);
    if len == 0 || !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return true;
    }
    let mut buf = [0u8; MAX_PHRASE];
    if len > MAX_PHRASE {
        return false;
    }
    for (slot, b) in buf.iter_mut().zip(rest[..len].bytes()) {
        *slot = b.to_ascii_lowercase();
    }
    words.contains(&buf[..len])
}

/// A phrase's key: ASCII lower case, single spaces.
pub fn fold(phrase: &str) -> String {
    let mut out = String::with_capacity(phrase.len());
    for word in phrase.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().map(|c| c.to_ascii_lowercase()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> PhraseTable<u8> {
        PhraseTable::after(
            "currencies",
            [
                ("dollars", 1),
                ("US dollars", 2),
                ("pounds sterling", 3),
                ("pounds", 4),
                ("km/h", 5),
                ("U.S. dollars", 6),
            ]
            .map(|(w, v)| (w.to_string(), v)),
        )
    }

    #[test]
    fn the_longest_phrase_after_a_position_wins() {
        let t = table();
        let prose = "30 pounds  sterling a year";
        let found = t.find(prose, 2).unwrap();
        assert_eq!((found.edge, *found.value, found.entry), (19, 3, "pounds sterling"));
        assert_eq!(&**found.label, "currencies: pounds sterling");
        assert_eq!(*t.find("5 Pounds each", 1).unwrap().value, 4);
        assert_eq!(*t.find("5 US Dollars.", 1).unwrap().value, 2);
        assert_eq!(*t.find("90 km/h limit", 2).unwrap().value, 5);
        assert_eq!(*t.find("9 U.S. dollars", 1).unwrap().value, 6);
        assert!(t.find("5 people", 1).is_none());
        assert!(t.find("5 US troops", 1).is_none());
    }

    #[test]
    fn phrases_before_a_position_read_backward() {
        let t = PhraseTable::before(
            "qualifiers",
            [("more than", 1u8), ("than", 2), ("about", 3)].map(|(w, v)| (w.to_string(), v)),
        );
        let prose = "it has more than 150 staff";
        let found = t.find(prose, 17).unwrap();
        assert_eq!((found.edge, *found.value), (7, 1));
        assert_eq!(*t.find("about 5", 6).unwrap().value, 3);
        assert!(t.find("roughly 5", 8).is_none());
        assert!(t.find("about5", 5).is_none(), "a figure glued to the word has no phrase before it");
    }
}
