//! Sentence splitting for one block of prose.
//!
//! The rule is deliberately simple: a sentence ends at `.`, `!`, `?` or an
//! ellipsis (a run of them counts as one), optionally followed by closing
//! quotes or brackets, when whitespace follows and then something that can
//! start a sentence: an uppercase letter, a digit, a currency sign, or an
//! opening quote or bracket. A lone `.` after an abbreviation is treated more
//! carefully:
//!
//! * after a title or a Latin abbreviation ([`NEVER_FINAL`]: "Mr.", "e.g.")
//!   the sentence never ends, since a name or more of the sentence must follow;
//! * after other abbreviations ([`USUALLY_NOT_FINAL`]: "No.", "Jan.", "Inc.",
//!   "etc.") and after initials and dotted initialisms ("J.", "U.S.", "a.m.")
//!   it ends only if the next word is a common sentence opener
//!   ([`SENTENCE_OPENERS`]: "The", "It", "But", ...). So "the U.S. Army" and
//!   "No. 1" stay whole while "made in the U.S. The plant" splits. Where both
//!   readings are possible ("at Acme Inc. Her") the opener list decides.
//!
//! Decimals ("3.5") never split because no whitespace follows the point.

use std::ops::Range;

/// Abbreviations after which a sentence does not end: titles before a name and
/// Latin abbreviations that always continue the sentence.
const NEVER_FINAL: &[&str] = &[
    "Mr", "Mrs", "Ms", "Mx", "Dr", "Prof", "Gov", "Sen", "Rep", "Gen", "Col", "Lt", "Sgt", "Capt", "Cpl", "Pvt", "Maj",
    "Adm", "Cmdr", "Rev", "Hon", "Pres", "Supt", "Det", "e.g", "i.e", "vs", "cf", "viz", "approx", "Approx",
];

/// Abbreviations that usually continue the sentence ("No. 1", "Jan. 5",
/// "St. Louis") but can end one ("bought by Acme Inc. The deal ...").
const USUALLY_NOT_FINAL: &[&str] = &[
    "St", "Sr", "Jr", "No", "no", "Nos", "nos", "Vol", "vol", "Vols", "Fig", "fig", "Figs", "figs", "pp", "p", "ed",
    "eds", "est", "etc", "al", "Inc", "Ltd", "Co", "Corp", "Bros", "Dept", "dept", "Univ", "Ave", "Blvd", "Rd", "Mt",
    "Ft", "ft", "lb", "lbs", "oz", "hr", "hrs", "min", "sq", "Ph.D", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug",
    "Sep", "Sept", "Oct", "Nov", "Dec", "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun",
];

/// Words that commonly open a sentence; after an ambiguous abbreviation or an
/// initialism, one of these means the sentence did end.
const SENTENCE_OPENERS: &[&str] = &[
    "The",
    "A",
    "An",
    "It",
    "Its",
    "In",
    "On",
    "At",
    "By",
    "For",
    "From",
    "To",
    "With",
    "He",
    "She",
    "They",
    "We",
    "I",
    "You",
    "His",
    "Her",
    "Their",
    "Our",
    "My",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "Then",
    "But",
    "And",
    "Or",
    "So",
    "Yet",
    "However",
    "Meanwhile",
    "Still",
    "Also",
    "After",
    "Before",
    "When",
    "While",
    "If",
    "As",
    "Since",
    "Although",
    "Though",
    "Because",
    "What",
    "Who",
    "Why",
    "How",
    "Where",
    "Some",
    "Many",
    "Most",
    "All",
    "Each",
    "Both",
    "One",
    "Last",
    "Next",
    "Today",
    "Yesterday",
    "Now",
    "Here",
    "Such",
    "Other",
    "Another",
    "Not",
    "Only",
    "Even",
    "Instead",
    "Later",
    "Earlier",
];

/// Characters that end a sentence.
fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// Characters that may follow a terminator and still belong to the sentence.
fn is_closer(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | '\'' | ')' | ']' | '»')
}

/// Characters that may open a sentence before its first word.
fn is_opener(c: char) -> bool {
    matches!(c, '"' | '“' | '‘' | '\'' | '(' | '[' | '«')
}

