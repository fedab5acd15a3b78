//! Quantities in digits: plain numbers, money, percentages, percentage points,
//! multiples and ordinals, with their scale words, units, qualifiers, ranges and
//! what they are stated per.
//!
//! One regex finds where each run of digits starts; everything around it is read
//! by hand, outward from the digits: the currency and sign before them, then the
//! scale, unit, currency, percent sign or counted noun after them. Reading by hand
//! costs far less than capture groups in one large pattern, and lets a figure end
//! wherever its words end. What keeps digits from being a quantity at all lives in
//! [`exclusions`].

mod dressing;
mod exclusions;
mod money;
mod ranges;
mod reading;
#[cfg(test)]
mod tests;

use foldhash::{HashMap, HashSet, HashSetExt};
use std::ops::Range;
use std::sync::Arc;

use regex::Regex;

use super::lexicon::{Lexicon, Qualifier, ScaleWord};
use super::numeral;
use super::phrases::PhraseTable;
use super::taken::Taken;
use super::words::NumberWords;
use super::{Context, Form, LOOK_AROUND, Mention, MentionKind};
use crate::interval::Interval;
pub(super) use exclusions::{STREET_WORDS, glued_before};

/// Words before digits that make the figure negative.
const SIGN_WORDS: [&str; 2] = ["minus", "negative"];

/// What follows a figure and makes it a percentage or points.
const PERCENT_WORDS: [&str; 5] = ["percent", "per cent", "percents", "per cents", "pct"];
const POINT_WORDS: [(&str, &str); 7] = [
    ("percentage points", "pp"),
    ("percentage point", "pp"),
    ("pp", "pp"),
    ("basis points", "bp"),
    ("basis point", "bp"),
    ("bps", "bp"),
    ("bp", "bp"),
];

/// Compiled patterns and lexicon tables for figures written in digits.
#[derive(Debug)]
pub struct FigurePatterns {
    /// The first words of a number written in words.
    find: Regex,
    words: NumberWords,
    money: money::Money,
    spaced_scales: PhraseTable<ScaleWord>,
    /// Every scale word, looked up as written against the digits ("52m", "3bn").
    attached_scales: PhraseTable<ScaleWord>,
    units: PhraseTable<String>,
    attached_units: HashMap<String, (String, Arc<str>)>,
    percent: PhraseTable<Option<&'static str>>,
    qualifiers_before: PhraseTable<Qualifier>,
    qualifiers_after: PhraseTable<Qualifier>,
    per_units: PhraseTable<()>,
    /// The first words of every phrase that may follow a figure, for a cheap test.
    after_words: HashSet<Vec<u8>>,
    approximate_tolerance: f64,
    near_tolerance: f64,
    /// How loose a share in words or a ratio is, as a share of its value.
    fraction_tolerance: f64,
}

/// A figure as read, with what range merging needs to rescale it.
#[derive(Debug, Clone)]
struct Figure {
    mention: Mention,
    shape: Shape,
}

/// How a figure was written, beyond its mention: what a range needs to rescale
/// its first figure ("10-12%", "3 to 5 million").
#[derive(Debug, Clone, Copy)]
struct Shape {
    /// The numeral's own value and half unit, before sign and scale.
    raw: f64,
    half: f64,
    sign: f64,
    scale: f64,
    /// Whether the figure had its own scale word, unit, currency or percent sign.
    scaled: bool,
    dressed: bool,
}

/// Why reading at a run of digits gave no figure.
enum Unread {
    /// Whole numbers listed with commas, to be read one by one.
    List(Vec<Range<usize>>),
    /// Not a figure; the digits up to here are consumed.
    Skip(usize),
}

