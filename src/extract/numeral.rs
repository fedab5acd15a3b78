//! Numerals written in digits: their value and the precision their writing implies.
//!
//! [`read`] finds where a numeral ends in the prose and how the locale groups its
//! digits ("1,234.5" in English, "1.234,5" in German, "1 234.5" with thin spaces
//! anywhere, "12,34,567" in Indian English); [`parse`] reads the English form.

use std::borrow::Cow;

use super::Locale;

/// A numeral's value and the precision its writing implies.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Numeral {
    pub value: f64,
    /// Half a unit of the last written digit: "30" → 0.5, "2.34" → 0.005.
    pub half_unit: f64,
    /// Trailing zeros of a whole number ("150,000" → 4), which may be rounding.
    pub trailing_zeros: u32,
}

impl Numeral {
    /// Half a unit of the last digit that is surely significant. A large whole count
    /// ending in zeros ("150,000 people") is read as rounded to its last non-zero
    /// digit; smaller ones ("90 buses") and decimals are taken as written.
    pub fn count_half_unit(&self) -> f64 {
        if self.value >= 1000.0 && self.trailing_zeros > 0 {
            0.5 * 10f64.powi(self.trailing_zeros as i32)
        } else {
            self.half_unit
        }
    }
}

/// A numeral found in prose.
#[derive(Debug, Clone, PartialEq)]
pub struct Read {
    pub numeral: Numeral,
    /// Where the numeral ends (a following comma or full stop is not part of it).
    pub end: usize,
    /// Why the reading may be wrong ("1.234" is 1234 where dots group thousands).
    pub note: Option<String>,
}

/// What a run of digits and separators turned out to be.
#[derive(Debug, Clone, PartialEq)]
pub enum Run {
    Numeral(Read),
    /// "22,24,26,31": whole numbers listed with commas; each item's range.
    List(Vec<std::ops::Range<usize>>),
}

/// Separators between groups of digits that no locale uses as a decimal mark.
const THIN_SPACES: [char; 3] = ['\u{202f}', '\u{2009}', '\u{a0}'];

/// Reads the numeral that starts at `start` of `prose` (a digit or a decimal
/// mark before one), as `locale` writes numbers. A form only the other locale
/// uses ("1.111,11" in English) is read that way with a note; a form that is
/// neither ("2.1.3") is not a numeral.
pub fn read(prose: &str, start: usize, locale: Locale) -> Option<Run> {
    let bytes = prose.as_bytes();
    let mut end = start;
    let mut separators = 0;
    let mut thin = false;
    let mut spaced = false;
    loop {
        let group_start = end;
        while end < bytes.len() && bytes[end].is_ascii_digit() {
            end += 1;
        }
        let rest = &prose[end..];
        // "1 000 000": a plain space groups only a first group of one to three digits,
        // or a later one of three, before exactly three digits ("020 7946" is no number).
        let group = end - group_start;
        let spaced_group = rest.starts_with(' ')
            && (1..=3).contains(&group)
            && (separators == 0 || group == 3)
            && bytes.get(end + 1..end + 4).is_some_and(|d| d.iter().all(u8::is_ascii_digit))
            && !bytes.get(end + 4).is_some_and(u8::is_ascii_digit)
            && bytes[start] != b'0';
        let sep = rest.chars().next().filter(|c| matches!(c, ',' | '.') || THIN_SPACES.contains(c) || spaced_group);
        let Some(sep) = sep else { break };
        let after = end + sep.len_utf8();
        if !bytes.get(after).is_some_and(u8::is_ascii_digit) {
            break;
        }
        thin |= sep != ',' && sep != '.';
        spaced |= sep == ' ';
        separators += 1;
        end = after;
    }
    let text = &prose[start..end];
    // Marks looked for as bytes: a char pattern searches a character at a time.
    if separators == 0 || !text.bytes().any(|b| b == b',' || b == b'.') && !thin {
        return parse(text).map(|numeral| Run::Numeral(Read { numeral, end, note: None }));
    }
    // Thin spaces only ever group; fold them into the locale's grouping mark.
    let (group, decimal) = match locale {
        Locale::En => (',', '.'),
        Locale::De => ('.', ','),
    };
    let folded: String;
    let text = if thin {
        folded = text.chars().map(|c| if THIN_SPACES.contains(&c) || c == ' ' { group } else { c }).collect();
        folded.as_str()
    } else {
        text
    };
    let english = in_english(text, locale);
    if let Some(numeral) = parse(&english).or_else(|| indian(&english)) {
        if spaced {
            let note = Some("read as one number with its thousands set apart by spaces".to_string());
            return Some(Run::Numeral(Read { numeral, end, note }));
        }
        let note = ambiguous_grouping(text, group, decimal).then(|| {
            format!(
                "read with `{decimal}` as the decimal mark; where `{decimal}` groups thousands it is {}",
                numeral.value * 1000.0
            )
        });
        return Some(Run::Numeral(Read { numeral, end, note }));
    }
    // The other locale's form, when it cannot be this locale's: "1.111,11" in English.
    let swapped: String = text
        .chars()
        .map(|c| match c {
            '.' => ',',
            ',' => '.',
            c => c,
        })
        .collect();
    let other = in_english(&swapped, locale);
    if text.contains(group) && text.contains(decimal) {
        if let Some(numeral) = parse(&other) {
            let note = Some(format!("written with `{decimal}` grouping thousands and `{group}` as the decimal mark"));
            return Some(Run::Numeral(Read { numeral, end, note }));
        }
    }
    // "1,3": two numbers or a decimal comma. A pair whose second part is too short
    // to be a group reads as a decimal, and says so; longer runs are lists.
    if let Some((whole, fraction)) = text.split_once(group) {
        let pair = !thin && !fraction.contains([group, decimal]) && (1..=2).contains(&fraction.len());
        if pair && !whole.contains(decimal) {
            let numeral = parse(&format!("{whole}.{fraction}"))?;
            let note =
                Some(format!("read with `{group}` as the decimal mark; it may be two numbers, {whole} and {fraction}"));
            return Some(Run::Numeral(Read { numeral, end, note }));
        }
    }
    // Whole numbers listed with the locale's grouping mark: "22,24,26".
    if !thin && !text.contains(decimal) {
        let mut items = Vec::new();
        let mut at = start;
        for item in text.split(group) {
            items.push(at..at + item.len());
            at += item.len() + 1;
        }
        return Some(Run::List(items));
    }
    None
}