/// Whether `c` can be the first character of a sentence.
fn can_start(c: char) -> bool {
    c.is_uppercase() || c.is_ascii_digit() || is_opener(c) || matches!(c, '$' | '€' | '£' | '¥')
}

/// The longest sentence read as one, in bytes: about 300 words, far past any
/// sentence of prose. Everything downstream reads a sentence as a whole (a
/// subject is looked for back to its clause's start, a pronoun's metric in the
/// sentence before), so an unbounded sentence would make that work grow with
/// the square of its length; a run of text with no sentence end (a flattened
/// table, a hostile file) is read in pieces of at most this size instead.
pub(crate) const MAX_SENTENCE_BYTES: usize = 2_000;

/// Appends the sentences of one block's text to `out`: byte ranges of `text`,
/// shifted by `base` (where the text starts in the prose), in order, without
/// surrounding whitespace. Text with no sentence end is one sentence; empty or
/// blank text has none; a sentence longer than [`MAX_SENTENCE_BYTES`] is cut
/// into pieces no longer than that (see [`piece_end`]).
pub(crate) fn push_sentences(text: &str, base: usize, out: &mut Vec<Range<usize>>) {
    let mut emit = |range: Range<usize>| {
        let Some(mut r) = trim(text, range) else { return };
        while r.end - r.start > MAX_SENTENCE_BYTES {
            let end = piece_end(text, r.start);
            if let Some(piece) = trim(text, r.start..end) {
                out.push(base + piece.start..base + piece.end);
            }
            r.start = end;
        }
        if let Some(r) = trim(text, r) {
            out.push(base + r.start..base + r.end);
        }
    };
    let mut start = 0;
    let mut pos = 0;
    while let Some(terminator) = next_terminator(text, pos) {
        let after_terminators = skip(text, terminator, is_terminator);
        let lone_period = &text[terminator..after_terminators] == ".";
        let end = skip(text, after_terminators, is_closer);
        let next = skip(text, end, char::is_whitespace);
        // No whitespace ("3.5", "U.S.-made") or nothing after: not a boundary here.
        if next == end || next == text.len() {
            pos = end;
            continue;
        }
        let rest = &text[next..];
        let ends =
            rest.chars().next().is_some_and(can_start) && (!lone_period || period_ends(&text[start..terminator], rest));
        if ends {
            emit(start..end);
            start = next;
        }
        pos = next;
    }
    emit(start..text.len());
}

/// Where the piece of an overlong sentence that starts at `start` ends: after
/// the last clause mark (";", ":" or ",") in the second half of its
/// [`MAX_SENTENCE_BYTES`], so that a piece ends where a clause does; failing
/// that, at its last whitespace, so that no word is cut; failing that (one
/// enormous "word"), at the last character boundary.
fn piece_end(text: &str, start: usize) -> usize {
    let limit = super::floor_char_boundary(text, start + MAX_SENTENCE_BYTES);
    let window = &text[start..limit];
    let half = window.len() / 2;
    let after_mark = window.rfind([';', ':', ',']).filter(|&i| i >= half).map(|i| i + 1);
    let after_space = || window.rfind(char::is_whitespace).filter(|&i| i > 0);
    start + after_mark.or_else(after_space).unwrap_or(window.len())
}

/// The offset of the first terminator at or after `pos`. Every terminator but "…"
/// is ASCII, so `memchr` finds the next of those, several bytes at a time, and
/// "…" (which starts with 0xE2) is then looked for only before it.
fn next_terminator(text: &str, pos: usize) -> Option<usize> {
    let rest = text.as_bytes().get(pos..)?;
    let ascii = memchr::memchr3(b'.', b'!', b'?', rest);
    let before = &rest[..ascii.unwrap_or(rest.len())];
    let mut from = 0;
    while let Some(i) = memchr::memchr(0xE2, &before[from..]) {
        let at = pos + from + i;
        if text[at..].starts_with('…') {
            return Some(at);
        }
        from += i + 1;
    }
    ascii.map(|i| pos + i)
}

/// Splits one block's text into sentences (see [`push_sentences`]).
#[cfg(test)]
fn split_sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    push_sentences(text, 0, &mut out);
    out
}

