//! Numbers written in words, or in digits and words mixed: "three hundred and
//! twenty", "4 thousand 3 hundred", "1.5 million", "two-thirds", "one and a half
//! million", "one in five", "minus five", and amounts without a value ("dozens",
//! "several hundred", "the majority").
//!
//! The figure finder matches [`NumberWords::first_words`] and asks
//! [`NumberWords::read`] for the phrase at each match; [`digit_fraction`] reads
//! "3/4", "2 1/4" and "2½" where the finder asks for it.
//!
//! Precision comes before recall: a word that is only sometimes a number is left
//! unread when its neighbours say it is something else. "one" as a pronoun ("no
//! one", "the one", "one of the"), "a third term", "the second half", "Formula One",
//! "nineteen eighty-four", "two-nil", "half past ten" and "five seconds" all give
//! nothing. Ordinals ("the third") are read elsewhere, never here.

use super::figures::{STREET_WORDS, glued_before};
use super::lexicon::{Lexicon, alternation};
use super::{Form, numeral};

/// Compiled once from the lexicon; cheap to share across threads.
#[derive(Debug)]
pub struct NumberWords {
    /// The first-words pattern, compiled once here and shared with the figure
    /// finder: compiling it is a fair part of starting up.
    first_words: regex::Regex,
    /// Spaced scale words of `scales` and `number_scales`, as written in the lexicon.
    scales: Vec<Scale>,
    vague: Vec<Vague>,
}

#[derive(Debug)]
struct Scale {
    word: String,
    factor: f64,
    list: &'static str,
}

#[derive(Debug)]
struct Vague {
    /// The entry as written ("tens of thousands").
    entry: String,
    words: Vec<String>,
    /// Whether it is a share ("the majority") rather than a count.
    share: bool,
    list: &'static str,
}

/// A number phrase read from prose.
#[derive(Debug, Clone, PartialEq)]
pub struct WordNumber {
    /// Byte offset in `text` just past the phrase (trailing spaces/"and" not included).
    pub end: usize,
    /// None for vague amounts.
    pub value: Option<f64>,
    /// Half a unit of the last stated place, as in numeral.rs: "twelve" 0.5, "two
    /// hundred thousand" 50,000 (read like "200,000"), "1.5 million" 50,000, "one and
    /// a half million" 250,000, "three fifths" 0.1. Zero for vague amounts.
    pub half_unit: f64,
    /// Plain, or Vague for "dozens", "several"…
    pub form: Form,
    /// Whether the phrase is a fraction or ratio ("two-thirds", "one in five", "3 out
    /// of 10"): the value is then the share (0.666…, 0.2, 0.3).
    pub fraction: bool,
    /// The lexicon entries that read it, as "list: entry" ("scales: million").
    pub lexicon: Vec<String>,
}

/// What a word is to the reader.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Class {
    /// zero to nineteen.
    Unit(u8),
    /// twenty to ninety.
    Tens(u8),
    Hundred,
    Hundreds,
    /// An ordinal that may name a share: "third" 3, "fifths" 5 (plural).
    Ord {
        n: f64,
        plural: bool,
    },
    Half,
    Quarter {
        plural: bool,
    },
    /// A scale word of the lexicon, by index, possibly with a plural "s".
    Scale {
        index: usize,
        plural: bool,
    },
    A,
    And,
    Sign,
    /// The decimal point of "one point five".
    Point,
    Other,
}

/// One word or digit run of a phrase.
#[derive(Debug, Clone, Copy)]
struct Tok {
    start: usize,
    end: usize,
    digits: bool,
    /// Joined to the token before by a hyphen rather than white space.
    hyphen: bool,
}

impl Tok {
    fn text(self, text: &str) -> &str {
        &text[self.start..self.end]
    }
}

/// A number read, before signs, guards and lexicon entries.
#[derive(Debug, Clone, Copy)]
struct Phrase {
    end: usize,
    value: f64,
    half: f64,
    fraction: bool,
    /// A whole number stated without decimals or fractions, fit to be one side of a ratio.
    whole: bool,
    /// Word tokens read: a phrase of digits alone is not this module's.
    words: u32,
}

/// Where the last token left a cardinal being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Prev {
    Start,
    A,
    Unit,
    Tens,
    TensUnit,
    /// Digits; `alone` when they are the whole of their group ("322" of "322 hundred").
    Digits {
        alone: bool,
    },
    Hundred,
    Small,
    Big,
    Fraction,
}

/// The state of a cardinal being read: `total` holds the groups already scaled
/// ("two million"), `current` the group being read ("three hundred and five").
#[derive(Debug, Clone, Copy)]
struct Acc {
    end: usize,
    total: f64,
    current: f64,
    /// The units and tens just read, which a following "dozen" multiplies.
    run: f64,
    /// The smallest big scale applied so far: later groups must be smaller.
    last_big: f64,
    /// What the last big scale added, for "thousand million" to multiply again.
    last_group: f64,
    hundred: bool,
    /// Half a unit of the digits of groups already scaled.
    digit_half: f64,
    /// Half a unit of the digits in the current group, times the scales after them.
    group_digit_half: f64,
    /// Half a unit of a decimal or fraction, which is then the last stated place.
    exact_half: Option<f64>,
    /// After a decimal or a fraction only scale words may follow.
    sealed: bool,
    words: u32,
}

impl Acc {
    fn new() -> Acc {
        Acc {
            end: 0,
            total: 0.0,
            current: 0.0,
            run: 0.0,
            last_big: f64::INFINITY,
            last_group: 0.0,
            hundred: false,
            digit_half: f64::INFINITY,
            group_digit_half: f64::INFINITY,
            exact_half: None,
            sealed: false,
            words: 0,
        }
    }

    fn scale_halves(&mut self, factor: f64) {
        self.group_digit_half *= factor;
        if let Some(h) = self.exact_half.as_mut() {
            *h *= factor;
        }
    }

    fn finish(&self) -> Phrase {
        let value = self.total + self.current;
        let half = self.exact_half.unwrap_or_else(|| count_half(value).min(self.digit_half).min(self.group_digit_half));
        Phrase { end: self.end, value, half, fraction: false, whole: self.exact_half.is_none(), words: self.words }
    }
}

/// Half a unit of a whole number's last non-zero place when it is 1000 or more
/// ("two hundred thousand" is as rounded as "200,000"), else half a unit: the rule
/// numeral.rs applies to digits.
fn count_half(value: f64) -> f64 {
    let v = value.abs();
    if v < 1000.0 || v.fract() != 0.0 || v > 1e18 {
        return 0.5;
    }
    let mut n = v as u64;
    let mut zeros = 0;
    while n % 10 == 0 && n > 0 {
        n /= 10;
        zeros += 1;
    }
    0.5 * 10f64.powi(zeros)
}

/// `value` snapped to a whole number of its stated units, so that "4.1 billion" is
/// 4,100,000,000 and not the product's 4,099,999,999.9999995.
fn tidy(value: f64, half: f64) -> f64 {
    let unit = 2.0 * half;
    let near = |x: f64| (x - x.round()).abs() < 1e-6;
    if !(unit > 0.0 && unit.is_finite()) {
        return value;
    }
    if unit >= 1.0 {
        let k = value / unit;
        if near(k) {
            return k.round() * unit;
        }
    } else {
        let per = 1.0 / unit;
        let k = value * per;
        if near(per) && near(k) {
            return k.round() / per.round();
        }
    }
    value
}

const CARDINAL_WORDS: &[&str] = &[
    "zero",
    "naught",
    "nought",
    "nil",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
];

/// Ordinals that name a share after "a", "an" or "one" ("a third", "an eighth").
/// "first" and "second" are not among them: "one second" is a time.
const SHARE_ORDINALS: &[&str] = &[
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
    "thirtieth",
    "fortieth",
    "fiftieth",
    "sixtieth",
    "seventieth",
    "eightieth",
    "ninetieth",
    "hundredth",
    "thousandth",
    "millionth",
    "billionth",
    "trillionth",
];