/// `text` with English marks: as it is in English, borrowed (most figures with a
/// mark are English and read once), and with "." and "," swapped in German.
fn in_english(text: &str, locale: Locale) -> Cow<'_, str> {
    match locale {
        Locale::En => Cow::Borrowed(text),
        Locale::De => Cow::Owned(
            text.chars()
                .map(|c| match c {
                    '.' => ',',
                    ',' => '.',
                    c => c,
                })
                .collect(),
        ),
    }
}

/// "1.234" in English (or "1,234" in German): one group mark of the other locale
/// followed by exactly three digits reads two ways.
fn ambiguous_grouping(text: &str, group: char, decimal: char) -> bool {
    !text.contains(group)
        && text
            .split_once(decimal)
            .is_some_and(|(whole, frac)| (1..=3).contains(&whole.len()) && whole != "0" && frac.len() == 3)
}

/// Indian grouping: "12,34,567.89" (a group of three, then groups of two).
fn indian(text: &str) -> Option<Numeral> {
    let (whole, fraction) = text.split_once('.').map_or((text, None), |(w, f)| (w, Some(f)));
    let mut groups: Vec<&str> = whole.split(',').collect();
    let last = groups.pop()?;
    let first = *groups.first()?;
    let shaped = last.len() == 3
        && (1..=2).contains(&first.len())
        && groups.iter().skip(1).all(|g| g.len() == 2)
        && groups.len() >= 2;
    if !shaped {
        return None;
    }
    let plain: String = whole.chars().filter(|c| *c != ',').collect();
    parse(&match fraction {
        Some(f) => format!("{plain}.{f}"),
        None => plain,
    })
}

/// Reads "1,234", "2.34", "150,000", ".5". Grouping commas must be in threes;
/// anything else is not a numeral and gives `None`.
pub fn parse(text: &str) -> Option<Numeral> {
    // Read for every figure: the marks are found as bytes, not by a char searcher.
    let (whole, fraction) = match text.bytes().position(|b| b == b'.') {
        Some(dot) => (&text[..dot], Some(&text[dot + 1..])),
        None => (text, None),
    };
    let grouped = whole.as_bytes().contains(&b',');
    if !valid_grouping(whole, grouped) {
        return None;
    }
    // Digits of the whole part, grouping commas skipped: read without building a string.
    let digits = || whole.bytes().filter(|b| *b != b',');
    let digit_count = digits().count();
    if digit_count == 0 && fraction.is_none() {
        return None;
    }
    let whole_value = digits().fold(0.0f64, |acc, b| acc * 10.0 + f64::from(b - b'0'));
    let (value, half_unit, trailing_zeros) = match fraction {
        Some(f) if !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()) => {
            // Decimals go through the standard parser, which rounds correctly.
            let value = if grouped {
                let mut plain: String = whole.chars().filter(|c| *c != ',').collect();
                plain.push('.');
                plain.push_str(f);
                plain.parse().ok()?
            } else if whole.is_empty() {
                format!("0.{f}").parse().ok()?
            } else {
                text.parse().ok()?
            };
            (value, 0.5 * 10f64.powi(-(f.len() as i32)), 0)
        }
        Some(_) => return None,
        None => {
            let zeros = digits().rev().take_while(|b| *b == b'0').count();
            // "0" itself is exact, not a rounding of nothing.
            (whole_value, 0.5, if zeros == digit_count { 0 } else { zeros as u32 })
        }
    };
    Some(Numeral { value, half_unit, trailing_zeros })
}