impl FigurePatterns {
    pub fn new(lexicon: &Lexicon) -> Result<FigurePatterns, regex::Error> {
        let words = NumberWords::new(lexicon)?;
        // Digits, percent signs and fractions are found by a byte scan; only numbers
        // in words need a pattern. A regex search per run of digits cost more than
        // reading the figure.
        // Compiled by `NumberWords` already; a clone shares it.
        let find = words.first_words().clone();
        let spaced_scales = PhraseTable::after(
            "scales",
            lexicon.scales.iter().filter(|s| !s.attached).map(|s| (s.word.clone(), s.clone())),
        );
        let attached_scales = PhraseTable::after("scales", lexicon.scales.iter().map(|s| (s.word.clone(), s.clone())));
        let units = PhraseTable::after(
            "units",
            lexicon.units.iter().flat_map(|u| u.words.iter().map(move |w| (w.clone(), u.unit.clone()))),
        );
        let attached_units = lexicon
            .units
            .iter()
            .filter(|u| u.attached)
            .flat_map(|u| u.words.iter().map(move |w| (w.clone(), (u.unit.clone(), format!("units: {w}").into()))))
            .collect();
        let percent = PhraseTable::after(
            "percent",
            PERCENT_WORDS
                .iter()
                .map(|w| (w.to_string(), None))
                .chain(POINT_WORDS.iter().map(|(w, unit)| (w.to_string(), Some(*unit)))),
        );
        let qualifier_words = |after: bool| {
            lexicon
                .qualifiers
                .iter()
                .filter(move |q| q.after == after)
                .flat_map(|q| q.words.iter().map(move |w| (w.clone(), q.means)))
                .collect::<Vec<_>>()
        };
        let money = money::Money::new(lexicon);
        let qualifiers_after = PhraseTable::after("qualifiers", qualifier_words(true));
        let mut after_words: HashSet<Vec<u8>> = HashSet::new();
        for table in [
            spaced_scales.edge_words().collect::<Vec<_>>(),
            units.edge_words().collect(),
            percent.edge_words().collect(),
            qualifiers_after.edge_words().collect(),
        ] {
            after_words.extend(table.iter().map(|w| w.as_bytes().to_vec()));
        }
        after_words.extend(money.first_words().map(String::into_bytes));
        Ok(FigurePatterns {
            find,
            words,
            money,
            after_words,
            spaced_scales,
            attached_scales,
            units,
            attached_units,
            percent,
            qualifiers_before: PhraseTable::before("qualifiers", qualifier_words(false)),
            qualifiers_after,
            per_units: PhraseTable::after("per_units", lexicon.per_units.iter().map(|w| (w.clone(), ()))),
            approximate_tolerance: lexicon.approximate_tolerance.unwrap_or(0.05),
            near_tolerance: lexicon.near_tolerance.unwrap_or(0.05),
            fraction_tolerance: lexicon.fraction_tolerance.unwrap_or(0.1),
        })
    }

    /// Every figure in `prose` that does not overlap a `taken` range.
    pub fn find(&self, prose: &str, context: &Context, taken: &mut Taken) -> Vec<Mention> {
        // Mentions and their shapes in two vectors: a mention is large, and is moved
        // only once more, into the result.
        let mut mentions: Vec<Mention> = Vec::with_capacity(super::expected_mentions(prose, 32));
        let mut shapes: Vec<Shape> = Vec::with_capacity(mentions.capacity());
        let words: Vec<Range<usize>> = self
            .find
            .find_iter(prose)
            .filter(|m| !m.as_str().starts_with(|c: char| c.is_ascii_digit()))
            .map(|m| m.range())
            .collect();
        let mut next_word = 0;
        let mut pos = 0;
        // Where the last figure taken ends: the next may not start before it.
        let mut floor = 0;
        while let Some(m) = candidate(prose, pos, &words, &mut next_word) {
            pos = m.end;
            if !taken.is_free(&m) {
                // Skip the rest of a date or time already read, not one digit run at a time.
                pos = pos.max(taken.end_of(m.start).unwrap_or(pos));
                continue;
            }
            let text = &prose[m.clone()];
            let last = text.as_bytes()[text.len() - 1];
            let figure = if text == "%" {
                self.bare_percent(prose, m.start)
            } else if !text.as_bytes()[0].is_ascii_digit() && text.is_ascii() {
                match self.read_words(prose, m.start, floor, context) {
                    Ok(figure) => Some(figure),
                    Err(Unread::Skip(end)) => {
                        pos = pos.max(end);
                        None
                    }
                    Err(Unread::List(_)) => None,
                }
            } else if text.len() > 2 && last.is_ascii_alphabetic() {
                self.multiple_or_ordinal(prose, m.clone())
            } else {
                // ".25": the decimal mark before the digits starts the figure; a full
                // stop after a word does not.
                let decimal_start = prose[..m.start]
                    .strip_suffix('.')
                    .filter(|head| !head.ends_with(|c: char| c.is_alphanumeric()))
                    .map_or(m.start, |head| head.len());
                match self.read(prose, decimal_start, floor, context, false) {
                    Ok(figure) => Some(figure),
                    Err(Unread::List(items)) => {
                        pos = pos.max(items.last().map_or(pos, |r| r.end));
                        for item in items {
                            if let Some(f) = self.list_item(prose, item) {
                                if taken.take(&f.mention.range) {
                                    floor = f.mention.range.end;
                                    mentions.push(f.mention);
                                    shapes.push(f.shape);
                                }
                            }
                        }
                        continue;
                    }
                    Err(Unread::Skip(end)) => {
                        pos = pos.max(end);
                        None
                    }
                }
            };
            if let Some(figure) = figure {
                pos = pos.max(figure.mention.range.end);
                if taken.take(&figure.mention.range) {
                    floor = figure.mention.range.end;
                    mentions.push(figure.mention);
                    shapes.push(figure.shape);
                }
            }
        }
        ranges::merge(prose, &mut mentions, &mut shapes);
        mentions
    }

