//! Words and phrases: splitting text into words, and finding the lexicon's
//! phrases in it in any case, by first word or in one compiled search.

use std::ops::Range;

use foldhash::{HashMap, HashMapExt};

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
pub(super) fn lower_key(word: &str) -> std::borrow::Cow<'_, str> {
    if word.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        std::borrow::Cow::Borrowed(word)
    } else {
        std::borrow::Cow::Owned(word.to_lowercase())
    }
}

pub(super) fn lower(text: &str) -> String {
    let mut joined = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !joined.is_empty() {
            joined.push(' ');
        }
        joined.push_str(word);
    }
    joined.to_lowercase()
}

/// Phrases of several words, indexed by their first word so that finding the
/// phrase that opens a text costs one hash lookup, not one comparison per phrase.
#[derive(Debug)]
pub(super) struct PhraseIndex<T> {
    /// Phrases by first word, each list longest first so the longest match wins.
    by_first: HashMap<String, Vec<(String, T)>>,
}

impl<T> PhraseIndex<T> {
    pub(super) fn new(phrases: impl IntoIterator<Item = (String, T)>) -> PhraseIndex<T> {
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
    pub(super) fn find(&self, text: &str) -> Option<(&T, usize)> {
        let first = words(text).next().filter(|w| w.range.start == 0)?.text;
        self.find_from(&lower_key(first), text)
    }

    /// As `find`, for a caller that has the first word of `text` in lower case already.
    pub(super) fn find_from(&self, first_lower: &str, text: &str) -> Option<(&T, usize)> {
        let candidates = self.by_first.get(first_lower)?;
        candidates.iter().find_map(|(p, value)| phrase_len(text, p).map(|len| (value, len)))
    }
}

/// Whole-word phrases searched for anywhere in a text, in any case and with any
/// run of white space between their words: one compiled automaton for the whole
/// list, since a sentence is searched once per claim.
#[derive(Debug)]
pub(super) struct PhraseSearch {
    regex: Option<regex::Regex>,
}

impl PhraseSearch {
    pub(super) fn new(phrases: &[String]) -> PhraseSearch {
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
    pub(super) fn find(&self, text: &str) -> Option<String> {
        self.regex.as_ref()?.find(text).map(|m| lower(m.as_str()))
    }
}

/// The byte length of `phrase` at the start of `text`, ignoring case and
/// letting any run of white space stand for a space; none unless it ends a word.
pub(super) fn phrase_len(text: &str, phrase: &str) -> Option<usize> {
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