/// Words that may follow "a third", "one fifth" or a bare "half" when they name a
/// share ("a third of", "half the", "a fifth more", "a quarter said"). Any other
/// word, most often a noun, makes it an ordinal or an adjective ("a third term",
/// "a fifth straight year", "half price"), which is not read.
const SHARE_NEXT: &[&str] = &[
    "of", "the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "these", "those", "this", "that", "all",
    "as", "again", "more", "less", "fewer", "higher", "lower", "larger", "smaller", "bigger", "greater", "above",
    "below", "over", "under", "since", "in", "on", "at", "to", "from", "by", "for", "and", "or", "but", "than", "was",
    "were", "is", "are", "be", "been", "have", "has", "had", "said", "say", "says", "will", "would", "could", "should",
    "may", "might", "can", "did", "do", "does", "while", "when", "which", "who", "compared", "against", "after",
    "before", "during", "with", "among", "between", "now", "then", "so", "still", "also", "already", "never", "just",
    "went", "fell", "rose", "grew", "got", "came", "saw", "took", "made", "paid", "spent", "lost", "won", "left",
    "felt", "thought", "knew", "gave", "became", "bought", "sold", "chose", "ran", "held", "kept", "told", "found",
    "think", "believe", "expect", "want", "support", "oppose", "plan", "live", "work", "use", "own", "rent", "agree",
    "disagree", "favour", "favor", "prefer", "feel", "fear", "worry", "remain",
];

/// Words before "half" that make it a part or a period, not a share ("the second
/// half", "the other half", "the northern half").
const HALF_BEFORE: &[&str] = &[
    "first", "second", "third", "fourth", "last", "latter", "former", "other", "opening", "closing", "final", "back",
    "front", "top", "bottom", "upper", "lower", "better", "bigger", "larger", "smaller", "greater", "lesser",
    "northern", "southern", "eastern", "western",
];

/// Words before a lone "one" that make it a pronoun ("no one", "the one", "which one").
const ONE_DETERMINERS: &[&str] = &[
    "the",
    "no",
    "this",
    "which",
    "what",
    "whichever",
    "any",
    "every",
    "each",
    "another",
    "such",
    "a",
    "an",
    "his",
    "her",
    "its",
    "their",
    "our",
    "my",
    "your",
];

/// Words after a lone "one" that make it a pronoun ("one of the", "one another",
/// "one who", "one can").
const ONE_NEXT: &[&str] = &[
    "of", "another", "who", "whom", "whose", "which", "that", "can", "could", "must", "should", "would", "might",
    "may", "shall", "else", "said", "says", "told", "added", "argued", "noted", "wrote", "is", "was", "has", "had",
];

/// Words that end a look back for a determiner: "rose to one" is a count, whatever
/// stands before "to".
const LINKS: &[&str] =
    &["of", "to", "in", "for", "with", "by", "at", "on", "from", "than", "and", "or", "but", "as", "about", "around"];

/// Words before a number that make it a name or a reference: "version two", "page
/// one", "net zero", "square one", "half one" (half past one).
const REFERENCES: &[&str] = &[
    "version",
    "chapter",
    "section",
    "page",
    "level",
    "number",
    "no",
    "article",
    "paragraph",
    "clause",
    "rule",
    "item",
    "grade",
    "class",
    "category",
    "division",
    "tier",
    "zone",
    "gate",
    "terminal",
    "platform",
    "room",
    "ward",
    "flight",
    "route",
    "highway",
    "interstate",
    "track",
    "volume",
    "proposition",
    "formula",
    "channel",
    "figure",
    "table",
    "exhibit",
    "apollo",
];

/// Words before a lone number word that make it a name: "net zero", "ground zero",
/// "square one", "half one" (half past one), "quarter two".
const WORD_REFERENCES: &[&str] = &["net", "ground", "patient", "square", "quarter", "half"];

/// Articles and possessives that, one word before a lone "one", make it a pronoun
/// ("the only one", "a big one", "her youngest one").
const ARTICLES: &[&str] = &["the", "a", "an", "this", "his", "her", "its", "their", "our", "my", "your"];

/// Words before a number that make it a reference only when nothing is counted
/// after it: "from day one", "in year two of", but "last year two people died".
const LOOSE_REFERENCES: &[&str] =
    &["day", "week", "month", "year", "season", "game", "round", "phase", "stage", "part", "act", "episode", "lap"];

/// Words after "one in N" that make it a time, not a share ("three in five days").
const TIME_UNITS: &[&str] = &[
    "second",
    "seconds",
    "minute",
    "minutes",
    "hour",
    "hours",
    "day",
    "days",
    "week",
    "weeks",
    "weekend",
    "weekends",
    "month",
    "months",
    "year",
    "years",
    "decade",
    "decades",
    "century",
    "centuries",
];

/// Characters that may stand before a capitalised number word at a sentence or
/// line start ("Three died." after a full stop, a quote, a dash or a bullet).
const OPENERS: &str = ".!?:;\"“”‘’'([{—–-*#>|…";

impl NumberWords {
    pub fn new(lexicon: &Lexicon) -> Result<NumberWords, regex::Error> {
        let single = |w: &str| !w.trim().is_empty() && w.trim().bytes().all(|b| b.is_ascii_alphabetic());
        // Money-only scales are left out: this reader knows no currency, and would
        // read "five M" or "3 mil" as millions whatever followed.
        let scales: Vec<Scale> = lexicon
            .scales
            .iter()
            .filter(|s| !s.attached && !s.money_only)
            .map(|s| (s, "scales"))
            .chain(lexicon.number_scales.iter().filter(|s| !s.attached && !s.money_only).map(|s| (s, "number_scales")))
            .filter(|(s, _)| single(&s.word) && s.factor > 1.0 && !s.word.eq_ignore_ascii_case("hundred"))
            .map(|(s, list)| Scale { word: s.word.trim().to_string(), factor: s.factor, list })
            .collect();
        let vague: Vec<Vague> = lexicon
            .vague_amounts
            .iter()
            .map(|e| (e, false, "vague_amounts"))
            .chain(lexicon.vague_shares.iter().map(|e| (e, true, "vague_shares")))
            .filter_map(|(entry, share, list)| {
                let words: Vec<String> = entry.split_whitespace().map(str::to_ascii_lowercase).collect();
                // A bare article would make every "a" a candidate; such an entry is no amount.
                let article = words.len() == 1 && ["a", "an", "the"].contains(&words[0].as_str());
                (!words.is_empty() && !article).then(|| Vague { entry: entry.trim().to_string(), words, share, list })
            })
            .collect();

        let scale_words: Vec<String> =
            scales.iter().map(|s| s.word.clone()).chain(std::iter::once("hundred".to_string())).collect();
        let scale_alt = alternation(&scale_words);
        let cardinal_alt = alternation(&CARDINAL_WORDS.iter().map(|w| w.to_string()).collect::<Vec<_>>());
        let ordinal_alt = alternation(&SHARE_ORDINALS.iter().map(|w| w.to_string()).collect::<Vec<_>>());
        let vague_entries: Vec<String> = vague.iter().map(|v| v.entry.clone()).collect();
        let vague_alt = alternation(&vague_entries);
        let vague_part = if vague_alt.is_empty() { String::new() } else { format!("{vague_alt}|") };
        // Words first, "threefold" and "hundred-fold" among them (which `read`
        // refuses, and the figure finder reads as multiples); then a sign before a number; then digits followed by a word
        // that makes them a phrase ("3 hundred", "1.5 million", "2 and a half", "1 in 5").
        // A bare "quarter" is wanted only before a scale ("quarter million"). A ratio in
        // digits has no bare four-digit side ("7,400 in 2021" is a year), and division
        // ("1 over 21") is not looked for after digits, since "500 over two years" is
        // far more common in news; `read` still reads it where asked.
        let side = r"(?:[0-9]{1,3}(?:,[0-9]{3})*|[0-9]{5,})";
        let pattern = format!(
            r"(?i-u:\b(?:(?:{vague_part}an?(?-u:\s)+(?:{scale_alt}|half|quarter|{ordinal_alt})|quarter[\s-]+(?:{scale_alt})|(?:{cardinal_alt}|{scale_alt})-?fold|{cardinal_alt}|half|dozen)(?-u:\b)|(?:minus|negative)(?-u:\s)+(?:[0-9]|(?:{cardinal_alt}|an?(?-u:\s)+(?:{scale_alt}|half|quarter|{ordinal_alt}))(?-u:\b))|[0-9]+(?:[.,][0-9]+)*(?-u:\s)+(?:{scale_alt}|and(?-u:\s)+an?(?-u:\s)+(?:half|quarter|{ordinal_alt}))(?-u:\b)|{side}(?-u:\s)+(?:in(?:(?-u:\s)+every)?|out(?-u:\s)+of(?:(?-u:\s)+every)?)(?-u:\s)+(?:{side}|(?:{cardinal_alt}|an?(?-u:\s)+(?:{scale_alt}))(?-u:\b))(?-u:\b)))"
        );
        let first_words = regex::Regex::new(&pattern)?;
        Ok(NumberWords { first_words, scales, vague })
    }