    /// A multiple written in words and "fold": "threefold", "three-fold",
    /// "twenty-five-fold", "one hundred-fold". What stands before "fold" must read
    /// whole as a number in words, so that "manifold" is none.
    fn fold_in_words(&self, prose: &str, start: usize) -> Option<Figure> {
        // The word that ends in "fold", among the few a number phrase spans.
        let mut end = start;
        let fold_word_end = loop {
            let len = prose[end..].bytes().take_while(|b| b.is_ascii_alphabetic() || *b == b'-').count();
            let word = &prose[end..end + len];
            if len == 0 || end - start > LOOK_AROUND {
                return None;
            }
            if word.len() >= 4 && word[len - 4..].eq_ignore_ascii_case("fold") {
                break end + len;
            }
            end += len;
            end += usize::from(prose[end..].starts_with(' '));
        };
        if glued_word(prose, fold_word_end) {
            return None;
        }
        // The number alone, as if the text ended there: read with "-fold" after it,
        // the words reader refuses it, as it should for a count.
        let stem_end = prose[..fold_word_end - 4].trim_end_matches('-').len();
        let number = self.words.read(&prose[..stem_end], start)?;
        let plain = number.end == stem_end && number.form == Form::Plain && !number.fraction;
        let value = number.value.filter(|_| plain)?;
        let mention = Mention {
            unit: Some("x".into()),
            lexicon: number.lexicon.into_iter().map(Arc::from).collect(),
            ..Mention::valued(MentionKind::Multiplier, start..fold_word_end, value, Interval::point(value))
        };
        Some(Figure::plain(mention))
    }

    /// "3 times", "10-fold", "10fold"; "10th".
    fn multiple_or_ordinal(&self, prose: &str, range: Range<usize>) -> Option<Figure> {
        let text = &prose[range.clone()];
        let digits = text.bytes().take_while(|b| b.is_ascii_digit() || *b == b'.').count();
        let value: f64 = text[..digits].parse().ok()?;
        if glued_before(prose, range.start) {
            return None;
        }
        let lower = text.to_ascii_lowercase();
        let multiple = lower.ends_with("fold") || lower.ends_with("times") && dressing::compares(&prose[range.end..]);
        let (kind, unit) = if multiple {
            (MentionKind::Multiplier, Some("x".to_string()))
        } else if lower.ends_with("times") {
            // "arrested 3 times": how often, a count.
            let digits_end = range.start + digits;
            let mention =
                Mention::valued(MentionKind::Number, range.start..digits_end, value, Interval::around(value, 0.5));
            return Some(Figure::plain(mention));
        } else {
            (MentionKind::Ordinal, None)
        };
        let mention = Mention { unit, ..Mention::valued(kind, range.clone(), value, Interval::point(value)) };
        Some(Figure::plain(mention))
    }

    /// A "%" with no figure before it: a percentage without a value ("the % of").
    fn bare_percent(&self, prose: &str, at: usize) -> Option<Figure> {
        let spaced = |c: Option<char>| c.is_none_or(char::is_whitespace);
        if !spaced(prose[..at].chars().next_back()) || !spaced(prose[at + 1..].chars().next()) {
            return None;
        }
        let mention =
            Mention { form: Form::Vague, unit: Some("%".into()), ..Mention::new(MentionKind::Percent, at..at + 1) };
        Some(Figure::plain(mention))
    }

