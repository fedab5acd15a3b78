//! Times in prose: dates, months, weekdays, years, decades, fiscal years, quarters,
//! ages, durations, and times stated against the publication date. Read before
//! other figures so that their digits are never counts.
//!
//! A mention's `time` is an ISO 8601 value, or ISO 8601-2 where the base standard
//! has none:
//!
//! - a date "2023-04-06", a month and day without a year "--04-06", a month
//!   "2023-03" (or "--03" without a year), a year "2022";
//! - a quarter "2023-Q3", a half "2023-H1", a fiscal year "FY2023", a season
//!   "2021/2022", an ISO week "2023-W14";
//! - a decade "199X" and a century "20XX": periods, with ISO 8601-2's unspecified
//!   digits;
//! - a duration or an age "P18M", "PT3H", "P58Y".
//!
//! A part of a period ("mid-2022", "early March", "late last year", "the end of
//! March") is read as the period it is part of ("2022", "--03"), with a note that
//! only part is meant: claims can still take "by mid-2022" as the year 2022. "since
//! 2014" is the year 2014, its text including "since" and a note saying the span
//! runs to the time of writing. "the 10th anniversary" and "in its 12th year" are
//! ordinals with the unit "anniversary" or "year": n years have passed at the one,
//! n − 1 to n in the other. Times counted from the publication date, durations and
//! weekdays are read in `relative`.

use std::ops::Range;

use regex::Regex;

use super::calendar::numeric_date;
use super::relative;
use super::taken::Taken;
use super::{Context, Mention, MentionKind};
use crate::interval::Interval;

const MONTHS: &str = r"January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?";

/// Compiled patterns for every temporal expression extraction knows.
///
/// `any` finds every form in one pass (an alternative per form, leftmost first and,
/// at one position, in the order written: a date before its year). It only finds:
/// filling capture groups in a pattern that large costs more than the search, so
/// each match is then read by hand, by the reader its first word chooses; the
/// pattern guarantees the shape each reader takes apart.
#[derive(Debug)]
pub struct TemporalPatterns {
    any: Regex,
}

const B: &str = r"(?-u:\b)";
const ISO: &str = r"[0-9]{4}-[0-9]{2}-[0-9]{2}";
/// "04/06/2023", "04/06/23", "4.6.2023": read by the locale's order (`calendar`).
const NUMERIC: &str = r"[0-9]{1,2}/[0-9]{1,2}/(?:[0-9]{4}|[0-9]{2})|[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{4}";
const FISCAL: &str = r"FY(?-u:\s)?'?(?:[0-9]{4}|[0-9]{2})|[Ff]iscal(?-u:\s)+(?:[Yy]ear(?-u:\s)+)?[0-9]{4}";
const QUARTER: &str = r"(?:(?i-u:q)[1-4]|(?i-u:first|second|third|fourth)[- ](?i-u:quarter)|(?i-u:h)[12]|(?i-u:first|second) (?i-u:half))(?:(?-u:\s)+(?:of(?-u:\s)+)?[0-9]{4})?";
const SEASON: &str = r"(?:19|20)[0-9]{2}(?:-|–|/)[0-9]{2}";
/// "1990s", "1990's"; "'90s" is found from its digits, its apostrophe checked by hand.
const DECADE: &str = r"(?:1[0-9]|20)?[0-9]0'?s";
const CENTURY: &str = r"[0-9]{1,2}(?:st|nd|rd|th)(?:-|(?-u:\s)+)(?i-u:century)";
const ORDINAL_WORDS: [&str; 10] =
    ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];
const WEEKDAY: &str = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?";
const AGE: &str = r"(?:[Aa]ged|[Aa]ge(?:(?-u:\s)+of)?|[Tt]urned)(?-u:\s)+[0-9]{1,3}";
/// "Putin, 70, said", "Jane Doe (72)": found from the digits, the name checked by
/// hand. It ends in punctuation, so it is the one form without a word boundary after.
const APPOSITION: &str = r"[0-9]{1,3}(?:,(?-u:\s)|\))";
const YEAR: &str = r"1[89][0-9]{2}|20[0-9]{2}|2100";

fn month_day() -> String {
    format!(r"(?:{MONTHS})(?-u:\s)+[0-9]{{1,2}}(?:st|nd|rd|th)?{B}(?:,?(?-u:\s)+[0-9]{{4}}{B})?")
}
fn day_month() -> String {
    format!(r"[0-9]{{1,2}}(?:st|nd|rd|th)?(?-u:\s)+(?:of(?-u:\s)+)?(?:{MONTHS})(?:,?(?-u:\s)+[0-9]{{4}}{B})?")
}
fn month_year() -> String {
    format!(r"(?:{MONTHS})(?-u:\s)+(?:of(?-u:\s)+)?[0-9]{{4}}")
}
/// "the 10th anniversary", "in its second year".
fn ordinal_time_pattern() -> String {
    format!(r"(?:[0-9]{{1,3}}(?:st|nd|rd|th)|(?i-u:{}))[- ](?i-u:anniversary|year)", ORDINAL_WORDS.join("|"))
}
/// "mid-2022", "early March", "late last year", "the end of the 1990s".
fn part() -> String {
    let decade = r"(?:1[0-9]|20)[0-9]0'?s|(?:'|’)[0-9]0s";
    let time = format!(
        r"(?:{MONTHS})(?:,?(?-u:\s)+[0-9]{{4}})?|(?:1[0-9]|20)[0-9]{{2}}|{decade}|(?:last|this|next)(?-u:\s)+(?:year|month)"
    );
    format!(
        r"(?:[Ee]arly|[Ll]ate|[Mm]id|(?:[Ee]nd|[Ss]tart|[Bb]eginning|[Mm]iddle)(?-u:\s)+of)(?:[- ](?:{time})|(?-u:\s)+the(?-u:\s)+(?:year|month|{decade}))"
    )
}
fn since() -> String {
    format!(r"[Ss]ince(?-u:\s)+(?:{SEASON}|{YEAR})")
}

