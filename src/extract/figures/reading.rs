//! Reading one figure outward from its number: the number itself (digits, a
//! fraction, a phrase such as "3 hundred and 21", or words), then what is written
//! against the digits (a sign, a currency, a scale, a unit). What follows after a
//! space, and the bounds and rates around it, are [`dressing`](super::dressing)'s.

use std::sync::Arc;

use super::exclusions::{glued_after, glued_before};
use super::money::{CurrencyAt, Minor};
use super::{Figure, FigurePatterns, Unread, exponent, exponent_digits, is_range_dash, scale_counts, sign_word_before};
use crate::extract::numeral::{self, Run};
use crate::extract::words::{self, WordNumber};
use crate::extract::{Context, Form};

/// Words after digits that may make them a number phrase the words reader knows
/// better ("3 hundred and 21", "2 and a half", "1 in 5", "3 dozen", "5 crore").
const PHRASE_WORDS: [&str; 14] = [
    "hundred", "thousand", "dozen", "dozens", "dz", "dzs", "lakh", "lakhs", "crore", "crores", "and", "in", "out",
    "point",
];

/// Percentage or basis points written against the digits ("4pp", "25bps").
fn glued_points(word: &str) -> Option<&'static str> {
    let is = |forms: &[&str]| forms.iter().any(|f| f.eq_ignore_ascii_case(word));
    if is(&["pp", "ppt", "ppts"]) {
        Some("pp")
    } else if is(&["bp", "bps"]) {
        Some("bp")
    } else {
        None
    }
}

/// Words before "3/4" that make it a date, not a share.
const DATE_WORDS: [&str; 8] = ["on", "by", "until", "till", "since", "before", "after", "dated"];

/// A figure part-way read.
pub(super) struct Reading {
    /// Where the mention starts so far (its currency, sign or qualifier).
    pub start: usize,
    /// The earliest it may start: where the figure before it ends, so that a
    /// currency or qualifier that figure read ("20 € 30 €", "500 or more than 600")
    /// is not read again as this one's, whose mention would then overlap it and be lost.
    pub floor: usize,
    /// Where the number itself starts and ends.
    pub number: std::ops::Range<usize>,
    /// How far reading has got.
    pub pos: usize,
    /// The number as written, before sign and scale; `None` for a vague amount.
    pub value: Option<f64>,
    /// Half a unit of its last written place, and the same for a count read as rounded.
    pub half_unit: f64,
    pub count_half_unit: f64,
    pub sign: f64,
    pub scale: f64,
    pub scaled: bool,
    pub currency: Option<String>,
    /// Whether a currency came before the number ("$", "USD").
    pub prefixed: bool,
    pub unit: Option<String>,
    pub minor: Option<Minor>,
    pub form: Form,
    /// Written in words: never a reference or a code.
    pub in_words: bool,
    pub lexicon: Vec<Arc<str>>,
    pub note: Option<String>,
    /// Points written against the digits ("4pp"), kept as points once dressed.
    pub points: bool,
}