    /// The pattern (no capture groups, case-insensitive) matching the first word
    /// or words of every phrase [`read`](Self::read) may read: "one", "twenty",
    /// "dozen", "a dozen", "a half", "an eighth", "half", "several", "a handful",
    /// "minus five", and digits followed by a scale or ratio word ("3 hundred", "1.5
    /// million", "1 in 5"). It never matches a bare "a" or "an". A match that starts
    /// at digits may be refused by `read` ("5 over 10 years"); the digits are then
    /// the finder's to read as it would otherwise.
    pub fn first_words(&self) -> &regex::Regex {
        &self.first_words
    }

    /// The source of [`first_words`](Self::first_words), for the tests.
    #[cfg(test)]
    pub fn first_words_pattern(&self) -> &str {
        self.first_words.as_str()
    }

    /// Where a run of number words starting at `start` ends: what a refused
    /// phrase covers ("four hundred point sixty-two"), so that none of its words is
    /// then read on its own.
    pub fn run_end(&self, text: &str, start: usize) -> usize {
        let mut end = start;
        let mut at = start;
        loop {
            let rest = &text[at..];
            let len = rest.find(|c: char| !(c.is_ascii_alphabetic() || c == '-')).unwrap_or(rest.len());
            let word = &rest[..len];
            let numberish = word.split('-').all(|part| {
                CARDINAL_WORDS
                    .iter()
                    .chain(["hundred", "and", "point", "a", "minus", "negative"].iter())
                    .any(|w| w.eq_ignore_ascii_case(part))
                    || self.scales.iter().any(|s| s.word.eq_ignore_ascii_case(part))
            });
            if len == 0 || !numberish {
                return end.max(start + len);
            }
            end = at + len;
            let spaces = text[end..].bytes().take_while(|b| *b == b' ').count();
            if spaces == 0 {
                return end;
            }
            at = end + spaces;
        }
    }

    /// Reads the longest number phrase starting at byte `start` of `text` (a word
    /// start). Tokens may be number words or digit numerals ("3 hundred and 21");
    /// a phrase of digits alone gives `None`, as does anything at `start` that is
    /// not a number phrase.
    pub fn read(&self, text: &str, start: usize) -> Option<WordNumber> {
        if start >= text.len() || !text.is_char_boundary(start) || glued_before(text, start) {
            return None;
        }
        let first = tok_at(text, start, false)?;
        if !first.digits {
            if let Some(found) = self.vague(text, first) {
                return Some(found);
            }
        }
        let negative = !first.digits && self.classify(first.text(text)) == Class::Sign;
        let body = if negative {
            if !sign_allowed(text, start) {
                return None;
            }
            next_tok(text, first.end).filter(|t| !t.hyphen)?
        } else {
            first
        };
        let mut phrase = self.cardinal(text, body)?;
        if let Some(ratio) = self.ratio(text, &phrase) {
            phrase = ratio;
        }
        if phrase.words == 0 && !negative {
            return None;
        }
        if !self.plausible(text, start, first, body, &phrase) {
            return None;
        }
        let value = tidy(if negative { -phrase.value } else { phrase.value }, phrase.half);
        Some(WordNumber {
            end: phrase.end,
            value: Some(value),
            half_unit: phrase.half,
            form: Form::Plain,
            fraction: phrase.fraction,
            lexicon: self.entries(text, start, phrase.end),
        })
    }

    fn classify(&self, word: &str) -> Class {
        let mut buf = [0u8; 16];
        let Some(w) = lower(word, &mut buf) else { return self.scale_class(word) };
        if let Some(value) = cardinal_value(w) {
            return if value < 20 { Class::Unit(value as u8) } else { Class::Tens(value as u8) };
        }
        match w {
            "hundred" => Class::Hundred,
            "hundreds" => Class::Hundreds,
            "half" => Class::Half,
            "quarter" => Class::Quarter { plural: false },
            "quarters" => Class::Quarter { plural: true },
            "a" | "an" => Class::A,
            "and" => Class::And,
            "minus" | "negative" => Class::Sign,
            "point" => Class::Point,
            _ => match ordinal(w) {
                Some((n, plural)) => Class::Ord { n, plural },
                None => self.scale_class(word),
            },
        }
    }

    fn scale_class(&self, word: &str) -> Class {
        if let Some(index) = self.scales.iter().position(|s| s.word.eq_ignore_ascii_case(word)) {
            return Class::Scale { index, plural: false };
        }
        let stem = word.strip_suffix(['s', 'S']).unwrap_or("");
        match self.scales.iter().position(|s| !stem.is_empty() && s.word.eq_ignore_ascii_case(stem)) {
            Some(index) => Class::Scale { index, plural: true },
            None => Class::Other,
        }
    }

    fn class_of(&self, text: &str, tok: Tok) -> Class {
        if tok.digits { Class::Other } else { self.classify(tok.text(text)) }
    }

    /// A scale word or "hundred" at `tok`, singular: its factor.
    fn scale_factor(&self, text: &str, tok: Tok) -> Option<f64> {
        match self.class_of(text, tok) {
            Class::Hundred => Some(100.0),
            Class::Scale { index, plural: false } => Some(self.scales[index].factor),
            _ => None,
        }
    }