impl TemporalPatterns {
    pub fn new() -> Result<TemporalPatterns, regex::Error> {
        // The order of the alternatives is the order of precedence. All but the
        // apposition end at a word boundary.
        let forms = [
            ISO,
            NUMERIC,
            &month_day(),
            &day_month(),
            &month_year(),
            FISCAL,
            QUARTER,
            SEASON,
            CENTURY,
            DECADE,
            &ordinal_time_pattern(),
            &part(),
            &since(),
            WEEKDAY,
            AGE,
            &relative::span(),
            relative::DAY_WORD,
            YEAR,
        ];
        let mut any = forms.iter().map(|f| format!("(?:{f}){B}")).collect::<Vec<_>>();
        any.push(format!("(?:{APPOSITION})"));
        let pattern = format!("{B}(?:{})", any.join("|"));
        // ASCII only: Unicode classes and case folding make the automaton several
        // times larger, and every form is written in ASCII.
        Ok(TemporalPatterns { any: regex::RegexBuilder::new(&pattern).unicode(false).build()? })
    }

    /// Every temporal mention in `prose` that overlaps nothing `taken`, in order.
    pub fn find(&self, prose: &str, context: &Context, taken: &mut Taken) -> Vec<Mention> {
        let mut found: Vec<Mention> = Vec::with_capacity(super::expected_mentions(prose, 64));
        for m in self.any.find_iter(prose) {
            if let Some(m) = self.read(prose, m.range(), context).filter(|m| taken.take(&m.range)) {
                found.push(m);
            }
        }
        found
    }

    /// The mention one match states, or `None` when it turns out not to be a time.
    /// The form is told by the first word; no text is wholly two forms at once.
    fn read(&self, prose: &str, whole: Range<usize>, context: &Context) -> Option<Mention> {
        let text = &prose[whole.clone()];
        if text.starts_with(|c: char| c.is_ascii_digit()) {
            return self.read_digits(prose, whole, context);
        }
        let word_len = text.bytes().take_while(u8::is_ascii_alphabetic).count();
        // The first word in lower case, without allocating: no word told apart here is
        // longer than twelve letters.
        let mut buffer = [0u8; 12];
        let word: &[u8] = match text.as_bytes().get(..word_len).filter(|w| w.len() <= buffer.len()) {
            Some(w) => {
                buffer[..w.len()].copy_from_slice(w);
                buffer[..w.len()].make_ascii_lowercase();
                &buffer[..w.len()]
            }
            None => b"",
        };
        match word {
            b"monday" | b"tuesday" | b"wednesday" | b"thursday" | b"friday" | b"saturday" | b"sunday" | b"mondays"
            | b"tuesdays" | b"wednesdays" | b"thursdays" | b"fridays" | b"saturdays" | b"sundays" => {
                Some(relative::weekday(prose, whole, context))
            }
            b"today" | b"yesterday" | b"tomorrow" => Some(relative::day_word(prose, whole, context)),
            b"fy" | b"fiscal" => {
                // "FY2023", "FY'23", "fiscal year 2024": the year is the digits at the end.
                let year = &text[text.rfind(|c: char| !c.is_ascii_digit())? + 1..];
                let time = if year.len() == 2 { format!("FY20{year}") } else { format!("FY{year}") };
                Some(temporal(MentionKind::Period, whole, Some(time)))
            }
            b"q" | b"h" | b"first" | b"second" | b"third" | b"fourth" => {
                quarter(text, whole.clone()).or_else(|| ordinal_time(prose, whole))
            }
            w if ORDINAL_WORDS.iter().any(|o| o.as_bytes() == w) => ordinal_time(prose, whole),
            b"early" | b"late" | b"mid" | b"end" | b"start" | b"beginning" | b"middle" => {
                self.part(prose, whole, context)
            }
            b"since" => {
                let year_start = whole.end - text[word_len..].trim_start().len();
                let mut m = self.read_digits(prose, year_start..whole.end, context)?;
                m.range.start = whole.start;
                m.note = Some("since: a span from this time to the time of writing".into());
                Some(m)
            }
            b"aged" | b"age" | b"turned" => age(prose, whole, &text[..word_len]),
            _ if text.starts_with(|c: char| c.is_ascii_uppercase()) && month_number(&text[..word_len]).is_some() => {
                date_in_words(text, whole)
            }
            _ => relative::read_span(prose, whole, context),
        }
    }

    /// A match that starts with digits: a year, a date, a decade, an age, a duration.
    fn read_digits(&self, prose: &str, whole: Range<usize>, context: &Context) -> Option<Mention> {
        let text = &prose[whole.clone()];
        let digits = text.bytes().take_while(u8::is_ascii_digit).count();
        let rest = &text[digits..];
        // Digits after "6,107." are the decimals of a figure: "6,107.31 August 2019"
        // names only the month, and "1,000 years" is no span of 000 years.
        let mut before = prose[..whole.start].chars().rev();
        if matches!(before.next(), Some(',' | '.')) && before.next().is_some_and(|c| c.is_ascii_digit()) {
            let date = DateWords::read(text)?;
            let time = format!("{}-{:02}", date.year?, date.month);
            return Some(temporal(MentionKind::Date, whole.start + date.month_at..whole.end, Some(time)));
        }
        if rest.is_empty() && digits == 4 {
            return stands_alone_as_year(prose, whole.clone())
                .then(|| temporal(MentionKind::Year, whole, Some(text.to_string())));
        }
        if digits <= 2 && rest.starts_with(['/', '.']) && text.bytes().all(|b| b.is_ascii_digit() || b"/.".contains(&b))
        {
            let (time, note) = numeric_date(text, context.locale)?;
            return Some(Mention { note, ..temporal(MentionKind::Date, whole, Some(time)) });
        }
        if digits == 4 && rest.starts_with(['-', '–', '/']) {
            let tail = rest.trim_start_matches(['-', '–', '/']);
            if tail.len() == 2 && tail.bytes().all(|b| b.is_ascii_digit()) {
                return season(prose, whole);
            }
            if text.len() == 10
                && text.bytes().enumerate().all(|(i, b)| b.is_ascii_digit() || (b == b'-' && (i == 4 || i == 7)))
            {
                return Some(temporal(MentionKind::Date, whole, valid_date(text).then(|| text.to_string())));
            }
        }
        if rest == "s" || rest == "'s" {
            return decade(prose, whole);
        }
        if rest.starts_with([',', ')']) || rest.trim_start() == "said" {
            return apposition(prose, whole);
        }
        if ["st", "nd", "rd", "th"].iter().any(|s| rest.starts_with(s)) {
            let lower = rest.to_ascii_lowercase();
            if lower.ends_with("century") {
                let n: u32 = text[..digits].parse().ok()?;
                return (1..=30)
                    .contains(&n)
                    .then(|| temporal(MentionKind::Period, whole, Some(format!("{:02}XX", n - 1))));
            }
            if lower.ends_with("anniversary") || lower.ends_with("year") {
                return ordinal_time(prose, whole);
            }
        }
        if rest.bytes().any(|b| b.is_ascii_uppercase()) {
            if let Some(m) = date_in_words(text, whole.clone()) {
                return Some(m);
            }
        }
        relative::read_span(prose, whole, context)
    }

