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

mod exclusions;
mod money;
mod ranges;

use foldhash::{HashMap, HashSet, HashSetExt};
use std::ops::Range;
use std::sync::Arc;

use regex::Regex;

use super::lexicon::{Lexicon, Qualifier};
use super::numeral::{self, Run};
use super::phrases::{PhraseTable, may_start};
use super::taken::Taken;
use super::{Context, Form, Mention, MentionKind};
use crate::interval::Interval;
use exclusions::{counted_noun, glued_after, glued_before, looks_like_reference};

/// Words before digits that make the figure negative.
const SIGN_WORDS: [&str; 2] = ["minus", "negative"];

/// Words that introduce what an amount is per ("$5 per share", "40 barrels a day").
const PER_WORDS: [&str; 5] = ["per", "a", "an", "each", "every"];

/// Words after "a year" and the like that make it a time, not a rate: "a year earlier".
const NOT_RATES: [&str; 8] = ["earlier", "ago", "before", "after", "later", "on", "from", "since"];

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
    /// Multiples, ordinals, then the start of any other run of digits.
    find: Regex,
    money: money::Money,
    spaced_scales: PhraseTable<f64>,
    /// Every scale word, lower case, for scales written against the digits.
    attached_scales: HashMap<String, (f64, bool)>,
    units: PhraseTable<String>,
    attached_units: HashMap<String, (String, Arc<str>)>,
    attached_labels: HashMap<String, Arc<str>>,
    percent: PhraseTable<Option<&'static str>>,
    qualifiers_before: PhraseTable<Qualifier>,
    qualifiers_after: PhraseTable<Qualifier>,
    per_units: PhraseTable<()>,
    /// The first words of every phrase that may follow a figure, for a cheap test.
    after_words: HashSet<String>,
    approximate_tolerance: f64,
    near_tolerance: f64,
}