/// The offset of the first character at or after `pos` in `text` that is not `skipped`.
fn skip(text: &str, pos: usize, skipped: impl Fn(char) -> bool) -> usize {
    text[pos..].find(|c: char| !skipped(c)).map_or(text.len(), |i| pos + i)
}

/// Whether a `.` ends the sentence, given the text before it (within the
/// current sentence) and the text after the whitespace that follows it.
fn period_ends(before: &str, after: &str) -> bool {
    let word = before
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
        .trim_start_matches(|c: char| is_opener(c) || c == '—' || c == '-');
    if word.is_empty() {
        return true;
    }
    if NEVER_FINAL.contains(&word) {
        return false;
    }
    if USUALLY_NOT_FINAL.contains(&word) || is_initialism(word) {
        let after = after.trim_start_matches(is_opener);
        let next_word = &after[..after.find(|c: char| !c.is_alphabetic()).unwrap_or(after.len())];
        return SENTENCE_OPENERS.contains(&next_word);
    }
    true
}

/// Whether `word` (without its final period) is an initial or dotted
/// initialism: single letters separated by periods, as in "J", "U.S", "a.m".
fn is_initialism(word: &str) -> bool {
    word.split('.').all(|part| {
        let mut chars = part.chars();
        chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none()
    })
}