    /// "mid-2022", "early March", "late last year", "the end of the 1990s": the time
    /// after the first words, read as itself, with a note that only part is meant.
    fn part(&self, prose: &str, whole: Range<usize>, context: &Context) -> Option<Mention> {
        let text = &prose[whole.clone()];
        let word_len = text.bytes().take_while(u8::is_ascii_alphabetic).count();
        let part = match text[..word_len].to_ascii_lowercase().as_str() {
            "early" => "the early part",
            "late" => "the late part",
            "mid" | "middle" => "the middle",
            "end" => "the end",
            _ => "the start",
        };
        let mut at = word_len;
        let skip = |at: &mut usize, word: &str| {
            let rest = text[*at..].trim_start_matches([' ', '-', '\t', '\n', '\u{a0}']);
            let skipped = text.len() - rest.len();
            if word.is_empty() {
                *at = skipped;
            } else if rest.starts_with(word) && rest[word.len()..].starts_with(char::is_whitespace) {
                *at = skipped + word.len();
            }
        };
        skip(&mut at, "of");
        skip(&mut at, "the");
        skip(&mut at, "");
        let inner = whole.start + at..whole.end;
        let inner_text = &prose[inner.clone()];
        let mut m = if inner_text == "year" || inner_text == "month" {
            // "the end of the year": which year the text has in mind, not the publication's.
            let kind = if inner_text == "year" { MentionKind::Year } else { MentionKind::Date };
            relative::relative(kind, inner, None, Some("the one in context"))
        } else if inner_text.len() == 4 && inner_text.bytes().all(|b| b.is_ascii_digit()) {
            temporal(MentionKind::Year, inner, Some(inner_text.to_string()))
        } else if inner_text.ends_with('s') {
            decade(prose, inner)?
        } else if let Some(date) = DateWords::read(inner_text) {
            let time = match date.year {
                Some(year) => format!("{year}-{:02}", date.month),
                None => format!("--{:02}", date.month),
            };
            temporal(MentionKind::Date, inner, Some(time))
        } else {
            relative::read_span(prose, inner, context)?
        };
        m.range = whole;
        let note = format!("only {part} of it");
        m.note = Some(match m.note {
            Some(other) => format!("{note}; {other}"),
            None => note,
        });
        Some(m)
    }
}

fn temporal(kind: MentionKind, range: Range<usize>, time: Option<String>) -> Mention {
    Mention { time, ..Mention::new(kind, range) }
}

/// A date in words, in either order: "April 6, 2023", "6th of April 2023", "Apr. 6",
/// "April 2023". The combined search guarantees the shape; this takes it apart.
struct DateWords<'t> {
    month: u8,
    /// Where the month's name starts in the text.
    month_at: usize,
    day: Option<u8>,
    year: Option<&'t str>,
}

impl<'t> DateWords<'t> {
    fn read(text: &'t str) -> Option<DateWords<'t>> {
        let (mut month, mut day, mut year) = (None, None, None);
        for token in text.split(|c: char| c.is_whitespace() || c == ',') {
            if token.is_empty() || token == "of" {
                continue;
            }
            // The token's offset in the text: both point into the same string.
            let start = token.as_ptr() as usize - text.as_ptr() as usize;
            let digits = token.bytes().take_while(u8::is_ascii_digit).count();
            let suffix = &token[digits..];
            if digits == 4 && suffix.is_empty() && year.is_none() {
                year = Some(token);
            } else if (1..=2).contains(&digits) && ["", "st", "nd", "rd", "th"].contains(&suffix) && day.is_none() {
                day = token[..digits].parse().ok();
            } else if digits == 0 && month.is_none() {
                month = Some((month_number(token)?, start));
            } else {
                return None;
            }
        }
        let (month, month_at) = month?;
        Some(DateWords { month, month_at, day, year })
    }
}

/// A date or month written in words ("April 6, 2023", "6 April", "April 2023").
fn date_in_words(text: &str, whole: Range<usize>) -> Option<Mention> {
    let date = DateWords::read(text)?;
    let time = match (date.day, date.year) {
        (Some(day), year) => date_iso(year, date.month, day),
        (None, Some(year)) => Some(format!("{year}-{:02}", date.month)),
        (None, None) => return None,
    };
    Some(temporal(MentionKind::Date, whole, time))
}

/// "Q3 2023", "the second quarter of 2022", "H1", "the first half": "2023-Q3", "H1".
fn quarter(text: &str, whole: Range<usize>) -> Option<Mention> {
    let mut words = text.split(|c: char| c.is_whitespace() || c == '-').filter(|w| !w.is_empty());
    let first = words.next()?;
    let part = match first.as_bytes() {
        [b'q' | b'Q', n @ b'1'..=b'4'] => format!("Q{}", *n as char),
        [b'h' | b'H', n @ b'1'..=b'2'] => format!("H{}", *n as char),
        _ => {
            let n = ORDINAL_WORDS[..4].iter().position(|w| w.eq_ignore_ascii_case(first))? + 1;
            match words.next()? {
                w if w.eq_ignore_ascii_case("quarter") => format!("Q{n}"),
                w if w.eq_ignore_ascii_case("half") && n <= 2 => format!("H{n}"),
                _ => return None,
            }
        }
    };
    let year = words.find(|w| *w != "of");
    let time = match year {
        Some(year) if year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()) => format!("{year}-{part}"),
        Some(_) => return None,
        None => part,
    };
    Some(temporal(MentionKind::Period, whole, Some(time)))
}