impl FigurePatterns {
    /// Reads the figure whose digits start at `digits` (or at a decimal mark just
    /// before them), and which starts no earlier than `floor` (see [`Reading::floor`]).
    /// `right_of_range` is set when reading the second figure of "10-12", whose dash
    /// would otherwise make it look glued to a code.
    pub(super) fn read(
        &self,
        prose: &str,
        digits: usize,
        floor: usize,
        context: &Context,
        right_of_range: bool,
    ) -> Result<Figure, Unread> {
        let run_end = |from: usize| {
            from + prose[from..].bytes().take_while(|b| b.is_ascii_digit() || matches!(b, b'.' | b',')).count()
        };
        // "3/4", "2 1/4", "½": a fraction in digits, read whole.
        let fraction = self.fraction_at(prose, digits);
        let run = match &fraction {
            Some(f) => numeral::read(&prose[..f.end], digits, context.locale).or(Some(Run::Numeral(numeral::Read {
                numeral: numeral::Numeral { value: 0.0, half_unit: 0.5, trailing_zeros: 0 },
                end: f.end,
                note: None,
            }))),
            None => numeral::read(prose, digits, context.locale),
        };
        let Some(run) = run else { return Err(Unread::Skip(run_end(digits))) };
        let read = match run {
            Run::List(items) => return Err(Unread::List(items)),
            Run::Numeral(read) => read,
        };
        let mut numeral = read.numeral;
        let mut end = read.end;
        // Scientific notation: "1.3e6", "-12e-1"; powers: "1.1^23".
        if let Some((exponent, after)) = exponent(prose, end) {
            numeral.value *= 10f64.powi(exponent);
            numeral.half_unit *= 10f64.powi(exponent);
            numeral.trailing_zeros = 0;
            end = after;
        } else if let Some((power, after)) =
            prose[end..].strip_prefix('^').and_then(|_| exponent_digits(prose, end + 1))
        {
            let sign = if prose[..digits].ends_with(['-', '−']) { -1.0 } else { 1.0 };
            let base = sign * numeral.value;
            let value = base.powi(power);
            // The power's sensitivity to the base's last digit: |n·x^(n-1)|·half.
            numeral.half_unit = (f64::from(power) * base.powi(power - 1) * numeral.half_unit).abs();
            numeral.value = sign * value;
            numeral.trailing_zeros = 0;
            end = after;
        }
        // "3 hundred and 21", "1 in 5": the words reader reads the whole phrase.
        let phrase = fraction.or_else(|| self.phrase_after_digits(prose, digits, end));
        if let Some(w) = &phrase {
            numeral.value = w.value.unwrap_or(numeral.value);
            numeral.half_unit = self.share_half(w);
            numeral.trailing_zeros = 0;
            end = w.end;
        }
        let skip = Err(Unread::Skip(end));
        // "007", "000 €": digits after a leading zero are a code or the tail of a
        // number grouped another way, never an amount.
        if prose[digits..].starts_with('0') && prose[digits + 1..].starts_with(|c: char| c.is_ascii_digit()) {
            return skip;
        }
        let mut r = Reading {
            start: digits,
            floor,
            number: digits..end,
            pos: end,
            value: Some(numeral.value),
            half_unit: numeral.half_unit,
            count_half_unit: if phrase.is_some() { numeral.half_unit } else { numeral.count_half_unit() },
            sign: 1.0,
            scale: 1.0,
            scaled: false,
            currency: None,
            prefixed: false,
            unit: None,
            minor: None,
            form: Form::Plain,
            in_words: false,
            lexicon: Vec::new(),
            note: read.note,
            points: false,
        };
        if let Some(w) = phrase {
            r.lexicon.extend(w.lexicon.into_iter().map(Arc::from));
            r.unit = w.fraction.then(|| "share".to_string());
        }

        // Before the digits: a sign, a currency symbol or code, a sign word.
        let prefix = if right_of_range {
            // Only a symbol: the dash before it is the range's, not a sign.
            self.money.symbol_before(prose, r.start).filter(|p| p.edge < r.start && p.edge >= floor)
        } else {
            if let Some(c) = prose[..r.start].chars().next_back().filter(|c| matches!(c, '-' | '−' | '–')) {
                let before = prose[..r.start - c.len_utf8()].chars().next_back();
                let free = r.start - c.len_utf8() >= floor;
                if free && before.is_none_or(|b| !b.is_alphanumeric() && !matches!(b, '-' | '–' | '.' | ',' | '/')) {
                    r.sign = -1.0;
                    r.start -= c.len_utf8();
                }
            }
            let prefix = self.currency_before(prose, r.start, floor);
            if prefix.is_none() && r.sign > 0.0 {
                if let Some(word_start) = sign_word_before(prose, r.start).filter(|&w| w >= floor) {
                    r.sign = -1.0;
                    r.start = word_start;
                }
            }
            prefix
        };
        if let Some(p) = prefix {
            r.start = p.edge;
            r.lexicon.push(p.entry);
            r.currency = Some(p.code);
            r.scale = p.scale;
            r.scaled = p.scale != 1.0;
            r.prefixed = true;
        } else if !right_of_range && glued_before(prose, r.start) {
            return skip;
        }

        // Against the digits: a scale, a unit, a code, a minor unit or a symbol.
        let pos = r.pos;
        // Letters against the digits, and "°C"-style units, whose mark is not a letter.
        let degree = prose[pos..]
            .strip_prefix('°')
            .filter(|rest| rest.starts_with(|c: char| c.is_ascii_alphabetic()))
            .map_or(0, |_| '°'.len_utf8());
        let glued_letters = degree + prose[pos + degree..].bytes().take_while(u8::is_ascii_alphabetic).count();
        if glued_letters > 0 {
            let word = &prose[pos..pos + glued_letters];
            let ends = !prose[pos + glued_letters..].starts_with(|c: char| c.is_alphanumeric());
            let scale_word =
                self.attached_scales.get(word).filter(|(s, _, _)| scale_counts(s, word, r.currency.is_some()));
            if let (Some((scale, _, label)), true) = (scale_word, ends) {
                r.scale *= scale.factor;
                r.scaled = true;
                r.lexicon.push(label.clone());
                r.pos += glued_letters;
            } else if let (Some((u, label)), true) = (self.attached_units.get(word), ends) {
                r.unit = Some(u.clone());
                r.lexicon.push(label.clone());
                r.pos += glued_letters;
            } else if let Some(code) = self.money.after(prose, pos).filter(|_| r.currency.is_none()) {
                r.scale *= code.scale;
                r.scaled |= code.scale != 1.0;
                r.lexicon.push(code.entry);
                r.currency = Some(code.code);
                r.pos = code.edge;
            } else if let (Some(points), true) = (glued_points(word), ends) {
                // "4pp", "25bp": points against the digits.
                r.unit = Some(points.to_string());
                r.points = true;
                r.pos += glued_letters;
            } else if let (Some(m), true) = (self.money.minor_word(word, pos + glued_letters), ends) {
                r.lexicon.push(m.entry.clone());
                r.pos = m.end;
                r.minor = Some(m);
            } else {
                return skip;
            }
        } else if let Some(code) = self
            .money
            .after(prose, pos)
            .filter(|c| r.currency.is_none() && c.edge > pos && !prose[pos..].starts_with(' '))
        {
            // A symbol against the digits: "100元", "5€".
            r.lexicon.push(code.entry);
            r.currency = Some(code.code);
            r.pos = code.edge;
        }
        if glued_after(prose, r.pos) && !is_range_dash(prose, r.pos) {
            return skip;
        }
        self.dress(prose, r, context, right_of_range)
    }