    /// One number of a comma-separated list, as a bare count.
    fn list_item(&self, prose: &str, item: Range<usize>) -> Option<Figure> {
        let numeral = numeral::parse(&prose[item.clone()])?;
        if glued_before(prose, item.start) {
            return None;
        }
        let interval = Interval::around(numeral.value, numeral.half_unit);
        let mention = Mention::valued(MentionKind::Number, item.clone(), numeral.value, interval);
        let mut figure = Figure::plain(mention);
        figure.shape.half = numeral.half_unit;
        Some(figure)
    }

    fn qualify(&self, rounded: Interval, value: f64, qualifier: Option<Qualifier>) -> Interval {
        let near = value.abs() * self.near_tolerance;
        match qualifier {
            None => rounded,
            Some(Qualifier::Approximate) => {
                let spread = value.abs() * self.approximate_tolerance;
                Interval::new(rounded.lo.min(value - spread), rounded.hi.max(value + spread))
            }
            Some(Qualifier::JustBelow) => Interval::new(value - near.max(rounded.hi - rounded.lo), value),
            Some(Qualifier::JustAbove) => Interval::new(value, value + near.max(rounded.hi - rounded.lo)),
            Some(Qualifier::Above | Qualifier::AtLeast) => Interval::new(rounded.lo, f64::INFINITY),
            Some(Qualifier::Below | Qualifier::AtMost) => {
                Interval::new(if value >= 0.0 { 0.0 } else { f64::NEG_INFINITY }, rounded.hi)
            }
        }
    }
}

impl Figure {
    fn plain(mention: Mention) -> Figure {
        let raw = mention.value.unwrap_or(0.0);
        Figure { mention, shape: Shape { raw, half: 0.0, sign: 1.0, scale: 1.0, scaled: false, dressed: true } }
    }
}

/// Fractions written as one character ("½").
const VULGAR_FRACTIONS: [&str; 18] =
    ["½", "⅓", "⅔", "¼", "¾", "⅕", "⅖", "⅗", "⅘", "⅙", "⅚", "⅐", "⅛", "⅜", "⅝", "⅞", "⅑", "⅒"];

/// The bytes a figure's first character may start with: digits, "%", and the
/// first bytes of the fraction characters ("½" is C2 BD, "⅓" is E2 85 93). A
/// table, since this test runs on every byte of the prose and four comparisons
/// cost about twice the look-up.
const MAY_START_FIGURE: [bool; 256] = {
    let mut table = [false; 256];
    let mut digit = b'0';
    while digit <= b'9' {
        table[digit as usize] = true;
        digit += 1;
    }
    table[b'%' as usize] = true;
    table[0xC2] = true;
    table[0xE2] = true;
    table
};

/// The next place at or after `pos` where a figure may start, in order: a run of
/// digits (with an ordinal suffix, or "times"/"fold" after it, when written so), a
/// lone percent sign, a fraction character, or the first words of a number in
/// words (from `words`, whose index `next_word` moves forward).
fn candidate(prose: &str, pos: usize, words: &[Range<usize>], next_word: &mut usize) -> Option<Range<usize>> {
    while words.get(*next_word).is_some_and(|w| w.start < pos) {
        *next_word += 1;
    }
    let bytes = prose.as_bytes();
    let mut at = pos;
    let symbol = loop {
        let found = bytes.get(at..)?.iter().position(|&b| MAY_START_FIGURE[usize::from(b)]);
        let Some(offset) = found else { break None };
        at += offset;
        if bytes[at].is_ascii_digit() || bytes[at] == b'%' {
            break Some(at);
        }
        if VULGAR_FRACTIONS.iter().any(|f| prose[at..].starts_with(f)) {
            break Some(at);
        }
        at += 1;
    };
    let word = words.get(*next_word).cloned();
    let start = match (symbol, &word) {
        (Some(s), Some(w)) if w.start < s => return word,
        (Some(s), _) => s,
        (None, _) => return word,
    };
    if !bytes[start].is_ascii_digit() {
        let len = prose[start..].chars().next().map_or(1, char::len_utf8);
        return Some(start..start + len);
    }
    let digits_end = start + bytes[start..].iter().take_while(|b| b.is_ascii_digit()).count();
    Some(start..multiple_or_ordinal_end(prose, digits_end).unwrap_or(digits_end))
}