    /// Reads a cardinal from `first`, with a fraction after it or in place of it:
    /// "three hundred and twenty", "4 thousand 3 hundred", "two-thirds", "one and a
    /// half million", "a dozen". `None` when two numbers run together ("twenty
    /// twenty", "five six"), which is then no count at all.
    fn cardinal(&self, text: &str, first: Tok) -> Option<Phrase> {
        let mut acc = Acc::new();
        let mut prev = Prev::Start;
        let mut good: Option<Phrase> = None;
        // The reading before the group now being read began ("three hundred" of
        // "three hundred and two hundred"): a scale that cannot take the group ends
        // the phrase there.
        let mut before_group: Option<Phrase> = None;
        let mut after_and = false;
        let mut tok = first;
        loop {
            let class = self.class_of(text, tok);
            match class {
                _ if tok.digits => {
                    let Some(n) = numeral::parse(tok.text(text)) else { break };
                    let int = !tok.text(text).contains('.');
                    if tok.hyphen {
                        return None;
                    }
                    if acc.sealed {
                        break;
                    }
                    match prev {
                        Prev::Start => {
                            acc.current = n.value;
                            if !int {
                                acc.exact_half = Some(n.half_unit);
                            }
                        }
                        Prev::Hundred if int && n.value < 100.0 => acc.current += n.value,
                        Prev::Big if int && n.value < acc.last_big => {
                            if !after_and {
                                before_group = good;
                            }
                            acc.current = n.value;
                        }
                        _ => break,
                    }
                    acc.run = n.value;
                    acc.group_digit_half = acc.group_digit_half.min(n.half_unit);
                    prev = Prev::Digits { alone: prev != Prev::Hundred };
                }
                Class::Unit(u) | Class::Tens(u) => {
                    let tens = matches!(class, Class::Tens(_));
                    if tens && let Some((den, end)) = self.compound_ordinal(text, tok) {
                        // "twenty-fifth", "five twenty-firsts": an ordinal, so a share or nothing.
                        return self.share_after(text, &acc, prev, good, first, den, tok, end);
                    }
                    if acc.sealed {
                        break;
                    }
                    let u = f64::from(u);
                    match prev {
                        Prev::Start | Prev::Hundred => {}
                        Prev::Big => {
                            if !after_and {
                                before_group = good;
                            }
                            acc.hundred = false;
                        }
                        Prev::Tens if !tens && (1.0..=9.0).contains(&u) => {}
                        // "ten 20-year bonds", "a dozen one-day matches": the next number is another.
                        Prev::Digits { .. } | Prev::Small => break,
                        // "four three-pointers": the next number is part of an adjective.
                        _ if self.adjective_ahead(text, tok) => break,
                        _ => return None,
                    }
                    if prev == Prev::Tens {
                        acc.run += u;
                    } else {
                        acc.run = u;
                    }
                    acc.current += u;
                    prev = match (tens, prev) {
                        (true, _) => Prev::Tens,
                        (false, Prev::Tens) => Prev::TensUnit,
                        _ => Prev::Unit,
                    };
                    acc.words += 1;
                }
                Class::Hundred => {
                    let from_digits = prev == Prev::Digits { alone: true };
                    match prev {
                        Prev::A => acc.current = 1.0,
                        Prev::Unit | Prev::Tens | Prev::TensUnit | Prev::Digits { .. } if acc.hundred => {
                            return if after_and { before_group } else { None };
                        }
                        Prev::Unit | Prev::Tens | Prev::TensUnit if acc.current < 100.0 => {}
                        _ if from_digits => {}
                        _ => return None,
                    }
                    acc.current *= 100.0;
                    acc.scale_halves(100.0);
                    if acc.current >= acc.last_big {
                        return if after_and || before_group.is_some() { before_group } else { None };
                    }
                    acc.run = 0.0;
                    acc.hundred = true;
                    acc.words += 1;
                    prev = Prev::Hundred;
                }
                // "five hundreds", "two thousands": not English enough to read, too near to leave half read.
                Class::Hundreds => return None,
                Class::Scale { plural: true, index } if self.scales[index].factor >= 1000.0 => return None,
                Class::Scale { index, plural } => {
                    let factor = self.scales[index].factor;
                    if factor < 1000.0 {
                        // A small scale multiplies the number just before it: "two dozen".
                        match prev {
                            Prev::Unit | Prev::Tens | Prev::TensUnit | Prev::Digits { .. } => {
                                acc.current += acc.run * (factor - 1.0);
                                acc.scale_halves(factor);
                            }
                            Prev::A if !plural => acc.current = factor,
                            // "one and a half dozen".
                            Prev::Fraction if !plural && acc.total == 0.0 => {
                                acc.current *= factor;
                                acc.scale_halves(factor);
                            }
                            Prev::Start if !plural && tok.text(text).eq_ignore_ascii_case("dozen") => {
                                acc.current = factor
                            }
                            _ => break,
                        }
                        acc.run = 0.0;
                        acc.words += 1;
                        prev = Prev::Small;
                    } else {
                        match prev {
                            Prev::Big if !after_and && factor > acc.last_big => {
                                // "two thousand million", "two lakh crore".
                                acc.total += acc.last_group * (factor - 1.0);
                                acc.last_group *= factor;
                                acc.last_big *= factor;
                                acc.digit_half *= factor;
                                if let Some(h) = acc.exact_half.as_mut() {
                                    *h *= factor;
                                }
                            }
                            Prev::Unit
                            | Prev::Tens
                            | Prev::TensUnit
                            | Prev::Digits { .. }
                            | Prev::Hundred
                            | Prev::Small
                            | Prev::A
                            | Prev::Fraction => {
                                if factor >= acc.last_big {
                                    return if before_group.is_some() { before_group } else { None };
                                }
                                let current = if prev == Prev::A { 1.0 } else { acc.current };
                                let group = current * factor;
                                acc.total += group;
                                acc.last_group = group;
                                acc.last_big = factor;
                                acc.scale_halves(factor);
                                acc.digit_half = acc.digit_half.min(acc.group_digit_half);
                                acc.group_digit_half = f64::INFINITY;
                                acc.current = 0.0;
                                acc.run = 0.0;
                                acc.hundred = false;
                                if acc.exact_half.is_some() {
                                    acc.sealed = true;
                                }
                            }
                            _ => return None,
                        }
                        acc.words += 1;
                        prev = Prev::Big;
                    }
                }
                Class::Ord { n, plural } => {
                    return self.share_after(text, &acc, prev, good, first, (n, plural), tok, tok.end);
                }
                Class::Half | Class::Quarter { .. } => {
                    if prev == Prev::Start {
                        return if class == Class::Half {
                            self.bare_half(text, tok)
                        } else {
                            self.bare_quarter(text, tok)
                        };
                    }
                    let den = match class {
                        Class::Quarter { plural } => (4.0, plural),
                        _ => (2.0, false),
                    };
                    return self.share_after(text, &acc, prev, good, first, den, tok, tok.end);
                }
                Class::Point
                    if !acc.sealed
                        && acc.exact_half.is_none()
                        && matches!(prev, Prev::Unit | Prev::Tens | Prev::TensUnit | Prev::Hundred) =>
                {
                    // "one point five million", "four hundred point zero seven": digit words after the point.
                    let mut places = 0;
                    let mut fraction = 0.0;
                    let mut at = tok.end;
                    while let Some(d) = next_tok(text, at).filter(|t| !t.hyphen) {
                        match self.class_of(text, d) {
                            Class::Unit(u) if u <= 9 && places < 9 => {
                                places += 1;
                                fraction += f64::from(u) * 10f64.powi(-places);
                                at = d.end;
                            }
                            _ => break,
                        }
                    }
                    let ahead = next_tok(text, at);
                    let digit_words = places > 0 && !ahead.is_some_and(|t| t.hyphen);
                    if !digit_words && ahead.is_some_and(|t| self.is_number_word(t.text(text))) {
                        // "point sixty-two", "point five-year": not digit by digit.
                        return None;
                    }
                    if places == 0 {
                        break;
                    }
                    acc.current += fraction;
                    acc.exact_half = Some(0.5 * 10f64.powi(-places));
                    acc.sealed = true;
                    acc.words += 1 + places as u32;
                    acc.end = at;
                    prev = Prev::Fraction;
                    good = Some(acc.finish());
                    match ahead {
                        Some(t) => {
                            tok = t;
                            continue;
                        }
                        None => break,
                    }
                }
                Class::A if prev == Prev::Start => {
                    acc.words += 1;
                    prev = Prev::A;
                }
                Class::And if !acc.sealed => {
                    let Some(next) = next_tok(text, tok.end).filter(|t| !t.hyphen) else { break };
                    // "one hundred and fifth" is an ordinal, not a number and a share.
                    if matches!(prev, Prev::Hundred | Prev::Big)
                        && (matches!(self.class_of(text, next), Class::Ord { .. })
                            || self.compound_ordinal(text, next).is_some())
                    {
                        return None;
                    }
                    let whole =
                        matches!(prev, Prev::Unit | Prev::Tens | Prev::TensUnit | Prev::Digits { .. } | Prev::Big);
                    let integral = acc.exact_half.is_none();
                    if whole
                        && integral
                        && let Some((share, den, end)) = self.share_after_and(text, next)
                    {
                        if prev == Prev::Big {
                            // "nine million and two thirds" is of a million; "four billion and
                            // three quarters million" of the scale named after it.
                            let after = next_tok(text, end).filter(|t| !t.hyphen);
                            let named = after.and_then(|t| self.scale_factor(text, t)).filter(|f| *f < acc.last_big);
                            let (scale, end) = match (named, after) {
                                (Some(f), Some(t)) => (f, t.end),
                                _ => (acc.last_big, end),
                            };
                            acc.total += share * scale;
                            acc.exact_half = Some(0.5 / den * scale);
                            acc.end = end;
                            acc.words += 2;
                            return Some(acc.finish());
                        }
                        acc.current += share;
                        acc.exact_half = Some(0.5 / den);
                        acc.sealed = true;
                        acc.words += 2;
                        acc.end = end;
                        prev = Prev::Fraction;
                        good = Some(acc.finish());
                        match next_tok(text, end) {
                            Some(t) => {
                                tok = t;
                                continue;
                            }
                            None => break,
                        }
                    }
                    // "one hundred and six", "two million and five": the group goes on
                    // ("and 0" or "and zero" adds nothing, so it is another number).
                    let continues = match self.class_of(text, next) {
                        Class::Unit(u) | Class::Tens(u) => u > 0,
                        _ if next.digits => numeral::parse(next.text(text)).is_some_and(|n| n.value >= 1.0),
                        _ => false,
                    };
                    if !matches!(prev, Prev::Hundred | Prev::Big) || !continues {
                        break;
                    }
                    before_group = good;
                    after_and = true;
                    acc.words += 1;
                    tok = next;
                    continue;
                }
                _ => break,
            }
            // A scale closes the group that began after "and".
            after_and = after_and && prev != Prev::Big;
            acc.end = tok.end;
            if prev != Prev::A {
                good = Some(acc.finish());
            }
            match next_tok(text, tok.end) {
                Some(t) => tok = t,
                None => break,
            }
        }
        good
    }

