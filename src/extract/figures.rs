//! Quantities in digits: plain numbers, money, percentages, percentage points,
//! multiples and ordinals, with scale words and qualifiers, and the exclusions that
//! keep names, versions, scores and times from being read as figures.

use std::collections::HashMap;
use std::ops::Range;

use regex::Regex;

use super::lexicon::{Lexicon, Qualifier, alternation};
use super::taken::Taken;
use super::{Mention, MentionKind, numeral};
use crate::interval::Interval;

/// Words before a number that make it a name or a reference, not a quantity.
const REFERENCE_WORDS: &[&str] = &[
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
const STREET_WORDS: &[&str] = &[
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
const NOT_NOUNS: &[&str] = &[
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
    "a",
    "last",
    "this",
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

/// A matched figure, taken apart: offsets are in the prose.
struct Parts<'t> {
    /// Where a currency symbol starts, and the symbol.
    sym: Option<(usize, &'t str)>,
    sign: Option<usize>,
    num: Range<usize>,
    /// A scale written against the digits ("52m").
    attached: Option<&'t str>,
    /// A scale word after a space ("30 billion").
    spaced: Option<&'t str>,
    suffix: Suffix<'t>,
}

/// What follows a figure's number and scale.
enum Suffix<'t> {
    None,
    Percent,
    Points {
        basis: bool,
    },
    /// A currency word or code ("dollars", "USD").
    Currency(&'t str),
}

/// Compiled patterns for figures written in digits.
#[derive(Debug)]
pub struct FigurePatterns {
    /// Multiples, ordinals and figures, in that precedence, in one pattern.
    figure: Regex,
    /// Currency symbols, longest first ("US$" before "$").
    symbol_list: Vec<String>,
    spaced_scales: Vec<String>,
    qualifiers: HashMap<String, Qualifier>,
    /// The most words any qualifier phrase has ("in the region of": 4).
    qualifier_words: usize,
    /// The last word of every qualifier phrase ("than" of "more than").
    qualifier_endings: Vec<String>,
    codes: Vec<String>,
    scales: HashMap<String, f64>,
    symbols: HashMap<String, String>,
    currency_words: HashMap<String, String>,
    approximate_tolerance: f64,
    near_tolerance: f64,
}

impl FigurePatterns {
    pub fn new(lexicon: &Lexicon) -> Result<FigurePatterns, regex::Error> {
        let qualifiers: HashMap<String, Qualifier> =
            lexicon.qualifiers.iter().flat_map(|q| q.words.iter().map(move |w| (normalise(w), q.means))).collect();
        let scales: HashMap<String, f64> = lexicon.scales.iter().map(|s| (s.word.to_lowercase(), s.factor)).collect();
        let symbols: HashMap<String, String> = lexicon
            .currencies
            .iter()
            .flat_map(|c| c.symbols.iter().map(move |s| (s.clone(), c.code.clone())))
            .collect();
        let mut currency_words: HashMap<String, String> = lexicon
            .currencies
            .iter()
            .flat_map(|c| c.words.iter().map(move |w| (normalise(w), c.code.clone())))
            .collect();
        for c in &lexicon.currencies {
            currency_words.insert(normalise(&c.code), c.code.clone());
        }
        let codes: Vec<String> = lexicon.currencies.iter().map(|c| c.code.clone()).collect();
        let words: Vec<String> = lexicon.currencies.iter().flat_map(|c| c.words.iter().cloned()).collect();
        let spaced_scales: Vec<String> =
            lexicon.scales.iter().filter(|s| !s.attached).map(|s| s.word.clone()).collect();
        let all_scales: Vec<String> = lexicon.scales.iter().map(|s| s.word.clone()).collect();
        let pattern = format!(
            r"(?x)
            (?:(?P<sym>{symbols})\s?)?
            (?P<sign>[-−–])?
            (?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)
            (?:(?P<att>(?i:{all_scales}))(?-u:\b)|[\s\u{{a0}}](?P<scale>(?i:{spaced_scales}))(?-u:\b))?
            (?:
                \s?(?P<pct>%|(?i:per\s?cent|percent)(?-u:\b))
              | \s(?P<pts>(?i:percentage[\s-]points?|basis\s+points|pp|bps)(?-u:\b))
              | \s(?P<word>(?i:{words}|{codes}))(?-u:\b)
            )?",
            symbols = alternation(lexicon.currencies.iter().flat_map(|c| c.symbols.iter())),
            codes = alternation(&codes),
            words = alternation(&words),
            all_scales = alternation(&all_scales),
            spaced_scales = alternation(&spaced_scales),
        );
        // Qualifiers and currency codes are looked up in the words behind a figure, not
        // scanned for: a pattern that may start with any of them makes every position
        // of the text a possible match start, which costs most of the time.
        let figure = Regex::new(&format!(
            r"(?i:[0-9]+(?:\.[0-9]+)?(?:\s+times|-fold))(?-u:\b)|[0-9]+(?:st|nd|rd|th)(?-u:\b)|(?:{pattern})"
        ))?;
        let mut symbol_list: Vec<String> = symbols.keys().cloned().collect();
        symbol_list.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        let qualifier_words = qualifiers.keys().map(|q| q.split(' ').count()).max().unwrap_or(0);
        let mut qualifier_endings: Vec<String> =
            qualifiers.keys().filter_map(|q| q.rsplit(' ').next()).map(str::to_string).collect();
        qualifier_endings.sort();
        qualifier_endings.dedup();
        Ok(FigurePatterns {
            figure,
            symbol_list,
            spaced_scales,
            qualifier_words,
            qualifier_endings,
            codes,
            qualifiers,
            scales,
            symbols,
            currency_words,
            approximate_tolerance: lexicon.approximate_tolerance.unwrap_or(0.05),
            near_tolerance: lexicon.near_tolerance.unwrap_or(0.05),
        })
    }

    /// Every figure in `prose` that does not overlap a `taken` range.
    pub fn find(&self, prose: &str, taken: &mut Taken) -> Vec<Mention> {
        let mut found = Vec::new();
        for m in self.figure.find_iter(prose) {
            let whole = m.range();
            if !taken.is_free(&whole) {
                continue;
            }
            let text = m.as_str();
            let lower_end = text.get(text.len().saturating_sub(5)..).unwrap_or("").to_ascii_lowercase();
            let counted = |kind, unit: Option<&str>| {
                let digits = text.bytes().take_while(|b| b.is_ascii_digit() || *b == b'.').count();
                let value: f64 = text[..digits].parse().ok()?;
                Some(Mention {
                    unit: unit.map(str::to_string),
                    ..Mention::valued(kind, whole.clone(), value, Interval::point(value))
                })
            };
            // The pattern's first two alternatives: "3 times", "10-fold"; "10th".
            let mention = if lower_end.ends_with("times") || lower_end.ends_with("-fold") {
                counted(MentionKind::Multiplier, Some("x")).filter(|_| !glued_before(prose, whole.start))
            } else if text.starts_with(|c: char| c.is_ascii_digit())
                && text.trim_start_matches(|c: char| c.is_ascii_digit()).len() == 2
                && ["st", "nd", "rd", "th"].contains(&&text[text.len() - 2..])
            {
                counted(MentionKind::Ordinal, None).filter(|_| !glued_before(prose, whole.start))
            } else {
                self.read(prose, whole)
            };
            // The mention may start before the match, at a qualifier or currency code.
            if let Some(m) = mention.filter(|m| taken.take(&m.range)) {
                found.push(m);
            }
        }
        found
    }

    /// Splits a matched figure into its parts. The pattern guarantees the shape
    /// (symbol, sign, digits, scale, then a percent, points or currency word), so
    /// reading it by hand costs far less than asking the regex for its groups.
    fn parts<'p>(&self, prose: &'p str, whole: &Range<usize>) -> Parts<'p> {
        let text = &prose[whole.clone()];
        let base = whole.start;
        let mut at = 0;
        let sym = self.symbol_list.iter().find(|s| text.starts_with(s.as_str())).map(|s| {
            at = s.len();
            (base, &text[..at])
        });
        if sym.is_some() {
            at += text[at..].chars().next().filter(|c| c.is_whitespace()).map_or(0, char::len_utf8);
        }
        let sign = text[at..].chars().next().filter(|c| "-−–".contains(*c)).map(|c| {
            at += c.len_utf8();
            base + at - c.len_utf8()
        });
        let num_start = at;
        at += text[at..].bytes().take_while(|b| b.is_ascii_digit() || *b == b',' || *b == b'.').count();
        let num = base + num_start..base + at;
        let letters = text[at..].bytes().take_while(u8::is_ascii_alphabetic).count();
        let mut attached = None;
        let mut spaced = None;
        if letters > 0 && self.scales.contains_key(&text[at..at + letters].to_ascii_lowercase()) {
            attached = Some(&text[at..at + letters]);
            at += letters;
        } else if let Some(space) = text[at..].chars().next().filter(|c| c.is_whitespace()) {
            let word_start = at + space.len_utf8();
            let len = text[word_start..].bytes().take_while(u8::is_ascii_alphabetic).count();
            let word = &text[word_start..word_start + len];
            if self.spaced_scales.iter().any(|s| s.eq_ignore_ascii_case(word)) {
                spaced = Some(word);
                at = word_start + len;
            }
        }
        let rest = text[at..].trim_start();
        let lower = rest.to_ascii_lowercase();
        let suffix = if rest.is_empty() {
            Suffix::None
        } else if lower.starts_with("percentage") || lower.starts_with("pp") {
            Suffix::Points { basis: false }
        } else if rest.starts_with('%') || lower.starts_with("per") {
            Suffix::Percent
        } else if lower.starts_with("basis") || lower.starts_with("bps") {
            Suffix::Points { basis: true }
        } else {
            Suffix::Currency(rest)
        };
        Parts { sym, sign, num, attached, spaced, suffix }
    }

    /// A currency code written just before `at` ("USD 5", "EUR5"): its start and text.
    fn code_before<'p>(&self, prose: &'p str, at: usize) -> Option<(usize, &'p str)> {
        let before = &prose[..at];
        let before = before.strip_suffix(' ').unwrap_or(before);
        let start = before.len() - before.bytes().rev().take_while(u8::is_ascii_uppercase).count();
        let word = &before[start..];
        let glued = before[..start].chars().next_back().is_some_and(char::is_alphanumeric);
        (!glued && self.codes.iter().any(|c| c == word)).then_some((start, word))
    }

    /// The longest qualifier phrase that ends just before `at` ("more than "): its
    /// start and meaning.
    fn qualifier_before(&self, prose: &str, at: usize) -> Option<(usize, Qualifier)> {
        let before = &prose[..at];
        if !before.ends_with(char::is_whitespace) {
            return None;
        }
        let words = before.trim_end();
        // Most figures follow words no qualifier ends with; only then build phrases.
        let last = words.rsplit(char::is_whitespace).next().unwrap_or("");
        if !self.qualifier_endings.iter().any(|w| w.eq_ignore_ascii_case(last)) {
            return None;
        }
        let mut start = words.len();
        let mut found = None;
        for _ in 0..self.qualifier_words {
            let head = words[..start].trim_end();
            if head.is_empty() {
                break;
            }
            start =
                head.rfind(char::is_whitespace).map_or(0, |i| i + head[i..].chars().next().map_or(1, char::len_utf8));
            if let Some(q) = self.qualifiers.get(&normalise(&words[start..])) {
                found = Some((start, *q));
            }
        }
        found
    }

    fn read(&self, prose: &str, whole: Range<usize>) -> Option<Mention> {
        let parts = self.parts(prose, &whole);
        let num = parts.num.clone();
        let figure_start = parts.sym.map_or(whole.start, |(at, _)| at);
        let code = if parts.sym.is_none() { self.code_before(prose, figure_start) } else { None };
        let written_start = code.map_or(figure_start, |(at, _)| at);
        let qual = self.qualifier_before(prose, written_start);
        let has_prefix = parts.sym.is_some() || code.is_some();
        let digits_start = parts.sign.unwrap_or(num.start);
        if !has_prefix && glued_before(prose, digits_start) {
            return None;
        }
        if glued_after(prose, whole.end) || glued_after(prose, num.end) && parts.attached.is_none() {
            return None;
        }
        let parsed = numeral::parse(&prose[num.clone()])?;
        let word_currency = match parts.suffix {
            Suffix::Currency(word) => self.currency_words.get(&normalise(word)),
            _ => None,
        };
        let currency = parts
            .sym
            .and_then(|(_, s)| self.symbols.get(s))
            .or_else(|| code.and_then(|(_, s)| self.currency_words.get(&normalise(s))))
            .or(word_currency)
            .cloned();
        // "52m" without a currency is more often metres than millions; leave it unscaled.
        if parts.attached.is_some() && currency.is_none() {
            return None;
        }
        let scale_word = parts.attached.or(parts.spaced);
        let scale = scale_word.and_then(|s| self.scales.get(&s.to_ascii_lowercase())).copied().unwrap_or(1.0);
        let sign = if parts.sign.is_some() { -1.0 } else { 1.0 };
        let value = sign * parsed.value * scale;
        let (kind, unit, half) = match parts.suffix {
            Suffix::Percent => (MentionKind::Percent, Some("%".to_string()), parsed.half_unit),
            Suffix::Points { basis } => {
                (MentionKind::Points, Some(if basis { "bp" } else { "pp" }.to_string()), parsed.half_unit)
            }
            _ if currency.is_some() => {
                let half = if scale_word.is_some() { parsed.half_unit } else { parsed.count_half_unit() };
                (MentionKind::Money, currency, half * scale)
            }
            _ => {
                if !has_prefix && self.looks_like_reference(prose, digits_start, whole.end, &parsed) {
                    return None;
                }
                let half = if scale_word.is_some() { parsed.half_unit * scale } else { parsed.count_half_unit() };
                (MentionKind::Number, counted_noun(&prose[whole.end..]), half)
            }
        };
        let qualifier = qual.map(|(_, q)| q);
        let interval = self.qualify(Interval::around(value, half), value, qualifier);
        // The mention's text starts at its qualifier, else at its currency, else at its digits.
        let start = match qual {
            Some((at, _)) => at,
            None if has_prefix => written_start,
            None => digits_start,
        };
        Some(Mention { unit, qualifier, ..Mention::valued(kind, start..whole.end, value, interval) })
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

    /// "Section 230", "page 14", "10 Harbour Street", "020 7946": names and addresses.
    fn looks_like_reference(&self, prose: &str, start: usize, end: usize, parsed: &numeral::Numeral) -> bool {
        let before = prose[..start].trim_end();
        let prev_word = before.rsplit(|c: char| c.is_whitespace() || c == '(').next().unwrap_or("");
        if prev_word == "#" || REFERENCE_WORDS.iter().any(|w| w.eq_ignore_ascii_case(prev_word)) {
            return true;
        }
        let digits = &prose[start..end];
        if digits.starts_with('0') && digits.len() > 1 && !digits.starts_with("0.") {
            return true;
        }
        let mut next_words = prose[end..].split_whitespace();
        let Some(first) = next_words.next() else { return false };
        if parsed.value.fract() == 0.0 && first.starts_with(char::is_uppercase) {
            let is_street = |w: &str| STREET_WORDS.contains(&w.trim_matches(|c: char| !c.is_alphanumeric()));
            if is_street(first) || next_words.take(2).any(is_street) {
                return true;
            }
        }
        // A phone number: several groups of digits separated by single spaces.
        first.len() >= 3 && first.bytes().all(|b| b.is_ascii_digit())
    }
}

/// A digit run that is part of a word or code: "F-16", "G7", "v3", "Covid-19", "3.24".
fn glued_before(prose: &str, start: usize) -> bool {
    let mut chars = prose[..start].chars().rev();
    match chars.next() {
        None => false,
        Some(c) if c.is_alphanumeric() || "_/#@.:".contains(c) => true,
        Some('-' | '–') => chars.next().is_some_and(|c| c.is_alphanumeric()),
        _ => false,
    }
}

/// A figure followed by more of a code or a time: "3-1", "2.1.3", "23:10", "4/6", "10am".
fn glued_after(prose: &str, end: usize) -> bool {
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
fn counted_noun(after: &str) -> Option<String> {
    let word: String = after.trim_start().chars().take_while(|c| c.is_alphabetic() || *c == '-').collect();
    if word.is_empty() || !after.starts_with(char::is_whitespace) {
        return None;
    }
    let lower = word.to_lowercase();
    if word.chars().next().is_some_and(char::is_uppercase) || NOT_NOUNS.contains(&lower.as_str()) {
        return None;
    }
    Some(lower)
}

fn normalise(words: &str) -> String {
    words.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
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
        assert_eq!(scaled.unit.as_deref(), Some("tonnes"));
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