/// "2021-22": a season, when the second is the year after the first; "2021-25" is a
/// range, whose first figure is still a year.
fn season(prose: &str, whole: Range<usize>) -> Option<Mention> {
    let text = &prose[whole.clone()];
    let first: i32 = text[..4].parse().ok()?;
    let second: i32 = text[text.len() - 2..].parse().ok()?;
    if (first + 1) % 100 == second {
        return Some(temporal(MentionKind::Period, whole, Some(format!("{}/{}", first, first + 1))));
    }
    let year = whole.start..whole.start + 4;
    stands_alone_as_year(prose, year.clone()).then(|| temporal(MentionKind::Year, year, Some(text[..4].to_string())))
}

/// "1990s", "1990's", "'90s": the decade, "199X". Two digits need their apostrophe
/// ("in their 90s" is an age, "in the 90s" may be a temperature); "'20s" may be
/// either century and keeps no value. "1900s" may mean the whole century: a note
/// says so.
fn decade(prose: &str, range: Range<usize>) -> Option<Mention> {
    let mut start = range.start;
    let mut text = &prose[range.clone()];
    let mut apostrophe = false;
    if let Some(c) = text.chars().next().filter(|c| *c == '\'' || *c == '’') {
        text = &text[c.len_utf8()..];
        apostrophe = true;
    } else if let Some(c) = prose[..start].chars().next_back().filter(|c| *c == '\'' || *c == '’') {
        start -= c.len_utf8();
        apostrophe = true;
    }
    let digits = &text[..text.bytes().take_while(u8::is_ascii_digit).count()];
    let (time, note) = match digits.len() {
        4 => (Some(format!("{}X", &digits[..3])), digits.ends_with("00").then_some("or the whole century")),
        2 if apostrophe => match digits.as_bytes()[0] {
            b'3'..=b'9' => (Some(format!("19{}X", &digits[..1])), None),
            b'0' | b'1' => (Some(format!("20{}X", &digits[..1])), None),
            _ => (None, Some("the 1920s or the 2020s")),
        },
        _ => return None,
    };
    Some(Mention { note: note.map(str::to_string), ..temporal(MentionKind::Period, start..range.end, time) })
}

/// "the 10th anniversary", "in its second year": an ordinal with its noun as unit.
/// "year" only after a possessive ("its", "their"): "the second year" is as often
/// a school year or a rank.
fn ordinal_time(prose: &str, whole: Range<usize>) -> Option<Mention> {
    let text = &prose[whole.clone()];
    let split = text.find([' ', '-'])?;
    let (ordinal, noun) = (text[..split].to_ascii_lowercase(), text[split + 1..].to_ascii_lowercase());
    let n = match ordinal.trim_end_matches(char::is_alphabetic).parse::<u32>() {
        Ok(n) => n,
        Err(_) => ORDINAL_WORDS.iter().position(|w| *w == ordinal)? as u32 + 1,
    };
    if noun == "year" {
        let before = super::text_before(prose, whole.start, super::LOOK_AROUND).trim_end();
        let possessive = before.rsplit(char::is_whitespace).next().unwrap_or("").to_ascii_lowercase();
        if !["its", "their", "his", "her", "our", "my", "your"].contains(&possessive.as_str()) {
            return None;
        }
    }
    let value = f64::from(n);
    Some(Mention { unit: Some(noun), ..Mention::valued(MentionKind::Ordinal, whole, value, Interval::point(value)) })
}

/// Words before "age 18" that make it a threshold, not someone's age.
const THRESHOLD_WORDS: &[&str] = &[
    "under",
    "over",
    "from",
    "above",
    "below",
    "until",
    "till",
    "to",
    "retirement",
    "pension",
    "voting",
    "minimum",
    "maximum",
    "legal",
    "school",
    "leaving",
    "state",
    "drinking",
    "consent",
    "by",
];