    /// A currency symbol or code written before `at`, unless the figure before
    /// took it as its own (it reaches back before `floor`).
    fn currency_before(&self, prose: &str, at: usize, floor: usize) -> Option<CurrencyAt> {
        let before = self.money.symbol_before(prose, at).or_else(|| self.money.code_before(prose, at));
        before.filter(|p| p.edge >= floor)
    }

    /// The number phrase the words reader reads at `digits`, when the word after
    /// the digits may continue one and the phrase reaches further than they do.
    fn phrase_after_digits(&self, prose: &str, digits: usize, end: usize) -> Option<WordNumber> {
        let next = prose[end..].strip_prefix(' ')?;
        let len = next.bytes().take_while(u8::is_ascii_alphabetic).count();
        let word = &next[..len];
        // "1 over 3." divides; "500 over two years" does not, so "over" counts only
        // when the phrase closes the clause.
        let over = word.eq_ignore_ascii_case("over");
        if !over && !PHRASE_WORDS.iter().any(|w| w.eq_ignore_ascii_case(word)) {
            return None;
        }
        let closes = |at: usize| {
            prose[at..].trim_start().chars().next().is_none_or(|c| matches!(c, '.' | ',' | ';' | '!' | '?' | ')'))
        };
        self.words.read(prose, digits).filter(|w| w.value.is_some() && w.end > end && (!over || closes(w.end)))
    }

    /// How far a number phrase's value may be from what it states: a share or ratio
    /// ("two-thirds", "one in five", "3/4") is as loose as the lexicon's
    /// `fraction_tolerance` says, since writers round shares to the nearest simple
    /// fraction; other phrases as their last stated place.
    fn share_half(&self, w: &WordNumber) -> f64 {
        match w.value {
            Some(v) if w.fraction => v.abs() * self.fraction_tolerance,
            _ => w.half_unit,
        }
    }

    /// A fraction in digits at `at` ("3/4", "2 1/4", "½", "2½"), unless the word
    /// before makes it a date ("on 3/4").
    fn fraction_at(&self, prose: &str, at: usize) -> Option<WordNumber> {
        let rest = &prose[at..];
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let next = rest[digits..].chars().next()?;
        // "2 1/4": a whole part, one or two spaces, then digits and a slash.
        let mixed = || {
            let after = rest[digits..].trim_start_matches(' ');
            let more = after.bytes().take_while(u8::is_ascii_digit).count();
            more > 0 && after[more..].starts_with(['/', '⁄'])
        };
        let looks = matches!(next, '/' | '⁄') || !next.is_ascii() || next == ' ' && digits > 0 && mixed();
        if !looks {
            return None;
        }
        let head = prose[..at].trim_end();
        let word_start =
            head.char_indices().rev().find(|(_, c)| !c.is_alphabetic()).map_or(0, |(i, c)| i + c.len_utf8());
        let word = &head[word_start..];
        if DATE_WORDS.iter().any(|w| w.eq_ignore_ascii_case(word)) {
            return None;
        }
        words::digit_fraction(prose, at)
    }

    /// Reads a number written in words ("twelve", "two-thirds", "dozens") and what
    /// follows it.
    pub(super) fn read_words(
        &self,
        prose: &str,
        start: usize,
        floor: usize,
        context: &Context,
    ) -> Result<Figure, Unread> {
        if let Some(multiple) = self.fold_in_words(prose, start) {
            return Ok(multiple);
        }
        // A refused phrase is refused whole: "four hundred point sixty-two" gives no "sixty-two".
        let Some(w) = self.words.read(prose, start) else { return Err(Unread::Skip(self.words.run_end(prose, start))) };
        let half = self.share_half(&w);
        let mut r = Reading {
            start,
            floor,
            number: start..w.end,
            pos: w.end,
            value: w.value,
            half_unit: half,
            count_half_unit: half,
            sign: 1.0,
            scale: 1.0,
            scaled: false,
            currency: None,
            prefixed: false,
            unit: w.fraction.then(|| "share".to_string()),
            minor: None,
            form: w.form,
            in_words: true,
            lexicon: w.lexicon.into_iter().map(Arc::from).collect(),
            note: None,
            points: false,
        };
        if let Some(p) = self.currency_before(prose, start, floor) {
            r.start = p.edge;
            r.lexicon.insert(0, p.entry);
            r.currency = Some(p.code);
            r.scale = p.scale;
            r.scaled = p.scale != 1.0;
            r.prefixed = true;
        }
        if glued_after(prose, r.pos) {
            return Err(Unread::Skip(r.pos));
        }
        self.dress(prose, r, context, false)
    }
}