    /// Whether `tok` is joined by a hyphen to a word that is no number ("three-pointers").
    fn adjective_ahead(&self, text: &str, tok: Tok) -> bool {
        let Some(after) = text[tok.end..].strip_prefix('-') else { return false };
        let len = after.bytes().take_while(u8::is_ascii_alphabetic).count();
        len > 0 && self.classify(&after[..len]) == Class::Other
    }

    /// "twenty-fifth(s)" at a tens word: the ordinal's value, plural flag and end.
    fn compound_ordinal(&self, text: &str, tens: Tok) -> Option<((f64, bool), usize)> {
        let Class::Tens(t) = self.class_of(text, tens) else { return None };
        let next = next_tok(text, tens.end).filter(|n| n.hyphen && !n.digits)?;
        let mut buf = [0u8; 16];
        let (n, plural) = ordinal(lower(next.text(text), &mut buf)?)?;
        (n < 10.0).then_some(((f64::from(t) + n, plural), next.end))
    }

    /// A share written after a number or "a": "a third", "two-thirds", "three
    /// fifths", "one twenty-fifth", "a half million", "a quarter of a million".
    /// When the words do not make a share ("a third term", "one fifth-grader") the
    /// reading falls back to the number before them, if any.
    #[allow(clippy::too_many_arguments)]
    fn share_after(
        &self,
        text: &str,
        acc: &Acc,
        prev: Prev,
        good: Option<Phrase>,
        first: Tok,
        (den, plural): (f64, bool),
        den_tok: Tok,
        den_end: usize,
    ) -> Option<Phrase> {
        let simple = matches!(prev, Prev::A | Prev::Unit | Prev::Tens | Prev::TensUnit)
            && acc.total == 0.0
            && !acc.hundred
            && !acc.sealed;
        if !simple {
            // "the one hundred and fifth" is an ordinal and "five hundred fifths" no
            // share this reads; "two hundred seconds" is a count of seconds.
            return if plural && den < 3.0 { good } else { None };
        }
        let num = if prev == Prev::A { 1.0 } else { acc.current };
        // "$5bn a quarter", "twice a quarter": "a" is "per" there.
        if prev == Prev::A && den == 4.0 && !plural {
            let chunk = text[..first.start].trim_end().rsplit(char::is_whitespace).next().unwrap_or("");
            // "In 2021 a quarter of firms" is no rate.
            let year = chunk.len() == 4 && chunk.parse::<u32>().is_ok_and(|y| (1800..=2100).contains(&y));
            let rate = !year && chunk.ends_with(|c: char| c.is_ascii_digit())
                || chunk.contains(|c: char| c.is_ascii_digit()) && chunk.ends_with(|c: char| c.is_ascii_alphabetic())
                || ["twice", "once", "thrice", "times"].iter().any(|w| w.eq_ignore_ascii_case(chunk))
                || matches!(
                    self.class_of_word(chunk),
                    Class::Unit(_) | Class::Tens(_) | Class::Hundred | Class::Scale { .. }
                );
            if rate {
                return None;
            }
        }
        let halves_or_quarters = den == 2.0 || den == 4.0;
        let fits = if plural { num >= 2.0 } else { num == 1.0 };
        // A capitalised ordinal after a lower-case number is a name ("a Fourth of July").
        let named = den_tok.text(text).starts_with(|c: char| c.is_ascii_uppercase())
            && !first.text(text).starts_with(|c: char| c.is_ascii_uppercase());
        if !fits || (den < 3.0 && den != 2.0) || named || (den == 2.0 && plural) {
            return good;
        }
        let share = Phrase {
            end: den_end,
            value: num / den,
            half: 0.5 / den,
            fraction: true,
            whole: false,
            words: acc.words + 1,
        };
        if let Some(scaled) = self.scaled_share(text, share, halves_or_quarters) {
            return Some(scaled);
        }
        let next = next_word(text, den_end);
        let hyphenated = text[den_end..].starts_with('-');
        let ok = if hyphenated {
            false
        } else if den == 4.0 && plural && num != 3.0 {
            // "two quarters" is most often two periods; only "two quarters of" is a share.
            next.is_some_and(|w| w.eq_ignore_ascii_case("of"))
        } else if !plural {
            next.is_none_or(share_next)
        } else {
            true
        };
        if ok { Some(share) } else { good }
    }

    /// A share made a count by the scale after it: "a half million", "quarter-million",
    /// "a quarter of a million", "two thirds of a million".
    fn scaled_share(&self, text: &str, share: Phrase, direct: bool) -> Option<Phrase> {
        let next = next_tok(text, share.end)?;
        let (factor, end, words) = if direct && let Some(f) = self.scale_factor(text, next) {
            (f, next.end, 1)
        } else if !next.hyphen && next.text(text).eq_ignore_ascii_case("of") {
            let a = next_tok(text, next.end).filter(|t| !t.hyphen && self.class_of(text, *t) == Class::A)?;
            let scale = next_tok(text, a.end).filter(|t| !t.hyphen)?;
            (self.scale_factor(text, scale)?, scale.end, 3)
        } else {
            return None;
        };
        Some(Phrase {
            end,
            value: share.value * factor,
            half: share.half * factor,
            fraction: false,
            whole: false,
            words: share.words + words,
        })
    }

    /// The share after "and" in "two and a half", "three and three quarters": its
    /// value, denominator and end.
    fn share_after_and(&self, text: &str, first: Tok) -> Option<(f64, f64, usize)> {
        let num_class = self.class_of(text, first);
        let num = match num_class {
            Class::A => 1.0,
            Class::Unit(u) if u >= 1 => f64::from(u),
            _ => return None,
        };
        let den_tok = next_tok(text, first.end)?;
        if den_tok.digits {
            return None;
        }
        let (den, plural, end) = match self.class_of(text, den_tok) {
            Class::Half => (2.0, false, den_tok.end),
            Class::Quarter { plural } => (4.0, plural, den_tok.end),
            Class::Ord { n, plural } if n >= 3.0 => (n, plural, den_tok.end),
            Class::Tens(_) => {
                let ((n, plural), end) = self.compound_ordinal(text, den_tok)?;
                (n, plural, end)
            }
            _ => return None,
        };
        let fits = if plural { num >= 2.0 } else { num == 1.0 };
        (fits && !(den == 2.0 && plural)).then_some((num / den, den, end))
    }