fn valid_grouping(whole: &str, grouped: bool) -> bool {
    if !grouped {
        return whole.bytes().all(|b| b.is_ascii_digit());
    }
    let mut groups = whole.split(',');
    let first = groups.next().unwrap_or("");
    (1..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_digit())
        && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (f64, f64) {
        let n = parse(text).unwrap_or_else(|| panic!("{text} should parse"));
        (n.value, n.half_unit)
    }

    fn count(text: &str) -> f64 {
        parse(text).unwrap().count_half_unit()
    }

    #[test]
    fn whole_numbers_are_precise_to_their_last_digit() {
        assert_eq!(read("5,937"), (5937.0, 0.5));
        assert_eq!(read("30"), (30.0, 0.5));
        assert_eq!(read("0"), (0.0, 0.5));
        assert_eq!(parse("150,000").unwrap().trailing_zeros, 4);
    }

    #[test]
    fn large_round_counts_are_read_as_rounded() {
        assert_eq!(count("150,000"), 5000.0);
        assert_eq!(count("1,130"), 5.0);
        assert_eq!(count("5,937"), 0.5);
        assert_eq!(count("90"), 0.5);
        assert_eq!(count("2.50"), 0.005);
    }

    #[test]
    fn decimals_round_at_their_last_written_digit() {
        assert_eq!(read("2.34"), (2.34, 0.005));
        assert_eq!(read("2.50"), (2.5, 0.005));
        let (v, h) = read("1,234.5");
        assert_eq!(v, 1234.5);
        assert!((h - 0.05).abs() < 1e-12);
        assert_eq!(read(".5"), (0.5, 0.05));
    }

    fn run(text: &str, locale: Locale) -> Option<Run> {
        super::read(text, 0, locale)
    }

    fn value(text: &str, locale: Locale) -> (f64, usize, Option<String>) {
        match run(text, locale) {
            Some(Run::Numeral(r)) => (r.numeral.value, r.end, r.note),
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn each_locale_groups_and_marks_decimals_its_own_way() {
        assert_eq!(value("1,234.5 tonnes", Locale::En).0, 1234.5);
        assert_eq!(value("1.234,5 Tonnen", Locale::De).0, 1234.5);
        assert_eq!(value("3,5 Prozent", Locale::De).0, 3.5);
        assert_eq!(value("1\u{202f}234\u{202f}567.89", Locale::En).0, 1_234_567.89);
        assert_eq!(value("12,34,567.89 rupees", Locale::En).0, 1_234_567.89);
    }

    #[test]
    fn spaces_group_thousands_only_in_groups_of_three() {
        let (v, end, note) = value("1 000 000 € fine", Locale::En);
        assert_eq!((v, end), (1e6, 9));
        assert!(note.is_some());
        assert_eq!(value("250 000 euros", Locale::De).0, 250_000.0);
        assert_eq!(value("020 7946 0000", Locale::En).0, 20.0);
        assert_eq!(value("423 0000", Locale::En).0, 423.0);
        assert_eq!(value("12 30", Locale::En).0, 12.0);
    }

    #[test]
    fn a_trailing_mark_ends_the_numeral() {
        assert_eq!(value("5,937, and", Locale::En).1, 5);
        assert_eq!(value("30. Then", Locale::En).1, 2);
    }

    #[test]
    fn ambiguous_grouping_is_read_with_a_note() {
        let (v, _, note) = value("1.234 km", Locale::En);
        assert_eq!(v, 1.234);
        assert!(note.unwrap().contains("1234"));
        let (v, _, note) = value("1,234 km", Locale::De);
        assert_eq!(v, 1.234);
        assert!(note.is_some());
        assert_eq!(value("1,234 km", Locale::En).2, None);
        assert_eq!(value("0.125", Locale::En).2, None);
    }

    #[test]
    fn the_other_locales_form_is_read_when_it_cannot_be_this_ones() {
        let (v, _, note) = value("1.111,11", Locale::En);
        assert_eq!(v, 1111.11);
        assert!(note.is_some());
    }

    #[test]
    fn lists_and_dotted_codes_are_not_one_numeral() {
        assert_eq!(run("22,24,26", Locale::En), Some(Run::List(vec![0..2, 3..5, 6..8])));
        let (v, _, note) = value("1,3 million", Locale::En);
        assert_eq!(v, 1.3);
        assert!(note.unwrap().contains("two numbers"));
        assert_eq!(run("2.1.3", Locale::En), None);
    }

    #[test]
    fn malformed_grouping_is_not_a_numeral() {
        assert!(parse("1,23").is_none());
        assert!(parse("12,3456").is_none());
        assert!(parse("1234,567").is_none());
        assert!(parse("1.2.3").is_none());
        assert!(parse("").is_none());
        assert!(parse(",").is_none());
    }
}