/// `range` without leading and trailing whitespace, or `None` if nothing is left.
fn trim(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let slice = &text[range.clone()];
    let trimmed = slice.trim_start();
    let start = range.start + (slice.len() - trimmed.len());
    let end = start + trimmed.trim_end().len();
    (end > start).then_some(start..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        split_sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn simple_sentences() {
        assert_eq!(split("One thing. Two things. Three."), vec!["One thing.", "Two things.", "Three."]);
    }

    #[test]
    fn question_and_exclamation() {
        assert_eq!(split("Did it rise? Yes! It rose?! Wow."), vec!["Did it rise?", "Yes!", "It rose?!", "Wow."]);
    }

    #[test]
    fn no_terminator_is_one_sentence() {
        assert_eq!(split("  a heading with 5 words  "), vec!["a heading with 5 words"]);
        assert!(split("").is_empty());
        assert!(split("  \n ").is_empty());
    }

    #[test]
    fn lowercase_after_period_does_not_split() {
        assert_eq!(split("See p. and so on. Done."), vec!["See p. and so on.", "Done."]);
    }

    #[test]
    fn titles() {
        assert_eq!(
            split("Mr. Smith met Dr. Jones. Prof. The Name is odd."),
            vec!["Mr. Smith met Dr. Jones.", "Prof. The Name is odd."]
        );
    }

    #[test]
    fn abbreviations() {
        assert_eq!(
            split("Apples, pears, etc. and more. Sales rose approx. 5% vs. 2020, e.g. In May."),
            vec!["Apples, pears, etc. and more.", "Sales rose approx. 5% vs. 2020, e.g. In May."]
        );
        assert_eq!(
            split("It was bought by Acme Inc. The deal closed."),
            vec!["It was bought by Acme Inc.", "The deal closed."]
        );
        assert_eq!(split("Shares of Acme Inc. Holdings fell."), vec!["Shares of Acme Inc. Holdings fell."]);
    }

    #[test]
    fn numbers_after_abbreviations() {
        assert_eq!(split("It ranked No. 1 in sales."), vec!["It ranked No. 1 in sales."]);
        assert_eq!(split("See Fig. 3 and Vol. 2."), vec!["See Fig. 3 and Vol. 2."]);
        assert_eq!(split("On Jan. 5 it fell. On Feb. 6 it rose."), vec!["On Jan. 5 it fell.", "On Feb. 6 it rose."]);
    }

    #[test]
    fn digit_starts_a_sentence() {
        assert_eq!(split("It ended in 2020. 30 people came."), vec!["It ended in 2020.", "30 people came."]);
    }

    #[test]
    fn dotted_initialisms() {
        assert_eq!(
            split("The U.S. Army grew. It left the U.S. The end."),
            vec!["The U.S. Army grew.", "It left the U.S.", "The end."]
        );
        assert_eq!(split("At 9 a.m. Monday it opened."), vec!["At 9 a.m. Monday it opened."]);
        assert_eq!(split("The U.K. economy and E.U. rules."), vec!["The U.K. economy and E.U. rules."]);
    }

    #[test]
    fn single_initials() {
        assert_eq!(split("J. Smith said so. J. R. Tolkien too."), vec!["J. Smith said so.", "J. R. Tolkien too."]);
    }

    #[test]
    fn decimals() {
        assert_eq!(
            split("It grew 3.5% to $4.2 billion. Next year 1.5."),
            vec!["It grew 3.5% to $4.2 billion.", "Next year 1.5."]
        );
    }

    #[test]
    fn ellipses() {
        assert_eq!(split("He paused... and went on."), vec!["He paused... and went on."]);
        assert_eq!(split("He paused… and went on."), vec!["He paused… and went on."]);
        assert_eq!(split("It ended... Then more."), vec!["It ended...", "Then more."]);
        assert_eq!(split("It ended… Then more."), vec!["It ended…", "Then more."]);
    }

    #[test]
    fn quotes_and_brackets() {
        assert_eq!(split("He said \"It rose.\" Then it fell."), vec!["He said \"It rose.\"", "Then it fell."]);
        assert_eq!(split("“Why?” she asked. (It rose.) Then."), vec!["“Why?” she asked.", "(It rose.)", "Then."]);
        assert_eq!(split("It fell. \"Bad,\" he said."), vec!["It fell.", "\"Bad,\" he said."]);
    }

    #[test]
    fn currency_starts_a_sentence() {
        assert_eq!(split("It cost less. $30 was paid."), vec!["It cost less.", "$30 was paid."]);
    }

    #[test]
    fn ranges_are_trimmed_offsets() {
        let text = "  One.   Two.  ";
        assert_eq!(split_sentences(text), vec![2..6, 9..13]);
    }

    #[test]
    fn non_ascii_text() {
        assert_eq!(split("Ça coûte 5 €. Élevé."), vec!["Ça coûte 5 €.", "Élevé."]);
    }

    #[test]
    fn an_overlong_sentence_is_read_in_bounded_pieces_at_clause_marks() {
        let clause = "exports rose 4% to $12 billion, ";
        let text = clause.repeat(200);
        let pieces = split_sentences(&text);
        assert!(pieces.len() >= 3, "{} pieces", pieces.len());
        for piece in &pieces {
            assert!(piece.len() <= MAX_SENTENCE_BYTES, "{piece:?}");
            assert!(text[piece.clone()].ends_with(','), "{:?}", &text[piece.end - 10..piece.end]);
        }
        // Together the pieces hold every word, in order.
        let words: Vec<&str> = pieces.iter().flat_map(|p| text[p.clone()].split_whitespace()).collect();
        assert_eq!(words, text.split_whitespace().collect::<Vec<_>>());
    }

    #[test]
    fn an_overlong_sentence_without_clause_marks_is_cut_between_words() {
        let text = "révenue ".repeat(600);
        for piece in split_sentences(&text) {
            assert!(piece.len() <= MAX_SENTENCE_BYTES);
            assert!(text[piece].split_whitespace().all(|w| w == "révenue"));
        }
    }

    #[test]
    fn an_overlong_word_is_cut_at_a_character_boundary() {
        let text = "é".repeat(MAX_SENTENCE_BYTES + 7);
        let pieces = split_sentences(&text);
        assert_eq!(pieces.len(), 3, "{pieces:?}");
        for pair in pieces.windows(2) {
            assert_eq!(pair[0].end, pair[1].start);
        }
        assert!(pieces.iter().all(|p| p.len() <= MAX_SENTENCE_BYTES && text.is_char_boundary(p.end)));
        assert_eq!(pieces[2].end, text.len());
    }

    #[test]
    fn a_sentence_at_the_limit_stays_whole() {
        let text = format!("{}.", "a".repeat(MAX_SENTENCE_BYTES - 1));
        assert_eq!(split_sentences(&text), vec![0..MAX_SENTENCE_BYTES]);
    }
}