    /// "half" at the start of a phrase: "half a million", "half-dozen", or a share
    /// ("half of", "more than half the") when what is around it allows.
    fn bare_half(&self, text: &str, tok: Tok) -> Option<Phrase> {
        let mut scale_at = next_tok(text, tok.end);
        if let Some(a) = scale_at.filter(|t| !t.hyphen && self.class_of(text, *t) == Class::A) {
            scale_at = next_tok(text, a.end).filter(|t| !t.hyphen);
        }
        if let Some(s) = scale_at
            && let Some(f) = self.scale_factor(text, s)
        {
            return Some(Phrase {
                end: s.end,
                value: 0.5 * f,
                half: 0.25 * f,
                fraction: false,
                whole: false,
                words: 2,
            });
        }
        let before = word_before(text, tok.start);
        let chunk = text[..tok.start].trim_end().rsplit(char::is_whitespace).next().unwrap_or("");
        let ordinal_digits = chunk.starts_with(|c: char| c.is_ascii_digit())
            && chunk
                .get(chunk.len().saturating_sub(2)..)
                .is_some_and(|end| ["st", "nd", "rd", "th"].iter().any(|s| s.eq_ignore_ascii_case(end)));
        if ordinal_digits
            || before.is_some_and(|w| HALF_BEFORE.iter().any(|h| h.eq_ignore_ascii_case(w)))
            || text[tok.end..].starts_with('-')
            || !next_word(text, tok.end).is_none_or(share_next)
        {
            return None;
        }
        Some(Phrase { end: tok.end, value: 0.5, half: 0.25, fraction: true, whole: false, words: 1 })
    }

    /// "quarter million", "quarter-million": a bare "quarter" is a period or a coin.
    fn bare_quarter(&self, text: &str, tok: Tok) -> Option<Phrase> {
        let s = next_tok(text, tok.end)?;
        let f = self.scale_factor(text, s)?;
        Some(Phrase { end: s.end, value: 0.25 * f, half: 0.125 * f, fraction: false, whole: false, words: 2 })
    }

    /// "one in five", "3 out of 10", "one in every four", "1 over 21" after a whole
    /// number already read.
    fn ratio(&self, text: &str, num: &Phrase) -> Option<Phrase> {
        if !num.whole || num.fraction {
            return None;
        }
        let word = next_tok(text, num.end).filter(|t| !t.hyphen && !t.digits)?;
        let w = word.text(text);
        let (kind, mut at) = if w.eq_ignore_ascii_case("in") || w.eq_ignore_ascii_case("over") {
            (w.to_ascii_lowercase(), word.end)
        } else if w.eq_ignore_ascii_case("out") {
            let of = next_tok(text, word.end).filter(|t| !t.hyphen && t.text(text).eq_ignore_ascii_case("of"))?;
            ("out of".to_string(), of.end)
        } else {
            return None;
        };
        let mut words = 1 + u32::from(kind == "out of");
        if kind != "over"
            && let Some(every) = next_tok(text, at).filter(|t| !t.hyphen && t.text(text).eq_ignore_ascii_case("every"))
        {
            at = every.end;
            words += 1;
        }
        let den_tok = next_tok(text, at).filter(|t| !t.hyphen)?;
        let den = self.cardinal(text, den_tok)?;
        if !den.whole || den.value < 1.0 {
            return None;
        }
        let den_text = &text[den_tok.start..den.end];
        match kind.as_str() {
            "over" => {
                // Division is read only where nothing follows: "5 over 12 months" is a time.
                let after = text[den.end..].trim_start_matches([' ', '\t']);
                let next = next_word(text, den.end);
                let ends = after.is_empty() || after.starts_with(|c: char| !c.is_alphanumeric());
                let verb = next.is_some_and(|w| ["is", "equals", "was"].iter().any(|v| v.eq_ignore_ascii_case(w)));
                if !(ends && next.is_none() || verb) {
                    return None;
                }
            }
            _ => {
                let year = den_text.bytes().all(|b| b.is_ascii_digit()) && (1800.0..=2100.0).contains(&den.value);
                let timed =
                    next_word(text, den.end).is_some_and(|w| TIME_UNITS.iter().any(|u| u.eq_ignore_ascii_case(w)));
                if num.value > den.value || year || timed {
                    return None;
                }
            }
        }
        Some(Phrase {
            end: den.end,
            value: num.value / den.value,
            half: 0.5 / den.value,
            fraction: true,
            whole: false,
            words: num.words + den.words + words,
        })
    }

    /// An amount without a value at `first`: the longest entry that matches, with
    /// any scale words after it ("several hundred", "hundreds of thousands").
    fn vague(&self, text: &str, first: Tok) -> Option<WordNumber> {
        let head = first.text(text);
        let mut best: Option<(&Vague, Tok, usize)> = None;
        for v in &self.vague {
            if !v.words[0].eq_ignore_ascii_case(head) {
                continue;
            }
            let (mut last, mut before_last) = (first, first.end);
            let matched = v.words[1..].iter().all(|w| {
                match next_tok(text, last.end).filter(|t| !t.hyphen && t.text(text).eq_ignore_ascii_case(w)) {
                    Some(t) => {
                        before_last = last.end;
                        last = t;
                        true
                    }
                    None => false,
                }
            });
            if matched && best.is_none_or(|(_, b, _)| last.end > b.end) {
                best = Some((v, last, before_last));
            }
        }
        let (entry, last, before_last) = best?;
        let mut lexicon = vec![format!("{}: {}", entry.list, entry.entry)];
        // An entry ending in "of" ends before it unless a scale follows ("a couple of hundred").
        let trailing_of = entry.words.len() > 1 && entry.words.last().is_some_and(|w| w == "of");
        let mut end = if trailing_of { before_last } else { last.end };
        let mut at = last.end;
        let mut of_allowed = !trailing_of;
        if !entry.share {
            while let Some(mut t) = next_tok(text, at).filter(|t| !t.hyphen && !t.digits) {
                if of_allowed && t.text(text).eq_ignore_ascii_case("of") {
                    match next_tok(text, t.end).filter(|t| !t.hyphen && !t.digits) {
                        Some(n) => t = n,
                        None => break,
                    }
                }
                let word = t.text(text);
                match self.classify(word) {
                    Class::Scale { index, .. } => {
                        lexicon.push(format!("{}: {}", self.scales[index].list, self.scales[index].word));
                    }
                    Class::Hundred | Class::Hundreds => {}
                    _ => break,
                }
                at = t.end;
                end = t.end;
                of_allowed = true;
            }
        }
        if word_before(text, first.start).is_some_and(|w| self.is_number_word(w)) {
            return None;
        }
        lexicon.dedup();
        Some(WordNumber { end, value: None, half_unit: 0.0, form: Form::Vague, fraction: entry.share, lexicon })
    }

    fn class_of_word(&self, word: &str) -> Class {
        if word.is_empty() || !word.bytes().all(|b| b.is_ascii_alphabetic()) {
            Class::Other
        } else {
            self.classify(word)
        }
    }

    fn is_number_word(&self, word: &str) -> bool {
        matches!(self.classify(word), Class::Unit(_) | Class::Tens(_) | Class::Hundred)
    }

