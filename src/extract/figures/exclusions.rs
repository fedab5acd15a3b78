//! What keeps a run of digits from being a quantity: names and references
//! ("Section 230", "Boeing 737"), addresses, codes glued to letters ("F-16",
//! "Covid-19"), and the noun a count counts.

use crate::extract::{LOOK_AROUND, text_after, text_before};

/// Words before a number that make it a name or a reference, not a quantity.
pub const REFERENCE_WORDS: &[&str] = &[
    "version",
    "v",
    "no",
    "no.",
    "number",
    "article",
    "section",
    "chapter",
    "page",
    "pages",
    "p.",
    "pp.",
    "route",
    "platform",
    "gate",
    "room",
    "flight",
    "ward",
    "bus",
    "boeing",
    "airbus",
    "windows",
    "iphone",
    "rule",
    "clause",
    "paragraph",
    "figure",
    "fig.",
    "table",
    "exhibit",
    "port",
    "level",
    "grade",
    "year",
    "class",
    "division",
    "category",
    "stage",
    "phase",
    "episode",
    "season",
    "act",
    "step",
    "item",
    "line",
    "junction",
    "exit",
    "hole",
    "minute",
    "lap",
    "row",
    "seat",
    "unit",
    "block",
    "building",
    "apartment",
    "suite",
    "highway",
    "interstate",
];

/// Words after a number that make it an address.
pub const STREET_WORDS: &[&str] = &[
    "Street",
    "St",
    "Road",
    "Rd",
    "Avenue",
    "Ave",
    "Lane",
    "Drive",
    "Way",
    "Place",
    "Square",
    "Court",
    "Boulevard",
    "Terrace",
    "Close",
    "Crescent",
    "Row",
    "Quay",
];

/// Words that follow a figure without being the thing it counts.
pub const NOT_NOUNS: &[&str] = &[
    "a",
    "an",
    "the",
    "and",
    "or",
    "but",
    "of",
    "in",
    "on",
    "at",
    "to",
    "from",
    "by",
    "for",
    "with",
    "than",
    "as",
    "is",
    "was",
    "were",
    "are",
    "be",
    "been",
    "that",
    "which",
    "who",
    "this",
    "it",
    "its",
    "per",
    "last",
    "next",
    "year",
    "years",
    "more",
    "less",
    "higher",
    "lower",
    "up",
    "down",
    "after",
    "before",
    "since",
    "over",
    "under",
    "compared",
    "against",
    "while",
    "when",
    "according",
    "said",
    "says",
    "will",
    "would",
    "had",
    "have",
    "has",
    "into",
    "each",
    "every",
    "between",
    "among",
    "about",
    "around",
    "new",
    "times",
    "so",
    "now",
    "then",
];

/// "Section 230", "page 14", "10 Harbour Street", "020 7946": names and addresses.
pub fn looks_like_reference(prose: &str, start: usize, end: usize, whole_number: bool) -> bool {
    // Only a few words either side matter: look no further, so that text without
    // spaces is not scanned to its start or end for every figure.
    let before = text_before(prose, start, LOOK_AROUND).trim_end();
    let prev_word = before.rsplit(|c: char| c.is_whitespace() || c == '(').next().unwrap_or("");
    if prev_word == "#" || REFERENCE_WORDS.iter().any(|w| w.eq_ignore_ascii_case(prev_word)) {
        return true;
    }
    // "dial 999", "called 911": an emergency number, not a count.
    let digits = &prose[start..end];
    if EMERGENCY_NUMBERS.contains(&digits) && CALL_WORDS.iter().any(|w| w.eq_ignore_ascii_case(prev_word)) {
        return true;
    }
    if digits.starts_with('0') && digits.len() > 1 && !digits.starts_with("0.") {
        return true;
    }
    let mut next_words = text_after(prose, end, LOOK_AROUND).split_whitespace();
    let Some(first) = next_words.next() else { return false };
    if whole_number && first.starts_with(char::is_uppercase) {
        let is_street = |w: &str| STREET_WORDS.contains(&w.trim_matches(|c: char| !c.is_alphanumeric()));
        if is_street(first) || next_words.take(2).any(is_street) {
            return true;
        }
    }
    // A phone number: several groups of digits separated by single spaces.
    first.len() >= 3 && first.bytes().all(|b| b.is_ascii_digit())
}

/// Telephone numbers for emergencies, and the words that dial them.
const EMERGENCY_NUMBERS: [&str; 5] = ["999", "911", "112", "000", "111"];
const CALL_WORDS: [&str; 8] = ["dial", "dialled", "dialed", "dialling", "call", "called", "calling", "ring"];

/// A figure that is part of a word or code: "F-16", "G7", "v3", "Covid-19", "3.24",
/// "someone".
pub fn glued_before(prose: &str, start: usize) -> bool {
    let mut chars = prose[..start].chars().rev();
    match chars.next() {
        None => false,
        Some(c) if c.is_alphanumeric() || matches!(c, '_' | '/' | '#' | '@' | '.' | ':' | '\\') => true,
        Some('-' | '–') => chars.next().is_some_and(|c| c.is_alphanumeric()),
        _ => false,
    }
}

/// A figure followed by more of a code or a time: "3-1", "2.1.3", "23:10", "4/6", "10am".
pub fn glued_after(prose: &str, end: usize) -> bool {
    let rest = &prose[end..];
    let mut chars = rest.chars();
    match chars.next() {
        None => false,
        Some(c) if c.is_alphanumeric() || c == '_' || c == '@' => true,
        Some('-' | '–' | '.' | ':' | '/' | ',') => chars.next().is_some_and(|c| c.is_ascii_digit()),
        _ => false,
    }
}

/// The noun a count counts ("5,937 soldiers" → "soldiers"), if the next word is one.
pub fn counted_noun(after: &str) -> Option<String> {
    let trimmed = after.trim_start();
    if trimmed.len() == after.len() {
        return None;
    }
    let len = trimmed.find(|c: char| !(c.is_alphabetic() || c == '-')).unwrap_or(trimmed.len());
    let word = &trimmed[..len];
    if word.is_empty() || word.starts_with(char::is_uppercase) || NOT_NOUNS.iter().any(|w| w.eq_ignore_ascii_case(word))
    {
        return None;
    }
    Some(word.to_lowercase())
}
