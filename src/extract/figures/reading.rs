//! Reading one figure outward from its number: first what is written against the
//! digits (a sign, a currency, a scale, a unit), then what follows after a space
//! (a scale word, a percent sign, points, a currency, a unit, a counted noun), then
//! the bounds and rates around it ("more than", "or more", "a share").

use std::sync::Arc;

use super::exclusions::{counted_noun, glued_after, glued_before, looks_like_reference};
use super::money::Minor;
use super::{
    Figure, FigurePatterns, Shape, Unread, exponent, exponent_digits, glued_word, is_range_dash, ranges,
    sign_word_before, word_end,
};
use crate::extract::lexicon::Qualifier;
use crate::extract::numeral::{self, Run};
use crate::extract::phrases::may_start;
use crate::extract::words::{self, WordNumber};
use crate::extract::{Context, Form, Mention, MentionKind};
use crate::interval::Interval;

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

/// Words after "three times" that make it a multiple ("three times as many",
/// "times more", "times the size"), not how often something happened ("raised
/// rates seven times").
const COMPARING: [&str; 14] = [
    "as", "more", "less", "higher", "lower", "larger", "bigger", "greater", "smaller", "faster", "the", "that", "what",
    "over",
];

/// Whether the words after "times" compare (see [`COMPARING`]).
pub(super) fn compares(after: &str) -> bool {
    let word = after.trim_start().split(|c: char| !c.is_ascii_alphabetic()).next().unwrap_or("");
    COMPARING.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// Words before "3/4" that make it a date, not a share.
const DATE_WORDS: [&str; 8] = ["on", "by", "until", "till", "since", "before", "after", "dated"];

/// Words that introduce what an amount is per ("$5 per share", "40 barrels a day").
const PER_WORDS: [&str; 5] = ["per", "a", "an", "each", "every"];

/// Words after "a year" and the like that make it a time, not a rate: "a year earlier".
const NOT_RATES: [&str; 8] = ["earlier", "ago", "before", "after", "later", "on", "from", "since"];

/// A figure part-way read.
pub(super) struct Reading {
    /// Where the mention starts so far (its currency, sign or qualifier).
    pub start: usize,
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
    /// before them). `right_of_range` is set when reading the second figure of
    /// "10-12", whose dash would otherwise make it look glued to a code.
    pub(super) fn read(
        &self,
        prose: &str,
        digits: usize,
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
            self.money.symbol_before(prose, r.start).filter(|p| p.edge < r.start)
        } else {
            if let Some(c) = prose[..r.start].chars().next_back().filter(|c| matches!(c, '-' | '−' | '–')) {
                let before = prose[..r.start - c.len_utf8()].chars().next_back();
                if before.is_none_or(|b| !b.is_alphanumeric() && !matches!(b, '-' | '–' | '.' | ',' | '/')) {
                    r.sign = -1.0;
                    r.start -= c.len_utf8();
                }
            }
            let prefix = self.money.symbol_before(prose, r.start).or_else(|| self.money.code_before(prose, r.start));
            if prefix.is_none() && r.sign > 0.0 {
                if let Some(word_start) = sign_word_before(prose, r.start) {
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
                self.attached_scales.get(word).filter(|((_, money_only), _, _)| !money_only || r.currency.is_some());
            if let (Some(((factor, _), _, label)), true) = (scale_word, ends) {
                r.scale *= factor;
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
    pub(super) fn read_words(&self, prose: &str, start: usize, context: &Context) -> Result<Figure, Unread> {
        // A refused phrase is refused whole: "four hundred point sixty-two" gives no "sixty-two".
        let Some(w) = self.words.read(prose, start) else { return Err(Unread::Skip(self.words.run_end(prose, start))) };
        let half = self.share_half(&w);
        let mut r = Reading {
            start,
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
        if let Some(p) = self.money.symbol_before(prose, start).or_else(|| self.money.code_before(prose, start)) {
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

    /// Reads what follows a number and what bounds it, and makes the figure.
    pub(super) fn dress(
        &self,
        prose: &str,
        mut r: Reading,
        context: &Context,
        right_of_range: bool,
    ) -> Result<Figure, Unread> {
        // Whether a phrase may start after `pos`, asked up to three times; usually
        // nothing is read in between and the answer is remembered.
        let mut asked: Option<(usize, bool)> = None;
        let mut may_start_at = |pos: usize| match asked {
            Some((at, answer)) if at == pos => answer,
            _ => {
                let answer = may_start(&self.after_words, prose, pos);
                asked = Some((pos, answer));
                answer
            }
        };
        // After a space: a scale word, then a percent sign, points, a currency, a
        // minor unit or a unit of measure.
        if !r.scaled && r.unit.is_none() && r.minor.is_none() && may_start_at(r.pos) {
            if let Some(s) =
                self.spaced_scales.find(prose, r.pos).filter(|_| prose[r.pos..].starts_with(char::is_whitespace))
            {
                r.scale *= s.value;
                r.scaled = true;
                r.lexicon.push(s.label.clone());
                r.pos = s.edge;
            }
        }
        let mut kind = if r.points { MentionKind::Points } else { MentionKind::Number };
        // "½%", "2½ per cent": a fraction of a percent, not a share.
        let percent_sign = prose[r.pos..].trim_start_matches(' ').starts_with('%');
        if r.unit.as_deref() == Some("share") && percent_sign {
            r.unit = None;
        }
        // "three times as many": a multiple written in words.
        if r.in_words && r.form == Form::Plain && r.unit.is_none() {
            let rest = &prose[r.pos..];
            if rest.len() >= 6
                && rest.is_char_boundary(6)
                && rest[..6].eq_ignore_ascii_case(" times")
                && !glued_word(prose, r.pos + 6)
                && compares(&prose[r.pos + 6..])
            {
                kind = MentionKind::Multiplier;
                r.unit = Some("x".into());
                r.pos += 6;
            }
        }
        let space_then = |pos: usize| {
            let mut chars = prose[pos..].chars();
            chars.next().is_some_and(|c| c == ' ' || c == '\u{a0}') && !chars.as_str().starts_with(char::is_whitespace)
        };
        if kind == MentionKind::Number && r.unit.is_none() && r.minor.is_none() && may_start_at(r.pos) {
            let pos = r.pos;
            let percent =
                if prose[pos..].starts_with('%') || space_then(pos) && prose[pos..].trim_start().starts_with('%') {
                    Some((pos + prose[pos..].find('%').unwrap_or(0) + 1, None, None))
                } else if space_then(pos) {
                    self.percent
                        .find(prose, pos)
                        .filter(|p| !glued_word(prose, p.edge))
                        .map(|p| (p.edge, *p.value, Some(p.label)))
                } else {
                    None
                };
            if let Some((edge, points, label)) = percent {
                kind = if points.is_some() { MentionKind::Points } else { MentionKind::Percent };
                r.unit = Some(points.unwrap_or("%").to_string());
                r.lexicon.extend(label.cloned());
                r.pos = edge;
            } else if let Some(code) =
                self.money.after(prose, pos).filter(|c| space_then(pos) && (r.scaled || !c.ambiguous))
            {
                if r.currency.is_none() || r.currency.as_deref() == Some(code.code.as_str()) {
                    r.scale *= code.scale;
                    r.scaled |= code.scale != 1.0;
                    r.lexicon.push(code.entry);
                    r.currency = Some(code.code);
                    r.pos = code.edge;
                    // "75 USD million"
                    if !r.scaled {
                        if let Some(s) = self.spaced_scales.find(prose, r.pos).filter(|_| space_then(r.pos)) {
                            r.scale *= s.value;
                            r.scaled = true;
                            r.lexicon.push(s.label.clone());
                            r.pos = s.edge;
                        }
                    }
                }
            } else if let Some(m) = self.money.minor_after(prose, pos).filter(|_| r.currency.is_none() && !r.scaled) {
                r.lexicon.push(m.entry.clone());
                r.pos = m.end;
                r.minor = Some(m);
            } else if let Some(u) =
                self.units.find(prose, pos).filter(|u| space_then(pos) && !glued_word(prose, u.edge))
            {
                r.unit = Some(u.value.clone());
                r.lexicon.push(u.label.clone());
                r.pos = u.edge;
            }
        }
        let written = r.value.unwrap_or(0.0);
        let mut value = r.sign * written * r.scale;
        let mut half = if r.scaled { r.half_unit * r.scale } else { r.count_half_unit };
        if let Some(m) = &r.minor {
            kind = MentionKind::Money;
            r.unit = Some(format!("{}/{}", m.of, m.per));
        } else if let Some(code) = &r.currency {
            if kind == MentionKind::Number {
                kind = MentionKind::Money;
                r.unit = Some(code.clone());
                // "3 dollars 50 cents", "15 dollars and 15."
                if let Some((cents, after)) = self.cents_after(prose, r.pos, code, written, r.scaled) {
                    value += r.sign * cents;
                    half = 0.005;
                    r.pos = after;
                }
            }
        }
        if kind == MentionKind::Percent || kind == MentionKind::Points {
            half = r.half_unit * r.scale;
        }
        if kind == MentionKind::Multiplier {
            half = 0.0;
        }
        let dressed = kind != MentionKind::Number || r.unit.is_some();
        if kind == MentionKind::Number && !r.prefixed {
            let whole = written.fract() == 0.0;
            if !r.in_words && !right_of_range && looks_like_reference(prose, r.number.start, r.number.end, whole) {
                return Err(Unread::Skip(r.pos));
            }
            if r.unit.is_none() {
                let rest = &prose[r.pos..];
                // "dozens of people", "a handful of fans": a vague amount counts the noun after "of".
                let of = rest.strip_prefix(" of").filter(|_| r.form == Form::Vague);
                r.unit = counted_noun(of.unwrap_or(rest));
            }
        }

        // Bounds and rates: "500 or more", "$5 per share", "40 barrels a day".
        let mut qualifier = None;
        if !right_of_range {
            if let Some(q) = self.qualifiers_before.find(prose, r.start) {
                qualifier = Some(*q.value);
                r.lexicon.push(q.label.clone());
                r.start = q.edge;
            }
        }
        let noun_end =
            if kind == MentionKind::Number && r.unit.is_some() && !dressed { word_end(prose, r.pos) } else { r.pos };
        // A bound after the figure says more than "about" before it: "about 500 or more".
        if qualifier.is_none_or(|q| q == Qualifier::Approximate) && may_start_at(r.pos) {
            if let Some(q) = self.qualifiers_after.find(prose, r.pos).filter(|_| space_then(r.pos)) {
                qualifier = Some(*q.value);
                r.lexicon.push(q.label.clone());
                r.pos = q.edge;
            }
        }
        // "½ a mile" is half of a mile, not half per mile.
        let share = r.unit.as_deref() == Some("share");
        let per = if share { None } else { self.per_after(prose, noun_end) };
        if let Some((_, label)) = &per {
            r.lexicon.push((*label).clone());
        }
        let interval = self.qualify(Interval::around(value, half), value, qualifier);
        let mut mention = Mention {
            unit: r.unit,
            qualifier,
            per: per.as_ref().map(|(w, _)| w.to_ascii_lowercase()),
            lexicon: r.lexicon,
            note: r.note,
            form: r.form,
            ..Mention::valued(kind, r.start..r.pos, value, interval)
        };
        if r.value.is_none() {
            mention.value = None;
        }
        let mut figure = Figure {
            mention,
            shape: Shape { raw: written, half, sign: r.sign, scale: r.scale, scaled: r.scaled, dressed },
        };
        if kind == MentionKind::Number && !r.prefixed && r.sign > 0.0 {
            percent_of(prose, &mut figure);
        }
        let end = figure.mention.range.end;
        // The second figure of a range ends it: a chain "1—2—3…" is not followed
        // figure by figure, which would recurse once per link.
        if right_of_range || ranges::dash_range(prose, &mut figure, self, context) {
            Ok(figure)
        } else {
            Err(Unread::Skip(end))
        }
    }

    /// The cents that complete a whole amount: "3 dollars 50 cents", "$15 and 15.".
    fn cents_after(&self, prose: &str, at: usize, code: &str, whole: f64, scaled: bool) -> Option<(f64, usize)> {
        let per = self.money.minor_per(code)?;
        if scaled || whole.fract() != 0.0 {
            return None;
        }
        let rest = &prose[at..];
        let mut skip = rest.len() - rest.trim_start().len();
        if rest[skip..].starts_with("and ") {
            skip += 4;
        }
        let digits_at = at + skip;
        if skip == 0 {
            return None;
        }
        let len = prose[digits_at..].bytes().take_while(u8::is_ascii_digit).count();
        let (cents, after) = if len > 0 {
            (prose[digits_at..digits_at + len].parse::<f64>().ok()?, digits_at + len)
        } else {
            // "thirteen dollars and forty-five cents"
            let w = self.words.read(prose, digits_at).filter(|w| w.form == Form::Plain && !w.fraction)?;
            (w.value?, w.end)
        };
        if !(1.0..100.0).contains(&cents) || cents.fract() != 0.0 || len > 2 {
            return None;
        }
        if let Some(minor) = self.money.minor_after(prose, after) {
            return Some((cents / per, minor.end));
        }
        let next = prose[after..].chars().next();
        // "15 dollars and 15." ends the sentence; "$10 and 15, respectively" lists two amounts.
        let closes = next.is_none_or(|c| matches!(c, '.' | '!' | '?')) || prose[after..].starts_with(" and ");
        closes.then_some((cents / per, after))
    }

    /// What an amount is stated per: "per share", "a year", "-a-share".
    fn per_after(&self, prose: &str, at: usize) -> Option<(&str, &Arc<str>)> {
        let rest = &prose[at..];
        let rest_trimmed = rest.trim_start_matches([' ', '-']);
        let word_len = rest_trimmed.bytes().take_while(u8::is_ascii_alphabetic).count();
        let word = &rest_trimmed[..word_len];
        if rest_trimmed.len() == rest.len() || !PER_WORDS.iter().any(|w| w.eq_ignore_ascii_case(word)) {
            return None;
        }
        let after_word = prose.len() - rest_trimmed.len() + word_len;
        let unit_at = after_word + prose[after_word..].len() - prose[after_word..].trim_start_matches([' ', '-']).len();
        let found = self.per_units.find(prose, unit_at)?;
        if glued_word(prose, found.edge) {
            return None;
        }
        let next = prose[found.edge..].trim_start().split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
        if !word.eq_ignore_ascii_case("per") && NOT_RATES.iter().any(|w| w.eq_ignore_ascii_case(next)) {
            return None;
        }
        Some((found.entry, found.label))
    }
}

/// "percent of 10" with nothing before it: a percentage written back to front,
/// read only when the figure ends the clause, so that "the percent of 10-year-olds"
/// or "per cent of 20 households" never are.
fn percent_of(prose: &str, figure: &mut Figure) {
    let m = &figure.mention;
    let head = prose[..m.range.start].trim_end();
    let Some(head) = head.strip_suffix(" of").or_else(|| head.strip_suffix(" OF")) else { return };
    let head = head.trim_end();
    let lower_end =
        |w: &str| head.len() >= w.len() && head.get(head.len() - w.len()..).is_some_and(|t| t.eq_ignore_ascii_case(w));
    let Some(word) = ["per cent", "percent", "percents"].into_iter().find(|w| lower_end(w)) else { return };
    let before = head[..head.len() - word.len()].trim_end();
    let closes = prose[m.range.end..]
        .trim_start()
        .chars()
        .next()
        .is_none_or(|c| matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | ')'));
    if before.ends_with(|c: char| c.is_alphanumeric()) || figure.shape.dressed || m.qualifier.is_some() || !closes {
        return;
    }
    let start = head.len() - word.len();
    let interval = Interval::around(m.value.unwrap_or(0.0), figure.shape.half);
    figure.mention.kind = MentionKind::Percent;
    figure.mention.unit = Some("%".into());
    figure.mention.range.start = start;
    figure.mention.interval = interval;
    figure.shape.dressed = true;
}