    /// Whether the words around a phrase let it be a number: not a name ("Formula
    /// One"), a reference ("page two"), a pronoun ("no one"), a year ("nineteen
    /// eighty-four"), a time ("five o'clock") or part of a compound ("one-off").
    fn plausible(&self, text: &str, start: usize, first: Tok, body: Tok, phrase: &Phrase) -> bool {
        let before = word_before(text, start);
        let single = first.start == body.start && body.end == phrase.end && !body.digits;
        let next = next_word(text, phrase.end);
        let is = |list: &[&str], w: Option<&str>| w.is_some_and(|w| list.iter().any(|l| l.eq_ignore_ascii_case(w)));
        if is(REFERENCES, before) || before.is_some_and(|w| self.is_number_word(w)) {
            return false;
        }
        if single && is(LOOSE_REFERENCES, before) && next.is_none_or(|w| is(SHARE_NEXT, Some(w))) {
            return false;
        }
        if single && is(WORD_REFERENCES, before) {
            return false;
        }
        // A capitalised number word inside a sentence is a name: "Formula One", "the Big Four".
        if !first.digits
            && first.text(text).starts_with(|c: char| c.is_ascii_uppercase())
            && !sentence_start(text, start)
        {
            return false;
        }
        let phrase_text = &text[start..phrase.end];
        if phrase_text.eq_ignore_ascii_case("one") && !self.numeral_one(text, start, phrase.end) {
            return false;
        }
        // "At one point five people were hurt": the idiom, then a count.
        let at_one_point = phrase_text.get(..9).is_some_and(|p| p.eq_ignore_ascii_case("one point"));
        if at_one_point && before.is_some_and(|w| w.eq_ignore_ascii_case("at")) {
            return false;
        }
        // "Ten Downing Street", "Five Elms Road": an address.
        if phrase.whole && phrase.value < 10_000.0 {
            let mut following = text[phrase.end..].split_whitespace();
            if following.next().is_some_and(|w| w.starts_with(|c: char| c.is_ascii_uppercase())) {
                let street = |w: &str| STREET_WORDS.contains(&w.trim_matches(|c: char| !c.is_alphanumeric()));
                let mut again = text[phrase.end..].split_whitespace();
                if again.next().is_some_and(street) || again.next().is_some_and(street) {
                    return false;
                }
            }
        }
        let rest = &text[phrase.end..];
        if let Some(after) = rest.strip_prefix('-') {
            if after.starts_with(|c: char| c.is_ascii_digit()) {
                return false;
            }
            let word: &str = &after[..after.bytes().take_while(u8::is_ascii_alphabetic).count()];
            let lone = ["one", "zero", "nil", "naught", "nought"].iter().any(|w| w.eq_ignore_ascii_case(phrase_text));
            let linking = ["fold", "to", "on", "by", "in", "for", "and", "of", "or", "a"];
            if lone || linking.iter().any(|w| w.eq_ignore_ascii_case(word)) || self.classify(word) != Class::Other {
                return false;
            }
        }
        let after = rest.trim_start_matches([' ', '\t', '\u{a0}']);
        let clock = ["o'clock", "o’clock", "oclock", "am", "pm", "a.m.", "p.m."];
        if after.len() < rest.len() {
            let is_clock = clock.iter().any(|c| {
                after.get(..c.len()).is_some_and(|p| p.eq_ignore_ascii_case(c))
                    && !after[c.len()..].starts_with(|ch: char| ch.is_ascii_alphanumeric())
            });
            if is_clock {
                return false;
            }
            // "ten past nine" is a time.
            if next.is_some_and(|w| w.eq_ignore_ascii_case("past")) {
                let beyond = next_tok(text, phrase.end).and_then(|t| next_tok(text, t.end));
                if beyond.is_some_and(|t| t.digits || self.is_number_word(t.text(text))) {
                    return false;
                }
            }
        }
        true
    }

    /// Whether a lone "one" at `start..end` is the numeral rather than the pronoun.
    fn numeral_one(&self, text: &str, start: usize, end: usize) -> bool {
        let before = word_before(text, start);
        let next = next_word(text, end);
        let is = |list: &[&str], w: Option<&str>| w.is_some_and(|w| list.iter().any(|l| l.eq_ignore_ascii_case(w)));
        if is(ONE_DETERMINERS, before) || is(ONE_NEXT, next) {
            return false;
        }
        // "That one is better" (a demonstrative), but "said that one man died".
        if before == Some("That") || before.is_some_and(|w| w.eq_ignore_ascii_case("that")) && next.is_none() {
            return false;
        }
        // "the only one", "a big one": a determiner one word further back.
        if let Some(b) = before
            && !is(LINKS, before)
            && !is(TIME_UNITS, before)
            && !is(LOOSE_REFERENCES, before)
            && b.bytes().all(|c| c.is_ascii_lowercase())
        {
            let further = word_before(text, word_start_before(text, start));
            if is(ARTICLES, further) {
                return false;
            }
        }
        // "one's", "one by one", "one on one", "one after another", "at one point".
        if text[end..].starts_with(['\'', '’']) {
            return false;
        }
        let mut words = text[end..].split_whitespace();
        let (w1, w2) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
        let paired = ["by", "on", "to", "after"].iter().any(|w| w.eq_ignore_ascii_case(w1))
            && ["one", "another", "the"]
                .iter()
                .any(|w| w2.trim_end_matches(|c: char| !c.is_alphanumeric()).eq_ignore_ascii_case(w));
        let at_one = before.is_some_and(|w| w.eq_ignore_ascii_case("at")) && is(&["point", "stage", "time"], next);
        // "One day, ..." and "... one day." mean some day.
        let after = text[end..].trim_start();
        let some_day = after.get(..3).is_some_and(|d| d.eq_ignore_ascii_case("day"))
            && !after[3..].starts_with(|c: char| c.is_alphanumeric() || c.is_whitespace());
        !(paired || at_one || some_day)
    }

    /// The lexicon entries a phrase used.
    fn entries(&self, text: &str, start: usize, end: usize) -> Vec<String> {
        let mut found = Vec::new();
        let mut at = tok_at(text, start, false);
        while let Some(t) = at.filter(|t| t.end <= end) {
            if !t.digits
                && let Class::Scale { index, .. } = self.classify(t.text(text))
            {
                let s = &self.scales[index];
                let entry = format!("{}: {}", s.list, s.word);
                if !found.contains(&entry) {
                    found.push(entry);
                }
            }
            at = next_tok(text, t.end);
        }
        found
    }
}

/// Whether a word after "a third" or "half" lets it be a share: a function word, or a
/// verb in the past ("half voted", "a third said"); a noun makes it an ordinal.
fn share_next(word: &str) -> bool {
    SHARE_NEXT.iter().any(|s| s.eq_ignore_ascii_case(word)) || word.len() > 4 && word.ends_with("ed")
}

/// "third" → (3, false), "fifths" → (5, true); `w` in lower case.
fn ordinal(w: &str) -> Option<(f64, bool)> {
    let (stem, plural) = match w.strip_suffix('s') {
        Some(s) => (s, true),
        None => (w, false),
    };
    let n = match stem {
        "first" => 1.0,
        "second" => 2.0,
        "third" => 3.0,
        "fourth" => 4.0,
        "fifth" => 5.0,
        "sixth" => 6.0,
        "seventh" => 7.0,
        "eighth" => 8.0,
        "ninth" => 9.0,
        "tenth" => 10.0,
        "eleventh" => 11.0,
        "twelfth" => 12.0,
        "thirteenth" => 13.0,
        "fourteenth" => 14.0,
        "fifteenth" => 15.0,
        "sixteenth" => 16.0,
        "seventeenth" => 17.0,
        "eighteenth" => 18.0,
        "nineteenth" => 19.0,
        "twentieth" => 20.0,
        "thirtieth" => 30.0,
        "fortieth" => 40.0,
        "fiftieth" => 50.0,
        "sixtieth" => 60.0,
        "seventieth" => 70.0,
        "eightieth" => 80.0,
        "ninetieth" => 90.0,
        "hundredth" => 100.0,
        "thousandth" => 1e3,
        "millionth" => 1e6,
        "billionth" => 1e9,
        "trillionth" => 1e12,
        _ => return None,
    };
    Some((n, plural))
}

/// `word` in ASCII lower case in `buf`, when it fits.
fn lower<'b>(word: &str, buf: &'b mut [u8; 16]) -> Option<&'b str> {
    let bytes = word.as_bytes();
    let out = buf.get_mut(..bytes.len())?;
    for (d, s) in out.iter_mut().zip(bytes) {
        *d = s.to_ascii_lowercase();
    }
    std::str::from_utf8(out).ok()
}