/// "aged 72", "age 72", "at the age of 72", "turned 82": an age in years (or in
/// months, weeks or days when the word after says so: "aged 3 months").
fn age(prose: &str, whole: Range<usize>, word: &str) -> Option<Mention> {
    let text = &prose[whole.clone()];
    let years: f64 = text.rsplit(char::is_whitespace).next()?.parse().ok()?;
    let raw = &prose[whole.end..];
    let after = raw.trim_start();
    let next_word = &after[..after.bytes().take_while(u8::is_ascii_alphabetic).count()];
    let next_is = |words: &[&str]| words.iter().any(|w| w.eq_ignore_ascii_case(next_word));
    // "turned 90 degrees", "turned 5% lower": a figure of something else.
    if after.starts_with(['%', '°']) || next_is(&["degrees", "percent", "per", "points", "pc"]) {
        return None;
    }
    let aged = word.eq_ignore_ascii_case("aged");
    if word.eq_ignore_ascii_case("age") {
        let mut before = super::text_before(prose, whole.start, super::LOOK_AROUND)
            .rsplit(char::is_whitespace)
            .filter(|w| !w.is_empty());
        let threshold = |w: &str| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            THRESHOLD_WORDS.iter().any(|t| t.eq_ignore_ascii_case(w))
        };
        if before.by_ref().take(2).any(threshold) {
            return None;
        }
    } else if !aged {
        // "turned 5% higher", "turned 100,000", "turned 2.5 million": not an age.
        let continues =
            raw.starts_with('%') || (raw.starts_with([',', '.']) && raw[1..].starts_with(|c: char| c.is_ascii_digit()));
        if continues || next_is(&["percent", "per", "million", "billion", "thousand", "points"]) {
            return None;
        }
    }
    if !aged && !(1.0..=120.0).contains(&years) {
        return None;
    }
    let mut m = Mention {
        time: Some(format!("P{years}Y")),
        unit: Some("years".into()),
        ..Mention::valued(MentionKind::Age, whole.clone(), years, Interval::point(years))
    };
    let short = [("months", 'M'), ("weeks", 'W'), ("days", 'D')]
        .into_iter()
        .find(|(unit, _)| next_is(&[unit, &unit[..unit.len() - 1]]));
    if let Some((unit, designator)) = short {
        m.range.end = whole.end + (raw.len() - after.len()) + next_word.len();
        m.time = Some(format!("P{years}{designator}"));
        m.unit = Some(unit.into());
    }
    Some(m)
}

/// A name's age set off after it: "Putin, 70, said", "Varga, 29, born in",
/// "Jane Doe (72)". The word before must be a capitalised name, not a month or
/// weekday ("On Monday, 12, …" is no age), and the age at most 120.
fn apposition(prose: &str, whole: Range<usize>) -> Option<Mention> {
    let text = &prose[whole.clone()];
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    let years: f64 = text[..digits].parse().ok()?;
    if !(1.0..=120.0).contains(&years) {
        return None;
    }
    let before = &prose[..whole.start];
    let name_end = if text[digits..].starts_with(')') {
        before.strip_suffix('(')?.strip_suffix(' ')?
    } else {
        before.strip_suffix(' ')?.strip_suffix(',')?
    };
    let name_start = name_end
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic() || *c == '-' || *c == '\'' || *c == '’' || *c == '.')
        .last()
        .map(|(i, _)| i)?;
    let name = &name_end[name_start..];
    if !name.starts_with(char::is_uppercase)
        || month_number(name).is_some()
        || name.trim_end_matches('s').ends_with("day")
        || name_start > 0 && name_end[..name_start].ends_with(|c: char| c.is_alphanumeric())
    {
        return None;
    }
    // "Jane Doe (72)" names a person; "London (8)" a place with a count. In brackets,
    // a first name must come before the surname.
    if text[digits..].starts_with(')') {
        let first = super::text_before(name_end, name_start, super::LOOK_AROUND).trim_end();
        let first_word = first.rsplit(char::is_whitespace).next().unwrap_or("");
        if first.len() == name_start || !first_word.starts_with(char::is_uppercase) {
            return None;
        }
    }
    let range = whole.start..whole.start + digits;
    Some(Mention {
        time: Some(format!("P{years}Y")),
        unit: Some("years".into()),
        ..Mention::valued(MentionKind::Age, range, years, Interval::point(years))
    })
}

/// A four-digit number is a year unless it is part of a larger figure: money,
/// a percentage, a decimal, a grouped number, or a count with a noun ("2000 people"
/// stays ambiguous, and is read as a year only after "in", "since" and the like).
fn stands_alone_as_year(prose: &str, range: Range<usize>) -> bool {
    let before = &prose[..range.start];
    let after = &prose[range.end..];
    let prev = before.chars().next_back();
    let next = after.chars().next();
    if prev.is_some_and(|c| {
        matches!(c, '$' | '€' | '£' | '¥' | '.' | ',' | '-' | '–' | '/' | '#' | ':') || c.is_alphanumeric()
    }) {
        return false;
    }
    if next.is_some_and(|c| c == '%' || c.is_alphanumeric())
        || after.starts_with(",0")
        || after.starts_with(".0")
        || (after.starts_with('.') && after[1..].starts_with(|c: char| c.is_ascii_digit()))
    {
        return false;
    }
    let after_word = after.trim_start().split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    // A word a count is of makes it a count ("2000 employees"), unless a time word
    // comes before ("in 2000 people moved"); the word before is read only then.
    if !COUNTED_AFTER_YEAR.iter().any(|w| w.eq_ignore_ascii_case(after_word)) {
        return true;
    }
    let before_word =
        super::text_before(prose, range.start, super::LOOK_AROUND).split_whitespace().next_back().unwrap_or("");
    YEAR_PREPOSITIONS.iter().any(|w| w.eq_ignore_ascii_case(before_word))
}

/// Words after a four-digit number that make it a count, not a year.
const COUNTED_AFTER_YEAR: &[&str] = &[
    "percent",
    "per",
    "million",
    "billion",
    "thousand",
    "dollars",
    "euros",
    "pounds",
    "rupees",
    "yen",
    "people",
    "units",
    "employees",
    "workers",
    "staff",
    "jobs",
    "homes",
    "houses",
    "cases",
    "deaths",
    "patients",
    "students",
    "members",
    "votes",
    "voters",
    "tonnes",
    "tons",
    "barrels",
    "containers",
    "vehicles",
    "cars",
    "passengers",
    "visitors",
    "troops",
    "soldiers",
    "residents",
    "children",
    "users",
    "customers",
    "officers",
    "beds",
    "miles",
    "km",
    "kilometres",
    "metres",
    "feet",
    "acres",
    "hectares",
    "points",
    "words",
    "pages",
    "shares",
];

/// Words before a four-digit number that keep it a year whatever follows.
const YEAR_PREPOSITIONS: &[&str] = &["in", "since", "by", "until", "till", "from", "during", "before", "after", "of"];