/// Where "3 times", "2.5 times", "10-fold", "10fold" or "10th" ends, for digits ending at `end`.
fn multiple_or_ordinal_end(prose: &str, end: usize) -> Option<usize> {
    let rest = &prose[end..];
    let word_ends = |at: usize| !prose[at..].starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_');
    let suffix = rest.get(..2).filter(|s| matches!(*s, "st" | "nd" | "rd" | "th"));
    if suffix.is_some() && word_ends(end + 2) {
        return Some(end + 2);
    }
    let decimals = rest
        .strip_prefix('.')
        .map(|r| r.bytes().take_while(u8::is_ascii_digit).count())
        .filter(|n| *n > 0)
        .map_or(0, |n| n + 1);
    let after = &rest[decimals..];
    let hyphen = usize::from(after.starts_with('-'));
    let fold = after.get(hyphen..hyphen + 4).is_some_and(|w| w.eq_ignore_ascii_case("fold"));
    if fold && word_ends(end + decimals + hyphen + 4) {
        return Some(end + decimals + hyphen + 4);
    }
    let spaces = after.bytes().take_while(u8::is_ascii_whitespace).count();
    let word = &after[spaces..];
    let times = spaces > 0 && word.len() >= 5 && word.is_char_boundary(5) && word[..5].eq_ignore_ascii_case("times");
    (times && word_ends(end + decimals + spaces + 5)).then_some(end + decimals + spaces + 5)
}

/// Whether a scale word of the lexicon counts as `written` next to a figure: a
/// money-only one only for an amount of money ("$40 M", never "the 100 M"), a
/// case-exact one only in the lexicon's case ("$40 M" is 40 million, but "m" after
/// a space is as often metres).
fn scale_counts(scale: &ScaleWord, written: &str, money: bool) -> bool {
    (!scale.money_only || money) && (!scale.exact_case || written.split_whitespace().eq(scale.word.split_whitespace()))
}

/// "e6", "E-1" against the digits, then no more letters: the exponent and its end.
fn exponent(prose: &str, at: usize) -> Option<(i32, usize)> {
    prose[at..].strip_prefix(['e', 'E'])?;
    exponent_digits(prose, at + 1)
}

/// A whole power against `at` ("23", "-1", "+23"), then no more letters or digits.
fn exponent_digits(prose: &str, at: usize) -> Option<(i32, usize)> {
    let rest = &prose[at..];
    let signed = rest.strip_prefix(['-', '+']).map_or(0, |_| 1);
    let digits = rest[signed..].bytes().take_while(u8::is_ascii_digit).count();
    let end = at + signed + digits;
    if digits == 0 || digits > 3 || prose[end..].starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    Some((rest[..signed + digits].trim_start_matches('+').parse().ok()?, end))
}

/// "minus " or "negative " just before `at`: where the word starts.
fn sign_word_before(prose: &str, at: usize) -> Option<usize> {
    let head = prose[..at].strip_suffix(' ')?;
    SIGN_WORDS.iter().find_map(|w| {
        let start = head.len().checked_sub(w.len())?;
        let word = head.get(start..)?;
        let alone = !head[..start].ends_with(|c: char| c.is_alphanumeric());
        (word.eq_ignore_ascii_case(w) && alone).then_some(start)
    })
}

/// Whether a word continues at `at` ("percentages" after "percent").
fn glued_word(prose: &str, at: usize) -> bool {
    prose[at..].starts_with(|c: char| c.is_alphanumeric())
}

/// The word of ASCII letters after a hyphen at `at`, as in "12-cent" or
/// "3-million-pound", when it ends there (another hyphen may follow it).
fn word_after_hyphen(prose: &str, at: usize) -> Option<&str> {
    let rest = prose[at..].strip_prefix('-')?;
    let len = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
    (len > 0 && !glued_word(rest, len)).then(|| &rest[..len])
}

/// The end of the word starting after the spaces at `at`.
fn word_end(prose: &str, at: usize) -> usize {
    let rest = &prose[at..];
    let trimmed = rest.trim_start();
    let start = at + rest.len() - trimmed.len();
    start + trimmed.find(|c: char| !(c.is_alphabetic() || c == '-')).unwrap_or(trimmed.len())
}

/// A dash between two figures, as in "10-12" or "$3m–$4m".
fn is_range_dash(prose: &str, at: usize) -> bool {
    let mut chars = prose[at..].chars();
    matches!(chars.next(), Some('-' | '–' | '—'))
        && chars.next().is_some_and(|c| c.is_ascii_digit() || matches!(c, '$' | '€' | '£' | '¥'))
}