/// The token starting at `at`: a run of ASCII letters, or digits with grouping
/// commas and a decimal point. Glued to anything alphanumeric, it is no token.
fn tok_at(text: &str, at: usize, hyphen: bool) -> Option<Tok> {
    let bytes = text.as_bytes();
    let first = *bytes.get(at)?;
    let mut end = at;
    let digits = first.is_ascii_digit();
    if digits {
        loop {
            end += bytes[end..].iter().take_while(|b| b.is_ascii_digit()).count();
            match (bytes.get(end), bytes.get(end + 1)) {
                (Some(b'.' | b','), Some(d)) if d.is_ascii_digit() => end += 1,
                _ => break,
            }
        }
    } else if first.is_ascii_alphabetic() {
        end += bytes[at..].iter().take_while(|b| b.is_ascii_alphabetic()).count();
    } else {
        return None;
    }
    if text[end..].starts_with(|c: char| c.is_alphanumeric() || c == '_') {
        return None;
    }
    Some(Tok { start: at, end, digits, hyphen })
}

/// The token after the one ending at `at`: after white space (one line break at
/// most), or after a single hyphen.
fn next_tok(text: &str, at: usize) -> Option<Tok> {
    let rest = &text[at..];
    if let Some(after) = rest.strip_prefix('-') {
        return after.starts_with(|c: char| c.is_ascii_alphanumeric()).then(|| tok_at(text, at + 1, true)).flatten();
    }
    let mut skipped = 0;
    let mut breaks = 0;
    for c in rest.chars() {
        if !c.is_whitespace() {
            break;
        }
        breaks += usize::from(c == '\n');
        skipped += c.len_utf8();
    }
    if skipped == 0 || breaks > 1 {
        return None;
    }
    tok_at(text, at + skipped, false)
}

/// The word after `end`, past white space, if a word comes next.
fn next_word(text: &str, end: usize) -> Option<&str> {
    let rest = &text[end..];
    let after = rest.trim_start();
    if after.len() == rest.len() {
        return None;
    }
    let len = after.bytes().take_while(|b| b.is_ascii_alphabetic()).count();
    (len > 0 && !after[len..].starts_with(|c: char| c.is_alphanumeric())).then(|| &after[..len])
}

/// The word just before `start`, across white space only.
fn word_before(text: &str, start: usize) -> Option<&str> {
    let head = &text[..start];
    let trimmed = head.trim_end();
    if trimmed.len() == head.len() {
        return None;
    }
    let len = trimmed.bytes().rev().take_while(|b| b.is_ascii_alphabetic()).count();
    let word_start = trimmed.len() - len;
    let glued = trimmed[..word_start].chars().next_back().is_some_and(|c| c.is_alphanumeric());
    (len > 0 && !glued).then(|| &trimmed[word_start..])
}

/// Where the word before `start` begins (`start` when there is none).
fn word_start_before(text: &str, start: usize) -> usize {
    match word_before(text, start) {
        Some(w) => text[..start].trim_end().len() - w.len(),
        None => start,
    }
}

/// Whether `start` opens a sentence, a line or a quotation, where a number word
/// may be capitalised without being a name.
fn sentence_start(text: &str, start: usize) -> bool {
    let head = text[..start].trim_end_matches([' ', '\t', '\u{a0}']);
    match head.chars().next_back() {
        None | Some('\n' | '\r') => true,
        Some(c) => OPENERS.contains(c),
    }
}

/// A sign word is a sign unless it joins two amounts ("plus or minus 3", "ten minus two").
fn sign_allowed(text: &str, start: usize) -> bool {
    let head = text[..start].trim_end();
    if head.ends_with(|c: char| c.is_ascii_digit() || c == '±' || c == '%') {
        return false;
    }
    let before = word_before(text, start);
    !before.is_some_and(|w| {
        ["or", "plus"].iter().any(|x| x.eq_ignore_ascii_case(w))
            || CARDINAL_WORDS.iter().any(|x| x.eq_ignore_ascii_case(w))
    })
}

/// The value of one cardinal word in lower case: "zero" to "nineteen", and the
/// tens from "twenty" to "ninety".
pub fn cardinal_value(word: &str) -> Option<u32> {
    Some(match word {
        "zero" | "naught" | "nought" | "nil" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

/// Unicode vulgar fractions and their value: numerator and denominator.
const VULGAR: &[(char, f64, f64)] = &[
    ('½', 1.0, 2.0),
    ('⅓', 1.0, 3.0),
    ('⅔', 2.0, 3.0),
    ('¼', 1.0, 4.0),
    ('¾', 3.0, 4.0),
    ('⅕', 1.0, 5.0),
    ('⅖', 2.0, 5.0),
    ('⅗', 3.0, 5.0),
    ('⅘', 4.0, 5.0),
    ('⅙', 1.0, 6.0),
    ('⅚', 5.0, 6.0),
    ('⅐', 1.0, 7.0),
    ('⅛', 1.0, 8.0),
    ('⅜', 3.0, 8.0),
    ('⅝', 5.0, 8.0),
    ('⅞', 7.0, 8.0),
    ('⅑', 1.0, 9.0),
    ('⅒', 1.0, 10.0),
];

/// Fractions in digits at `start`: "3/4", "2 1/4" (2.25), "½", "2½". A proper
/// fraction is required ("24/7" and "50/50" are not shares), and neither side may
/// run on into a date or code ("3/4/2023", "01/02").
pub fn digit_fraction(text: &str, start: usize) -> Option<WordNumber> {
    if start >= text.len() || !text.is_char_boundary(start) || glued_before(text, start) {
        return None;
    }
    let bytes = text.as_bytes();
    let run = |at: usize| bytes.get(at..).map_or(0, |b| b.iter().take_while(|c| c.is_ascii_digit()).count());
    let vulgar = |at: usize| {
        let c = text.get(at..)?.chars().next()?;
        VULGAR.iter().find(|v| v.0 == c).map(|v| (v.1, v.2, at + c.len_utf8()))
    };
    let slash = |at: usize| -> Option<(f64, f64, usize)> {
        let n = run(at);
        let sep = text.get(at + n..)?.chars().next().filter(|c| *c == '/' || *c == '⁄')?;
        let d_at = at + n + sep.len_utf8();
        let d = run(d_at);
        if n == 0 || d == 0 || n > 3 || d > 4 || bytes[at] == b'0' || bytes[d_at] == b'0' {
            return None;
        }
        let num: f64 = text[at..at + n].parse().ok()?;
        let den: f64 = text[d_at..d_at + d].parse().ok()?;
        // "1/2023" is a month and year, not a share.
        (num < den && (2.0..=1000.0).contains(&den)).then_some((num, den, d_at + d))
    };
    let whole_len = run(start);
    let (whole, (num, den, end)) = if whole_len == 0 {
        (None, vulgar(start)?)
    } else if let Some(v) = vulgar(start + whole_len) {
        (Some(start + whole_len), v)
    } else if let Some(f) = slash(start) {
        (None, f)
    } else {
        // "2 1/4", "2 ½": a whole part of a few digits ("2022 1/3" is a year and a share).
        let gap = text[start + whole_len..].bytes().take_while(|b| *b == b' ').count();
        if gap == 0 || gap > 2 || whole_len > 3 {
            return None;
        }
        let at = start + whole_len + gap;
        (Some(start + whole_len), vulgar(at).or_else(|| slash(at))?)
    };
    let rest = &text[end..];
    let mut chars = rest.chars();
    let runs_on = match chars.next() {
        Some(c) if c.is_alphanumeric() || c == '_' => true,
        Some('/' | '.' | ',' | '-' | ':') => chars.next().is_some_and(|c| c.is_ascii_digit()),
        _ => false,
    };
    if runs_on || text[start..end].starts_with("9/11") {
        return None;
    }
    let whole_value: f64 = match whole {
        Some(w) => text[start..w].parse().ok()?,
        None => 0.0,
    };
    Some(WordNumber {
        end,
        value: Some(whole_value + num / den),
        half_unit: 0.5 / den,
        form: Form::Plain,
        fraction: whole.is_none(),
        lexicon: Vec::new(),
    })
}

#[cfg(test)]
mod tests;