/// The month a name or its abbreviation names ("March", "Sept.", "jan").
pub(crate) fn month_number(name: &str) -> Option<u8> {
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let key = name.trim_end_matches('.');
    if key.len() < 3 {
        return None;
    }
    NAMES
        .iter()
        .position(|m| {
            m.eq_ignore_ascii_case(key)
                || m[..3].eq_ignore_ascii_case(key)
                || (*m == "september" && key.eq_ignore_ascii_case("sept"))
        })
        .map(|i| i as u8 + 1)
}

fn date_iso(year: Option<&str>, month: u8, day: u8) -> Option<String> {
    match year {
        Some(y) => {
            let iso = format!("{y}-{month:02}-{day:02}");
            valid_date(&iso).then_some(iso)
        }
        // ISO 8601's form for a month and day without a year.
        None => (1..=31).contains(&day).then(|| format!("--{month:02}-{day:02}")),
    }
}

fn valid_date(iso: &str) -> bool {
    iso.parse::<jiff::civil::Date>().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Form, Locale};
    use jiff::civil::date;

    fn mentions(text: &str, context: &Context) -> Vec<Mention> {
        static PATTERNS: std::sync::OnceLock<TemporalPatterns> = std::sync::OnceLock::new();
        PATTERNS.get_or_init(|| TemporalPatterns::new().unwrap()).find(text, context, &mut Taken::default())
    }

    fn times(text: &str) -> Vec<(MentionKind, String, Option<String>)> {
        mentions(text, &Context::default())
            .into_iter()
            .map(|m| (m.kind, text[m.range.clone()].to_string(), m.time))
            .collect()
    }

    /// The only mention in `text`, read with a publication date of Thursday 6 April 2023.
    fn one(text: &str) -> Mention {
        let found = mentions(text, &Context { publication: Some(date(2023, 4, 6)), locale: Locale::En });
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        found.into_iter().next().unwrap()
    }

    /// The kind, text and time of the only mention in `text`, read as of 6 April 2023.
    fn read(text: &str) -> (MentionKind, String, Option<String>) {
        let m = one(text);
        (m.kind, text[m.range].to_string(), m.time)
    }

    fn is(kind: MentionKind, text: &str, time: &str) -> (MentionKind, String, Option<String>) {
        (kind, text.to_string(), Some(time.to_string()))
    }

    #[test]
    fn dates_in_both_orders_with_and_without_year() {
        assert_eq!(
            times("on February 24, 2022 and 21 September 2022"),
            vec![
                (MentionKind::Date, "February 24, 2022".into(), Some("2022-02-24".into())),
                (MentionKind::Date, "21 September 2022".into(), Some("2022-09-21".into())),
            ]
        );
        assert_eq!(times("by Jan. 5")[0].2.as_deref(), Some("--01-05"));
        assert_eq!(times("on 1 October")[0].2.as_deref(), Some("--10-01"));
    }

    #[test]
    fn impossible_dates_keep_their_mention_without_a_value() {
        let found = times("on February 30, 2023");
        assert_eq!(found[0].0, MentionKind::Date);
        assert_eq!(found[0].2, None);
    }

    #[test]
    fn months_of_a_year_and_iso_dates() {
        assert_eq!(times("in September 2022")[0].2.as_deref(), Some("2022-09"));
        assert_eq!(times("released 2023-04-06.")[0].2.as_deref(), Some("2023-04-06"));
    }

    #[test]
    fn numeric_dates_are_read_in_the_locale_order() {
        let en = one("signed on 04/06/2023 in");
        assert_eq!((en.kind, en.time.as_deref()), (MentionKind::Date, Some("2023-04-06")));
        assert!(en.note.as_deref().is_some_and(|n| n.contains("2023-06-04")), "{:?}", en.note);
        let de = Context { publication: None, locale: Locale::De };
        for text in ["am 04/06/2023 in", "am 04.06.2023 in", "am 4.6.2023 in"] {
            let found = mentions(text, &de);
            assert_eq!(found[0].time.as_deref(), Some("2023-06-04"), "{text}");
            assert_eq!(found[0].note, None);
        }
        assert_eq!(one("from 12/25/2023 on").note, None);
        for text in ["on 13/25/2023 we", "on 3/4 we", "open 24/7 now", "since 9/11 the", "won 3-1 there", "at 10:30 on"]
        {
            assert!(times(text).iter().all(|t| t.0 != MentionKind::Date), "{text}: {:?}", times(text));
        }
    }

    #[test]
    fn parts_of_a_period_name_the_period_with_a_note() {
        let mid = one("by mid-2022 the");
        assert_eq!((mid.kind, mid.time.as_deref()), (MentionKind::Year, Some("2022")));
        assert_eq!(mid.note.as_deref(), Some("only the middle of it"));
        assert_eq!(read("in early March the"), is(MentionKind::Date, "early March", "--03"));
        assert_eq!(read("in late 2021 the"), is(MentionKind::Year, "late 2021", "2021"));
        assert_eq!(read("by the end of March 2023,"), is(MentionKind::Date, "end of March 2023", "2023-03"));
        assert_eq!(read("late last year"), is(MentionKind::Year, "late last year", "2022"));
        assert_eq!(read("in the late 1990s"), is(MentionKind::Period, "late 1990s", "199X"));
        let year = one("by the end of the year");
        assert_eq!((year.kind, year.time, year.form), (MentionKind::Year, None, Form::Relative));
    }

    #[test]
    fn years_stand_alone_but_not_inside_other_figures() {
        assert_eq!(times("in 2021, exports")[0].2.as_deref(), Some("2021"));
        assert!(times("$2021 and 2,021 and 2021% and 2021.5 and 2021 people").is_empty());
        let since = one("rising since 2014.");
        assert_eq!((since.kind, since.time.as_deref()), (MentionKind::Year, Some("2014")));
        assert_eq!(since.range, 7..17);
        assert!(since.note.is_some());
        assert_eq!(read("since 2014-15 there"), is(MentionKind::Period, "since 2014-15", "2014/2015"));
    }

    #[test]
    fn fiscal_years_quarters_seasons_decades_and_centuries() {
        assert_eq!(times("in FY2023")[0].2.as_deref(), Some("FY2023"));
        assert_eq!(times("in FY23")[0].2.as_deref(), Some("FY2023"));
        assert_eq!(times("for fiscal 2024")[0].2.as_deref(), Some("FY2024"));
        assert_eq!(times("in fiscal year 2024")[0].2.as_deref(), Some("FY2024"));
        assert_eq!(times("in Q3 2023")[0].2.as_deref(), Some("2023-Q3"));
        assert_eq!(times("in the third quarter")[0].2.as_deref(), Some("Q3"));
        assert_eq!(times("in the second quarter of 2022")[0].2.as_deref(), Some("2022-Q2"));
        assert_eq!(times("in H1")[0].2.as_deref(), Some("H1"));
        assert_eq!(times("in the first half")[0].2.as_deref(), Some("H1"));
        assert_eq!(times("in 2021-22 from")[0].2.as_deref(), Some("2021/2022"));
        assert_eq!(times("in 2021-25 from")[0].0, MentionKind::Year);
        assert_eq!(read("in the 1990s"), is(MentionKind::Period, "1990s", "199X"));
        assert_eq!(read("in the 2010s"), is(MentionKind::Period, "2010s", "201X"));
        assert_eq!(read("in the '90s"), is(MentionKind::Period, "'90s", "199X"));
        assert_eq!(read("in the ’80s"), is(MentionKind::Period, "’80s", "198X"));
        assert!(one("the 1900s").note.is_some());
        assert!(times("in their 90s and in the 90s").is_empty());
        assert_eq!(read("in the 21st century"), is(MentionKind::Period, "21st century", "20XX"));
        assert_eq!(read("6,107.31 August 2019"), is(MentionKind::Date, "August 2019", "2019-08"));
        assert_eq!(read("6,107.31\u{a0}August 2019"), is(MentionKind::Date, "August 2019", "2019-08"));
        assert_eq!(read("on 6th of April 2023"), is(MentionKind::Date, "6th of April 2023", "2023-04-06"));
        assert_eq!(read("in April of 2023"), is(MentionKind::Date, "April of 2023", "2023-04"));
    }

    #[test]
    fn weekdays_resolve_against_the_publication_date() {
        assert_eq!(times("on Thursday")[0], (MentionKind::Weekday, "Thursday".into(), Some("Thursday".into())));
        // Published Thursday 6 April 2023.
        let past = one("met on Wednesday");
        assert_eq!((past.time.as_deref(), past.unit.as_deref()), (Some("2023-04-05"), Some("Wednesday")));
        assert_eq!(past.form, Form::Relative);
        assert_eq!(one("met on Thursday").time.as_deref(), Some("2023-04-06"));
        assert_eq!(one("met last Thursday").time.as_deref(), Some("2023-03-30"));
        for future in
            ["will meet on Wednesday", "is due on Wednesday", "is scheduled for Wednesday", "on Wednesday next"]
        {
            assert_eq!(one(future).time.as_deref(), Some("2023-04-12"), "{future}");
        }
        assert_eq!(one("was due on Wednesday").time.as_deref(), Some("2023-04-05"));
        let paired = mentions(
            "on Thursday, April 7, 2023",
            &Context { publication: Some(date(2023, 4, 6)), ..Default::default() },
        );
        assert_eq!((paired[0].time.as_deref(), paired[0].form), (Some("Thursday"), Form::Plain));
        assert_eq!(paired[1].time.as_deref(), Some("2023-04-07"));
        let today =
            mentions("from today, Monday, the", &Context { publication: Some(date(2023, 4, 6)), ..Default::default() });
        assert_eq!(today[1].time.as_deref(), Some("Monday"));
        assert_eq!(one("shut on Mondays").time.as_deref(), Some("Monday"));
        assert_eq!(one("meets on the first Saturday of each month").time.as_deref(), Some("Saturday"));
        assert_eq!(one("Black Friday sales").time.as_deref(), Some("Friday"));
    }

    #[test]
    fn relative_times_resolve_against_the_publication_date() {
        assert_eq!(read("sold today"), is(MentionKind::Date, "today", "2023-04-06"));
        assert_eq!(read("sold yesterday"), is(MentionKind::Date, "yesterday", "2023-04-05"));
        assert_eq!(read("sells tomorrow"), is(MentionKind::Date, "tomorrow", "2023-04-07"));
        assert_eq!(read("Last year sales"), is(MentionKind::Year, "Last year", "2022"));
        assert_eq!(read("sales this year"), is(MentionKind::Year, "this year", "2023"));
        assert_eq!(read("sales next year"), is(MentionKind::Year, "next year", "2024"));
        assert_eq!(read("sales last month"), is(MentionKind::Date, "last month", "2023-03"));
        assert_eq!(read("sales next month"), is(MentionKind::Date, "next month", "2023-05"));
        assert_eq!(read("sales this month"), is(MentionKind::Date, "this month", "2023-04"));
        assert_eq!(read("earlier this month"), is(MentionKind::Date, "earlier this month", "2023-04"));
        assert_eq!(read("later this year"), is(MentionKind::Year, "later this year", "2023"));
        assert_eq!(read("sales last week"), is(MentionKind::Period, "last week", "2023-W13"));
        assert_eq!(read("two years ago"), is(MentionKind::Year, "two years ago", "2021"));
        assert_eq!(read("three months ago"), is(MentionKind::Date, "three months ago", "2023-01"));
        assert_eq!(read("A year ago"), is(MentionKind::Year, "A year ago", "2022"));
        assert_eq!(read("a decade ago"), is(MentionKind::Year, "a decade ago", "2013"));
        assert_eq!(read("5 days ago"), is(MentionKind::Date, "5 days ago", "2023-04-01"));
        let previous = one("in the previous year");
        assert_eq!((previous.kind, previous.time, previous.form), (MentionKind::Year, None, Form::Relative));
        assert!(previous.note.is_some());
        assert_eq!(one("the following year").time, None);
        assert_eq!(one("The next day it").note.as_deref(), Some("counted from another time the text names"));
        let ahead = one("hire 800 over the next year");
        assert_eq!((ahead.kind, ahead.time.as_deref()), (MentionKind::Duration, Some("P1Y")));
        assert_eq!(read("over the past decade"), is(MentionKind::Duration, "past decade", "P10Y"));
        assert_eq!(read("in the last decade"), is(MentionKind::Duration, "last decade", "P10Y"));
        let unknown = times("sold yesterday and two years ago, last month");
        assert_eq!(unknown.len(), 3);
        assert!(unknown.iter().all(|t| t.2.is_none()), "{unknown:?}");
    }

    #[test]
    fn durations_in_digits_and_words() {
        assert_eq!(read("for 18 months"), is(MentionKind::Duration, "18 months", "P18M"));
        assert_eq!(read("a 3-hour delay"), is(MentionKind::Duration, "3-hour", "PT3H"));
        assert_eq!(read("for eighteen months"), is(MentionKind::Duration, "eighteen months", "P18M"));
        assert_eq!(read("Two years of talks"), is(MentionKind::Duration, "Two years", "P2Y"));
        assert_eq!(read("for twenty-five years"), is(MentionKind::Duration, "twenty-five years", "P25Y"));
        assert_eq!(read("for a decade"), is(MentionKind::Duration, "a decade", "P10Y"));
        assert_eq!(read("within a year"), is(MentionKind::Duration, "a year", "P1Y"));
        assert_eq!(read("half a century"), is(MentionKind::Duration, "half a century", "P50Y"));
        assert_eq!(read("for a year and a half"), is(MentionKind::Duration, "a year and a half", "P1.5Y"));
        assert_eq!(read("for a couple of weeks"), is(MentionKind::Duration, "a couple of weeks", "P2W"));
        assert_eq!(read("a 30-second advert"), is(MentionKind::Duration, "30-second", "PT30S"));
        let after = one("three years after the vote");
        assert_eq!(
            (after.time.as_deref(), &"three years after the vote"[after.range.clone()]),
            (Some("P3Y"), "three years after")
        );
        assert!(after.note.is_some());
        let past = one("over the past five years");
        assert_eq!(
            ("over the past five years"[past.range.clone()].to_string(), past.time.as_deref()),
            ("past five years".into(), Some("P5Y"))
        );
        assert!(past.note.is_some());
        let final_months = &mentions("in the last three months of 2021", &Context::default())[0];
        assert_eq!((final_months.time.as_deref(), &final_months.note), (Some("P3M"), &None));
        assert_eq!(one("for 18 months").value, Some(18.0));
    }

    #[test]
    fn a_year_as_a_rate_or_noun_is_no_duration() {
        for text in [
            "£30,000 a year",
            "twice a day",
            "a year of growth",
            "a second term",
            "three quarters of voters",
            "One day, she left",
            "the twenty second of June",
            "1,000 years",
            "in the last year of the war",
            "during the last year of the war",
        ] {
            assert!(times(text).iter().all(|t| t.0 != MentionKind::Duration), "{text}: {:?}", times(text));
        }
    }

    #[test]
    fn ordinal_anniversaries_and_years() {
        let anniversary = one("the 10th anniversary of");
        assert_eq!(
            (anniversary.kind, anniversary.value, anniversary.unit.as_deref()),
            (MentionKind::Ordinal, Some(10.0), Some("anniversary"))
        );
        let year = one("now in its second year");
        assert_eq!((year.kind, year.value, year.unit.as_deref()), (MentionKind::Ordinal, Some(2.0), Some("year")));
        assert!(times("the second year of the war").is_empty());
    }

    #[test]
    fn ages_in_every_common_form() {
        for (text, age) in [
            ("the 58-year-old", "58-year-old"),
            ("aged 72", "aged 72"),
            ("Putin, 70, said", "70"),
            ("Varga, 29, born in", "29"),
            ("Jane Doe (72) said", "72"),
            ("at age 72 she", "age 72"),
            ("a 72 year old man", "72 year old"),
            ("at the age of 72", "age of 72"),
            ("who turned 82 in March", "turned 82"),
            ("Aged 72, she", "Aged 72"),
            ("a boy aged 3 months", "aged 3 months"),
            ("the two-year-old", "two-year-old"),
        ] {
            let m = one(text);
            assert_eq!((m.kind, &text[m.range.clone()]), (MentionKind::Age, age), "{text}");
        }
        assert_eq!(one("Putin, 70, said").time.as_deref(), Some("P70Y"));
        for text in [
            "On Monday, 12, then",
            "under age 18",
            "from the age of 16",
            "turned 5% higher",
            "Smith, 450, said",
            "rose 12, 13 and",
        ] {
            assert!(mentions(text, &Context::default()).iter().all(|m| m.kind != MentionKind::Age), "{text}");
        }
    }

    #[test]
    fn counts_places_and_range_ends_are_not_ages_years_or_durations() {
        let none_of = |text: &str, kind: MentionKind| {
            assert!(mentions(text, &Context::default()).iter().all(|m| m.kind != kind), "{text}: {:?}", times(text));
        };
        none_of("Of the 100 economists polled, 62 said rates would rise.", MentionKind::Age);
        none_of("Sales rose in Paris (12) and London (8).", MentionKind::Age);
        none_of("The ship turned 90 degrees to port.", MentionKind::Age);
        none_of("The firm has 2000 employees.", MentionKind::Year);
        none_of("He faces 10-15 years in prison.", MentionKind::Duration);
        assert_eq!(times("In 2000 people moved away")[0].0, MentionKind::Year);
        assert_eq!(times("Jane Doe (72) agreed")[0].0, MentionKind::Age);
    }
}