/// A figure as read, with what range merging needs to rescale it.
#[derive(Debug, Clone)]
struct Figure {
    mention: Mention,
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
        let find =
            Regex::new(r"(?i:[0-9]+(?:\.[0-9]+)?(?:\s+times|-fold))(?-u:\b)|[0-9]+(?:st|nd|rd|th)(?-u:\b)|[0-9]+|%")?;
        let spaced_scales = PhraseTable::after(
            "scales",
            lexicon.scales.iter().filter(|s| !s.attached).map(|s| (s.word.clone(), s.factor)),
        );
        let attached_scales =
            lexicon.scales.iter().map(|s| (s.word.to_ascii_lowercase(), (s.factor, s.money_only))).collect();
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
        let attached_labels = lexicon
            .scales
            .iter()
            .map(|s| (s.word.to_ascii_lowercase(), format!("scales: {}", s.word).into()))
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
        let mut after_words: HashSet<String> = HashSet::new();
        after_words.extend(spaced_scales.edge_words().map(str::to_string));
        after_words.extend(units.edge_words().map(str::to_string));
        after_words.extend(percent.edge_words().map(str::to_string));
        after_words.extend(qualifiers_after.edge_words().map(str::to_string));
        after_words.extend(money.first_words());
        Ok(FigurePatterns {
            find,
            money,
            after_words,
            spaced_scales,
            attached_scales,
            units,
            attached_units,
            attached_labels,
            percent,
            qualifiers_before: PhraseTable::before("qualifiers", qualifier_words(false)),
            qualifiers_after,
            per_units: PhraseTable::after("per_units", lexicon.per_units.iter().map(|w| (w.clone(), ()))),
            approximate_tolerance: lexicon.approximate_tolerance.unwrap_or(0.05),
            near_tolerance: lexicon.near_tolerance.unwrap_or(0.05),
        })
    }

    /// Every figure in `prose` that does not overlap a `taken` range.
    pub fn find(&self, prose: &str, context: &Context, taken: &mut Taken) -> Vec<Mention> {
        let mut found: Vec<Figure> = Vec::new();
        let mut pos = 0;
        while let Some(m) = self.find.find_at(prose, pos) {
            pos = m.end();
            if !taken.is_free(&m.range()) {
                // Skip the rest of a date or time already read, not one digit run at a time.
                pos = pos.max(taken.end_of(m.start()).unwrap_or(pos));
                continue;
            }
            let text = m.as_str();
            let last = text.as_bytes()[text.len() - 1];
            let figure = if text == "%" {
                self.bare_percent(prose, m.start())
            } else if text.len() > 2 && last.is_ascii_alphabetic() {
                self.multiple_or_ordinal(prose, m.range())
            } else {
                // ".25": the decimal mark before the digits starts the figure; a full
                // stop after a word does not.
                let decimal_start = prose[..m.start()]
                    .strip_suffix('.')
                    .filter(|head| !head.ends_with(|c: char| c.is_alphanumeric()))
                    .map_or(m.start(), |head| head.len());
                match self.read(prose, decimal_start, context, false) {
                    Ok(figure) => Some(figure),
                    Err(Unread::List(items)) => {
                        pos = pos.max(items.last().map_or(pos, |r| r.end));
                        for item in items {
                            if let Some(f) = self.list_item(prose, item) {
                                if taken.take(&f.mention.range) {
                                    found.push(f);
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
                    found.push(figure);
                }
            }
        }
        ranges::merge(prose, found, self).into_iter().map(|f| f.mention).collect()
    }

    /// "3 times", "10-fold"; "10th".
    fn multiple_or_ordinal(&self, prose: &str, range: Range<usize>) -> Option<Figure> {
        let text = &prose[range.clone()];
        let digits = text.bytes().take_while(|b| b.is_ascii_digit() || *b == b'.').count();
        let value: f64 = text[..digits].parse().ok()?;
        if glued_before(prose, range.start) {
            return None;
        }
        let lower = text.to_ascii_lowercase();
        let (kind, unit) = if lower.ends_with("times") || lower.ends_with("-fold") {
            (MentionKind::Multiplier, Some("x".to_string()))
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

    /// "percent of 10" with nothing before it: a percentage written back to front,
    /// read only when the figure ends the clause, so that "the percent of 10-year-olds"
    /// or "per cent of 20 households" never are.
    fn percent_of(prose: &str, figure: &mut Figure) {
        let m = &figure.mention;
        let head = prose[..m.range.start].trim_end();
        let Some(head) = head.strip_suffix(" of").or_else(|| head.strip_suffix(" OF")) else { return };
        let head = head.trim_end();
        let lower_end = |w: &str| {
            head.len() >= w.len() && head.get(head.len() - w.len()..).is_some_and(|t| t.eq_ignore_ascii_case(w))
        };
        let Some(word) = ["per cent", "percent", "percents"].into_iter().find(|w| lower_end(w)) else { return };
        let before = head[..head.len() - word.len()].trim_end();
        let closes = prose[m.range.end..].trim_start().chars().next().is_none_or(|c| ".,;:!?)".contains(c));
        if before.ends_with(|c: char| c.is_alphanumeric()) || figure.dressed || m.qualifier.is_some() || !closes {
            return;
        }
        let start = head.len() - word.len();
        let interval = Interval::around(m.value.unwrap_or(0.0), figure.half);
        figure.mention.kind = MentionKind::Percent;
        figure.mention.unit = Some("%".into());
        figure.mention.range.start = start;
        figure.mention.interval = interval;
        figure.dressed = true;
    }

    /// One number of a comma-separated list, as a bare count.
    fn list_item(&self, prose: &str, item: Range<usize>) -> Option<Figure> {
        let numeral = numeral::parse(&prose[item.clone()])?;
        if glued_before(prose, item.start) {
            return None;
        }
        let interval = Interval::around(numeral.value, numeral.half_unit);
        let mention = Mention::valued(MentionKind::Number, item.clone(), numeral.value, interval);
        Some(Figure { raw: numeral.value, half: numeral.half_unit, ..Figure::plain(mention) })
    }

    /// Reads the figure whose digits start at `digits` (or at a decimal mark just
    /// before them). `right_of_range` is set when reading the second figure of
    /// "10-12", whose dash would otherwise make it look glued to a code.
    fn read(&self, prose: &str, digits: usize, context: &Context, right_of_range: bool) -> Result<Figure, Unread> {
        let run_end = |from: usize| {
            from + prose[from..].bytes().take_while(|b| b.is_ascii_digit() || matches!(b, b'.' | b',')).count()
        };
        let Some(run) = numeral::read(prose, digits, context.locale) else { return Err(Unread::Skip(run_end(digits))) };
        let read = match run {
            Run::List(items) => return Err(Unread::List(items)),
            Run::Numeral(read) => read,
        };
        let mut lexicon = Vec::new();
        let mut numeral = read.numeral;
        let mut end = read.end;
        // Scientific notation: "1.3e6", "-12e-1".
        if let Some((exponent, after)) = exponent(prose, end) {
            numeral.value *= 10f64.powi(exponent);
            numeral.half_unit *= 10f64.powi(exponent);
            numeral.trailing_zeros = 0;
            end = after;
        }
        let skip = Err(Unread::Skip(end));

        // Before the digits: a sign, a currency symbol or code, a sign word.
        let mut start = digits;
        let mut sign = 1.0;
        let prefix;
        if right_of_range {
            // Only a symbol: the dash before it is the range's, not a sign.
            prefix = self.money.symbol_before(prose, start).filter(|p| p.edge < start);
        } else {
            if let Some(c) = prose[..start].chars().next_back().filter(|c| "-−–".contains(*c)) {
                let before = prose[..start - c.len_utf8()].chars().next_back();
                if before.is_none_or(|b| !b.is_alphanumeric() && !"-–.,/".contains(b)) {
                    sign = -1.0;
                    start -= c.len_utf8();
                }
            }
            prefix = self.money.symbol_before(prose, start).or_else(|| self.money.code_before(prose, start));
            if prefix.is_none() && sign > 0.0 {
                if let Some(word_start) = sign_word_before(prose, start) {
                    sign = -1.0;
                    start = word_start;
                }
            }
        }
        if let Some(p) = &prefix {
            start = p.edge;
            lexicon.push(p.entry.clone());
        }
        if prefix.is_none() && !right_of_range && glued_before(prose, start) {
            return skip;
        }

        // Against the digits: a scale, a unit, a code, a minor unit or a symbol.
        let mut currency = prefix.as_ref().map(|p| p.code.clone());
        let mut scale = prefix.as_ref().map_or(1.0, |p| p.scale);
        let mut scaled = scale != 1.0;
        let mut unit = None;
        let mut minor = None;
        let mut pos = end;
        let glued_letters = prose[pos..].bytes().take_while(u8::is_ascii_alphabetic).count();
        if glued_letters > 0 {
            let word = &prose[pos..pos + glued_letters];
            let ends = !prose[pos + glued_letters..].starts_with(|c: char| c.is_alphanumeric());
            let scale_word = self
                .attached_scales
                .get(&word.to_ascii_lowercase())
                .filter(|(_, money_only)| !money_only || currency.is_some());
            if let (Some((factor, _)), true) = (scale_word, ends) {
                scale *= factor;
                scaled = true;
                lexicon.push(
                    self.attached_labels
                        .get(&word.to_ascii_lowercase())
                        .cloned()
                        .unwrap_or_else(|| format!("scales: {word}").into()),
                );
                pos += glued_letters;
            } else if let (Some((u, label)), true) = (self.attached_units.get(word), ends) {
                unit = Some(u.clone());
                lexicon.push(label.clone());
                pos += glued_letters;
            } else if let Some(code) = self.money.after(prose, pos).filter(|_| currency.is_none()) {
                currency = Some(code.code);
                scale *= code.scale;
                scaled |= code.scale != 1.0;
                lexicon.push(code.entry);
                pos = code.edge;
            } else if let (Some(m), true) = (self.money.minor_word(word, pos + glued_letters), ends) {
                lexicon.push(m.entry.clone());
                pos = m.end;
                minor = Some(m);
            } else {
                return skip;
            }
        } else if let Some(code) = self
            .money
            .after(prose, pos)
            .filter(|c| currency.is_none() && c.edge > pos && !prose[pos..].starts_with(' '))
        {
            // A symbol against the digits: "100元", "5€".
            currency = Some(code.code);
            lexicon.push(code.entry);
            pos = code.edge;
        }
        if glued_after(prose, pos) && !is_range_dash(prose, pos) {
            return skip;
        }

        // After a space: a scale word, then a percent sign, points, a currency, a
        // minor unit or a unit of measure.
        if !scaled && unit.is_none() && minor.is_none() && may_start(&self.after_words, prose, pos) {
            if let Some(s) =
                self.spaced_scales.find(prose, pos).filter(|_| prose[pos..].starts_with(char::is_whitespace))
            {
                scale *= s.value;
                scaled = true;
                lexicon.push(s.label.clone());
                pos = s.edge;
            }
        }
        let mut kind = MentionKind::Number;
        let space_then = |pos: usize| {
            let mut chars = prose[pos..].chars();
            chars.next().is_some_and(|c| c == ' ' || c == '\u{a0}') && !chars.as_str().starts_with(char::is_whitespace)
        };
        if unit.is_none() && minor.is_none() && may_start(&self.after_words, prose, pos) {
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
            if let Some((edge, points, entry)) = percent {
                kind = if points.is_some() { MentionKind::Points } else { MentionKind::Percent };
                unit = Some(points.unwrap_or("%").to_string());
                if let Some(label) = entry {
                    lexicon.push(label.clone());
                }
                pos = edge;
            } else if let Some(code) = self.money.after(prose, pos).filter(|_| space_then(pos)) {
                if currency.is_none() || currency.as_deref() == Some(code.code.as_str()) {
                    currency = Some(code.code);
                    scale *= code.scale;
                    scaled |= code.scale != 1.0;
                    lexicon.push(code.entry);
                    pos = code.edge;
                    // "75 USD million"
                    if !scaled {
                        if let Some(s) = self.spaced_scales.find(prose, pos).filter(|_| space_then(pos)) {
                            scale *= s.value;
                            scaled = true;
                            lexicon.push(s.label.clone());
                            pos = s.edge;
                        }
                    }
                }
            } else if let Some(m) = self.money.minor_after(prose, pos).filter(|_| currency.is_none() && !scaled) {
                lexicon.push(m.entry.clone());
                pos = m.end;
                minor = Some(m);
            } else if let Some(u) =
                self.units.find(prose, pos).filter(|u| space_then(pos) && !glued_word(prose, u.edge))
            {
                unit = Some(u.value.clone());
                lexicon.push(u.label.clone());
                pos = u.edge;
            }
        }
        let mut value = sign * numeral.value * scale;
        let mut half = if scaled { numeral.half_unit * scale } else { numeral.count_half_unit() };
        if let Some(m) = &minor {
            kind = MentionKind::Money;
            unit = Some(format!("{}/{}", m.of, m.per));
        } else if let Some(code) = &currency {
            if kind == MentionKind::Number {
                kind = MentionKind::Money;
                unit = Some(code.clone());
                // "3 dollars 50 cents", "15 dollars and 15."
                if let Some((cents, after)) = self.cents_after(prose, pos, code, numeral.value, scaled) {
                    value += sign * cents;
                    half = 0.005;
                    pos = after;
                }
            }
        }
        if kind == MentionKind::Percent || kind == MentionKind::Points {
            half = numeral.half_unit * scale;
        }
        let dressed = kind != MentionKind::Number || unit.is_some();
        if kind == MentionKind::Number && prefix.is_none() {
            if !right_of_range && looks_like_reference(prose, digits, end, numeral.value.fract() == 0.0) {
                return skip;
            }
            if unit.is_none() {
                unit = counted_noun(&prose[pos..]);
            }
        }

        // Bounds and rates: "500 or more", "$5 per share", "40 barrels a day".
        let mut qualifier = None;
        if !right_of_range {
            if let Some(q) = self.qualifiers_before.find(prose, start) {
                qualifier = Some(*q.value);
                lexicon.push(q.label.clone());
                start = q.edge;
            }
        }
        let noun_end =
            if kind == MentionKind::Number && unit.is_some() && !dressed { word_end(prose, pos) } else { pos };
        // A bound after the figure says more than "about" before it: "about 500 or more".
        if qualifier.is_none_or(|q| q == Qualifier::Approximate) && may_start(&self.after_words, prose, pos) {
            if let Some(q) = self.qualifiers_after.find(prose, pos).filter(|_| space_then(pos)) {
                qualifier = Some(*q.value);
                lexicon.push(q.label.clone());
                pos = q.edge;
            }
        }
        let per = self.per_after(prose, noun_end);
        if let Some((_, label)) = &per {
            lexicon.push((*label).clone());
        }
        let interval = self.qualify(Interval::around(value, half), value, qualifier);
        let mention = Mention {
            unit,
            qualifier,
            per: per.as_ref().map(|(w, _)| w.to_ascii_lowercase()),
            lexicon,
            note: read.note,
            ..Mention::valued(kind, start..pos, value, interval)
        };
        let mut figure = Figure { mention, raw: numeral.value, half, sign, scale, scaled, dressed };
        if kind == MentionKind::Number && prefix.is_none() && sign > 0.0 {
            FigurePatterns::percent_of(prose, &mut figure);
        }
        match ranges::dash_range(prose, figure, self, context) {
            Some(figure) => Ok(figure),
            None => Err(Unread::Skip(pos)),
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
        let len = prose[digits_at..].bytes().take_while(u8::is_ascii_digit).count();
        if skip == 0 || !(1..=2).contains(&len) {
            return None;
        }
        let cents: f64 = prose[digits_at..digits_at + len].parse().ok()?;
        let after = digits_at + len;
        if let Some(minor) = self.money.minor_after(prose, after) {
            return Some((cents / per, minor.end));
        }
        let next = prose[after..].chars().next();
        let closes = next.is_none_or(|c| ".,;!?)".contains(c)) || prose[after..].starts_with(" and ");
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
        Figure { mention, raw, half: 0.0, sign: 1.0, scale: 1.0, scaled: false, dressed: true }
    }
}

/// "e6", "E-1" against the digits, then no more letters: the exponent and its end.
fn exponent(prose: &str, at: usize) -> Option<(i32, usize)> {
    let rest = prose[at..].strip_prefix(['e', 'E'])?;
    let signed = rest.strip_prefix(['-', '+']).map_or(0, |_| 1);
    let digits = rest[signed..].bytes().take_while(u8::is_ascii_digit).count();
    let end = at + 1 + signed + digits;
    if digits == 0 || digits > 3 || prose[end..].starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    Some((rest[..signed + digits].parse().ok()?, end))
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
        && chars.next().is_some_and(|c| c.is_ascii_digit() || "$€£¥".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Extractor, Lexicon};

    fn figures(text: &str) -> Vec<Mention> {
        Extractor::new(&Lexicon::builtin())
            .unwrap()
            .extract(text, &crate::extract::Context::default())
            .into_iter()
            .filter(|m| !m.kind.is_temporal())
            .collect()
    }

    fn one(text: &str) -> Mention {
        let found = figures(text);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        found.into_iter().next().unwrap()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-6 * a.abs().max(1.0)
    }

    #[test]
    fn money_with_symbols_codes_and_words() {
        let m = one("reaching $30 billion");
        assert_eq!((m.kind, m.value, m.unit.as_deref()), (MentionKind::Money, Some(30e9), Some("USD")));
        assert!(close(m.interval.lo, 29.5e9) && close(m.interval.hi, 30.5e9));
        assert_eq!(one("£2.34bn").unit.as_deref(), Some("GBP"));
        assert!(close(one("£2.34bn").value.unwrap(), 2.34e9));
        assert!(close(one("€48m").value.unwrap(), 48e6));
        assert_eq!(one("USD 5 million").unit.as_deref(), Some("USD"));
        assert_eq!(one("30 billion dollars").unit.as_deref(), Some("USD"));
        assert_eq!(one("4,000 krona per car").unit.as_deref(), Some("SEK"));
        let yen = one("¥3 trillion");
        assert_eq!((yen.unit.as_deref(), yen.value), (Some("JPY"), Some(3e12)));
    }

    #[test]
    fn percentages_and_points() {
        let p = one("rose 12% to");
        assert_eq!((p.kind, p.value), (MentionKind::Percent, Some(12.0)));
        assert_eq!((p.interval.lo, p.interval.hi), (11.5, 12.5));
        assert_eq!(one("40 per cent").kind, MentionKind::Percent);
        assert_eq!(one("6.6 percent").interval, Interval::around(6.6, 0.05));
        assert_eq!(one("up 2 percentage points").unit.as_deref(), Some("pp"));
        assert_eq!(one("cut by 25 basis points").unit.as_deref(), Some("bp"));
        assert_eq!(one("-3%").value, Some(-3.0));
    }

    #[test]
    fn counts_keep_their_noun_and_precision() {
        let m = one("a toll of 5,937 soldiers");
        assert_eq!((m.kind, m.value, m.unit.as_deref()), (MentionKind::Number, Some(5937.0), Some("soldiers")));
        assert_eq!(m.interval, Interval::around(5937.0, 0.5));
        let round = one("to 120,000 units");
        assert_eq!(round.interval, Interval::around(120_000.0, 5000.0));
        let scaled = one("2.8 million tonnes");
        assert_eq!(scaled.unit.as_deref(), Some("t"));
        let entries: Vec<&str> = scaled.lexicon.iter().map(|e| &**e).collect();
        assert_eq!(entries, ["scales: million", "units: tonnes"]);
        assert!(close(scaled.interval.hi, 2.85e6));
    }

    #[test]
    fn qualifiers_bound_or_widen() {
        let more = one("more than 150,000 casualties");
        assert_eq!(more.qualifier, Some(Qualifier::Above));
        assert!(more.interval.hi.is_infinite() && more.low() == Some(145_000.0) && more.high().is_none());
        let about = one("about 1,600 households");
        assert!(about.interval.lo <= 1520.0 && about.interval.hi >= 1680.0);
        let nearly = one("nearly $5 billion");
        assert!(close(nearly.interval.hi, 5e9) && nearly.interval.lo < 4.8e9);
        assert_eq!(one("up to 600,000 tonnes").interval.lo, 0.0);
    }

    #[test]
    fn multiples_and_ordinals() {
        assert_eq!(one("three or 2.5 times as many").kind, MentionKind::Multiplier);
        assert_eq!(one("a 10-fold rise").value, Some(10.0));
        assert_eq!(one("its 10th anniversary").kind, MentionKind::Ordinal);
    }

    #[test]
    fn names_codes_versions_and_times_are_not_figures() {
        for text in [
            "an F-16 jet",
            "after Covid-19 struck",
            "the G7 summit",
            "version 2.1 shipped",
            "v3.24.0 fixes it",
            "they won 3-1 at home",
            "at 23:10 each night",
            "No. 1 seed",
            "Section 230 of the act",
            "page 14 of the report",
            "at 10 Harbour Street",
            "call 020 7946 0000",
            "a Boeing 737 landed",
            "mail a@b12.com now",
        ] {
            assert!(figures(text).is_empty(), "{text}: {:?}", figures(text));
        }
    }

    #[test]
    fn metres_written_against_digits_are_not_millions() {
        assert!(figures("the 100m final").is_empty());
        assert!(close(one("a £450m deal").value.unwrap(), 450e6));
    }
}

#[cfg(test)]
mod breadth_tests {
    use super::*;
    use crate::extract::{Extractor, Lexicon, Locale};

    fn read(text: &str, locale: Locale) -> Vec<Mention> {
        let context = Context { publication: None, locale };
        Extractor::new(&Lexicon::builtin())
            .unwrap()
            .extract(text, &context)
            .into_iter()
            .filter(|m| !m.kind.is_temporal())
            .collect()
    }

    fn one(text: &str) -> Mention {
        let found = read(text, Locale::En);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        found.into_iter().next().unwrap()
    }

    fn shown<'t>(text: &'t str, m: &Mention) -> &'t str {
        &text[m.range.clone()]
    }

    #[test]
    fn currencies_after_the_amount_and_scaled_codes() {
        for (text, code, value) in [
            ("banknotes of 50 € each", "EUR", 50.0),
            ("a fee of 100元 was", "CNY", 100.0),
            ("mined 6.25 BTC a block", "BTC", 6.25),
            ("billed 115USD in total", "USD", 115.0),
            ("losses of 30 MUSD were", "USD", 30e6),
            ("revenue of MAUD 60 last", "AUD", 60e6),
            ("a loss of 75 USD million", "USD", 75e6),
            ("paid 250 million Dutch guilders", "NLG", 250e6),
            ("costs C $16.4 million", "CAD", 16.4e6),
            ("sold at 197 pence", "GBP/100", 197.0),
            ("down 34 cents", "USD/100", 34.0),
            ("raised Rs 35 crore", "INR", 35.0),
        ] {
            let m = read(text, Locale::En)
                .into_iter()
                .find(|m| m.kind == MentionKind::Money)
                .unwrap_or_else(|| panic!("{text}"));
            assert_eq!(m.unit.as_deref(), Some(code), "{text}");
            assert!((m.value.unwrap() - value).abs() < 1e-6 * value, "{text}: {:?}", m.value);
        }
    }

    #[test]
    fn cents_complete_a_whole_amount() {
        let m = one("it cost 3 dollars 50 cents.");
        assert_eq!((m.value, m.unit.as_deref()), (Some(3.5), Some("USD")));
        assert_eq!(one("it costs 15 dollars and 15.").value, Some(15.15));
        assert_eq!(read("it costs $15 and 20 people came", Locale::En)[0].value, Some(15.0));
    }

    #[test]
    fn amounts_keep_what_they_are_per() {
        let text = "a dividend of $1.40 a share and 40 barrels per day, up from $1.20 a year earlier";
        let found = read(text, Locale::En);
        let per: Vec<Option<&str>> = found.iter().map(|m| m.per.as_deref()).collect();
        assert_eq!(per, [Some("share"), Some("day"), None]);
        assert_eq!(one("a 6.2p-a-share payout").per.as_deref(), Some("share"));
    }

    #[test]
    fn units_of_measure_are_kept_and_named() {
        for (text, unit) in
            [("a 10 MB limit", "MB"), ("ran 300km north", "km"), ("2.5 tonnes of it", "t"), ("84mm of rain", "mm")]
        {
            let m = one(text);
            assert_eq!((m.kind, m.unit.as_deref()), (MentionKind::Number, Some(unit)), "{text}");
            assert!(m.lexicon.iter().any(|e| e.starts_with("units: ")), "{text}: {:?}", m.lexicon);
        }
    }

    #[test]
    fn ranges_have_bounds_but_no_value() {
        for (text, kind, lo, hi) in [
            ("between 10 and 12 people", MentionKind::Number, 9.5, 12.5),
            ("a rise of 10-12% is", MentionKind::Percent, 9.5, 12.5),
            ("worth $3m–$4m each", MentionKind::Money, 2.5e6, 4.5e6),
            ("3 to 5 million people", MentionKind::Number, 2.5e6, 5.5e6),
            ("from 1000-5000 units", MentionKind::Number, 500.0, 5500.0),
        ] {
            let m = one(text);
            assert_eq!((m.kind, m.form, m.value), (kind, Form::Range, None), "{text}");
            assert!(
                (m.low().unwrap() - lo).abs() < 1e-6 * hi && (m.high().unwrap() - hi).abs() < 1e-6 * hi,
                "{text}: {m:?}"
            );
        }
    }

    #[test]
    fn descending_pairs_and_changes_are_not_ranges() {
        assert!(read("they won 3-1 at home", Locale::En).is_empty());
        assert!(read("a 5-4 vote", Locale::En).is_empty());
        let change = read("rose from 10 to 12 percent", Locale::En);
        assert_eq!(change.len(), 2, "{change:?}");
        assert!(change.iter().all(|m| m.form == Form::Plain));
    }

    #[test]
    fn signs_bounds_after_and_scientific_notation() {
        assert_eq!(one("just need minus 5 percent").value, Some(-5.0));
        assert_eq!(one("at −3%").value, Some(-3.0));
        let more = one("about 500 or more in stock");
        assert_eq!(more.qualifier, Some(Qualifier::AtLeast));
        assert_eq!(shown("about 500 or more in stock", &more), "about 500 or more");
        assert_eq!(one("roughly 1.3e6 cells").value, Some(1.3e6));
        assert_eq!(one("a 10k run").value, Some(10_000.0));
    }

    #[test]
    fn locales_group_digits_their_own_way() {
        let de = read("Der Umsatz stieg auf 1.234,5 Mio.", Locale::De);
        assert_eq!(de[0].value, Some(1234.5));
        let en = one("weighs 1.234 kg");
        assert_eq!(en.value, Some(1.234));
        assert!(en.note.as_deref().unwrap_or("").contains("1234"), "{en:?}");
        let list = read("exercises 22,24,26", Locale::En);
        assert_eq!(list.iter().map(|m| m.value.unwrap()).collect::<Vec<_>>(), [22.0, 24.0, 26.0]);
    }

    #[test]
    fn a_percent_sign_alone_is_vague_and_percent_of_is_read_only_at_a_clause_end() {
        let bare = one("shows the % of increase");
        assert_eq!((bare.kind, bare.form, bare.value), (MentionKind::Percent, Form::Vague, None));
        assert_eq!(one("percent of 10").value, Some(10.0));
        assert_eq!(one("the percent of 10 households").kind, MentionKind::Number);
    }
}
