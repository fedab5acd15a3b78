//! Stretches of prose that hold digits but state no quantity: addresses on the
//! web, telephone numbers, postcodes, times of day, versions, scores, names
//! with numbers in them, footnote markers, list numbers and codes.
//!
//! They are marked taken before any other pass reads the prose, so no mention
//! ever comes out of them. One pattern finds every candidate in a single pass;
//! its alternatives start with a digit, a rare byte ("@", "[", "+", "#") or a
//! literal word ("http", "ISBN", "Python"), never with an arbitrary letter, and
//! only a candidate costs more than the automaton's step. A candidate whose
//! shape alone does not settle it ("10-12" is a range, "3-1" after "won" a
//! score) is judged by a few checks of the words around it.
//!
//! Dates are never masked ("2023-04-06", "06/04/2023"): the temporal pass reads
//! them after this one. Nor are ranges ("10-12", "2019-2021"), decimals or
//! numbers grouped in thousands ("1,234,567", "1.234.567").

use std::ops::Range;

use regex::Regex;

use super::taken::Taken;

const B: &str = r"(?-u:\b)";

/// A web address from its scheme or "www."; trailing punctuation is cut by hand.
const URL: &str = r#"https?://[^\s<>"]+|www\.[^\s<>"]+"#;
/// A domain's ending followed by a path ("example.com/2023/04/x"); the name in
/// front is found by hand. Without a path a domain holds no figure worth a mask.
const DOMAIN_PATH: &str = r#"\.(?:com|org|net|edu|gov|int|info|biz|io|co|uk|us|ca|au|nz|ie|de|fr|eu|nl|be|ch|at|es|it|pt|se|no|dk|fi|pl|jp|cn|in|app|dev|ai|tv|me|news)(?:\.[a-z]{2})?/[^\s<>"]*"#;
/// An e-mail address or a handle, from its "@"; the local part is found by hand.
const AT: &str = r"@[A-Za-z0-9_](?:[A-Za-z0-9_.\-]*[A-Za-z0-9_])?";
const ISBN: &str = r"ISBN(?:-1[03])?:?[ ]?[0-9](?:[\- ]?[0-9]){8,12}(?:[\- ]?[Xx])?";
const DOI: &str = r#"10\.[0-9]{4,9}/[^\s<>"]+"#;
/// "3pm", "3 p.m.", "10.30am", "10:30", "10:30:15", "1430 GMT".
const TIME: &str = r"[0-9]{1,2}[ \u{a0}]?o['’]clock(?-u:\b)|[0-9]{1,2}(?:[:.][0-5][0-9]){0,2}[ \u{a0}]?(?:[aApP]\.[mM]\.?|[aApP][mM](?-u:\b))|[0-9]{1,2}:[0-5][0-9](?::[0-5][0-9])?(?-u:\b)|(?:[01][0-9]|2[0-3])[0-5][0-9][ \u{a0}]?(?:GMT|UTC|BST|CET|CEST|EET|EEST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|JST|AEST|AEDT|hrs)(?-u:\b)";
/// IPv6 written with digits first: eight groups, or fewer around "::".
const IPV6: &str = r"[0-9][0-9A-Fa-f]{0,3}(?::[0-9A-Fa-f]{1,4}){7}|[0-9][0-9A-Fa-f]{0,3}(?::[0-9A-Fa-f]{1,4}){0,6}::(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,6})?";
/// Digit-led groups, judged by `digit_groups`: a long run ("9780306406157"), a
/// number with a leading zero and groups ("020 7946 0000"), a card number, a
/// chain of three or more groups ("212-555-0199", "192.168.1.2", "2.1.3"), a
/// ZIP code, and the two-group forms ("555-0123", "3-1", "24/7").
const GROUPS: &str = r"[0-9]{10,}|0[0-9]{1,4}(?:[ \-.][0-9]{2,6}){1,3}|[0-9]{4}(?: [0-9]{4}){3}|[0-9]+(?:(?:[\-./]|–)[0-9]+){2,}|[0-9]{5}(?:-[0-9]{4})?|[0-9]{3}-[0-9]{4}|[0-9]{1,3}(?:-|–)[0-9]{1,3}|24/7|9/11";
/// "10-K", "3D", "5G".
const CODES: &str = r"[0-9]{1,2}-[A-Z]|[0-9][DG]";
/// A version written with a "v": "v3.24.0".
const VERSION: &str = r"[vV][0-9]+(?:\.[0-9]+)+";
/// A list number at the start of an item: "1. ", "2) ".
const LIST: &str = r"[0-9]{1,2}[.)][ ]";
/// The digits of a UK postcode ("SW1A 2AA" from "1A"); the area letters before
/// them are checked by hand, since the digits are not at a word start.
const POSTCODE: &str = r"[0-9][0-9A-Z]?[ ][0-9][A-Z]{2}(?-u:\b)";
/// "(020) 7946 0000", "(212) 555-0199", and list numbers "(3) ".
const BRACKET: &str = r"\([0-9]{2,5}\)[ ]?[0-9]{3,4}[ \-.]?[0-9]{3,4}(?-u:\b)|\([0-9]{1,2}\)[ ]";
/// "+44 20 7946 0000", "+44 (0)20 7946 0000", "+1-222-2222/2222": groups after a
/// separator or in brackets, so that "+21.0%" is no candidate.
const PLUS_PHONE: &str = r"\+[0-9]{1,3}(?:[ \-./]?\([0-9]{1,5}\)[0-9]{0,5}|[ \-./][0-9]{1,5}){2,6}(?-u:\b)";
/// Footnote markers: "[1]", "[2, 5]", a caret one in brackets or not ("^4"), and
/// superscript digits.
const FOOTNOTE: &str = r"\[\^?[0-9]{1,3}(?:(?:[,\-–]|, )[0-9]{1,3})*\]|\^[0-9]{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]+";
const HEX: &str = r"#[0-9A-Fa-f]{3,8}(?-u:\b)";
/// Digits, letters, digits: serial numbers, hashes, "4x4". Not anchored to a
/// word start, so "A1B2C3" is masked from its first digit.
const SERIAL: &str = r"[0-9]+[A-Za-z]+[0-9][0-9A-Za-z]*";

/// Names followed by a number that is part of the name: products and their
/// versions, stock indices, and other names. Case matters ("Model 3", not "the
/// model 3 predicts"). Names figures.rs already treats as references
/// ("Windows", "iPhone", "Boeing", "Section") are left to it.
const NAMES: &[&str] = &[
    // Software and devices, whose number is a version or a model.
    "Python",
    "Java",
    "Ruby",
    "Perl",
    "PHP",
    "Kotlin",
    "Scala",
    "TypeScript",
    "Node",
    "Node.js",
    "Django",
    "Rails",
    "React",
    "Angular",
    "PostgreSQL",
    "Postgres",
    "MySQL",
    "MongoDB",
    "SQLite",
    "Kubernetes",
    "OpenSSL",
    "Linux",
    "Ubuntu",
    "Debian",
    "Fedora",
    "iOS",
    "iPadOS",
    "macOS",
    "watchOS",
    "tvOS",
    "visionOS",
    "Android",
    "Chrome",
    "Firefox",
    "Safari",
    "Excel",
    "Photoshop",
    "Xbox",
    "PlayStation",
    "Pixel",
    "Galaxy",
    "iPad",
    "Kindle",
    "Model",
    "Series",
    "Bluetooth",
    "USB",
    "HDMI",
    "PCIe",
    "Wi-Fi",
    "HTML",
    "Web",
    "GPT",
    // Stock indices and lists named by their size.
    "FTSE",
    "S&P",
    "Nasdaq",
    "Russell",
    "Nikkei",
    "Stoxx",
    "DAX",
    "CAC",
    "ASX",
    "Fortune",
    // Other names.
    "Formula",
    "Apollo",
    "Artemis",
    "Channel",
    "Radio",
    "Area",
    "Terminal",
    "Proposition",
    "Title",
    "Resolution",
];

/// Words that make the number before them an amount, whatever name precedes it.
const SCALES: &[&str] = &["thousand", "million", "billion", "trillion", "bn", "m", "per", "percent"];

/// The two-letter codes of US states, before a ZIP code.
const STATES: &[&str] = &[
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME",
    "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA",
    "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC", "PR",
];

/// Words before a score ("won 3-1", "beat the Comets 24-17").
const SCORE_BEFORE: &[&str] = &[
    "won",
    "win",
    "wins",
    "winning",
    "beat",
    "beats",
    "beating",
    "lost",
    "lose",
    "loses",
    "losing",
    "drew",
    "draw",
    "drawing",
    "defeated",
    "defeat",
    "defeating",
    "thrashed",
    "edged",
    "routed",
    "trounced",
    "outscored",
    "outscoring",
    "score",
    "scoreline",
    "scores",
    "led",
    "leading",
    "trailed",
    "trailing",
    "finished",
    "ended",
];

/// Words after a score ("a 2–0 win", "a 3-1 home victory").
const SCORE_AFTER: &[&str] = &[
    "win",
    "wins",
    "victory",
    "victories",
    "defeat",
    "defeats",
    "loss",
    "losses",
    "draw",
    "draws",
    "lead",
    "triumph",
    "thrashing",
    "drubbing",
    "scoreline",
];

/// Words that end with a full stop without ending a sentence, before a number
/// that is therefore no list number ("Jan. 5. The", "No. 2. It").
const ABBREVIATIONS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "nos", "vol", "fig",
    "art", "sec", "ch", "p", "pp", "st", "mr", "mrs", "ms", "dr", "prof", "gen", "op", "vs", "approx", "c", "ca",
];

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The pattern for every stretch that only looks like a figure.
#[derive(Debug)]
pub struct Masks {
    any: Regex,
}

/// What one candidate tells about the next: the list being numbered (the number
/// its next item would have, and where the last item's number ended) and where
/// the last score ended, for the sets of a match ("6-4, 3-6, 7-6").
struct State {
    list_next: Option<u32>,
    list_after: usize,
    score_end: Option<usize>,
}

impl Masks {
    /// Compiles the pattern; called once, with the other passes' patterns.
    pub fn new() -> Result<Masks, regex::Error> {
        let names = NAMES.iter().map(|n| regex::escape(n)).collect::<Vec<_>>().join("|");
        // Forms that start a word. At one position the first that matches wins: a
        // time before a decimal, a chain of groups before its first two.
        let groups = format!("(?:{GROUPS}){B}");
        let codes = format!("(?:{CODES}){B}");
        let version = format!("{VERSION}{B}");
        let word_led = [DOI, TIME, IPV6, &groups, &codes, &version, LIST].map(|f| format!("{B}(?:{f})")).join("|");
        let named = format!("{B}(?:{names})[ ][0-9]+(?:\\.[0-9]+)*{B}");
        let isbn = format!("{B}{ISBN}{B}");
        let pattern =
            [URL, DOMAIN_PATH, AT, &isbn, &word_led, POSTCODE, BRACKET, PLUS_PHONE, FOOTNOTE, HEX, &named, SERIAL]
                .join("|");
        Ok(Masks { any: Regex::new(&pattern)? })
    }

    /// Marks every not-a-figure range of `prose` as taken.
    pub fn mask(&self, prose: &str, taken: &mut Taken) {
        self.each(prose, |range| {
            taken.take(&range);
        });
    }

    /// Calls `found` with every range to mask, in order, none overlapping another.
    fn each(&self, prose: &str, mut found: impl FnMut(Range<usize>)) {
        let mut state = State { list_next: None, list_after: 0, score_end: None };
        let mut last_end = 0;
        for m in self.any.find_iter(prose) {
            if let Some(range) = judge(prose, m.range(), &mut state) {
                // A name found by hand before an "@" or a domain's ending may reach
                // back into the mask before.
                let range = range.start.max(last_end)..range.end;
                if range.start < range.end {
                    last_end = range.end;
                    found(range);
                }
            }
        }
    }
}

/// The range to mask for a candidate, or `None` when it is a figure after all.
fn judge(prose: &str, found: Range<usize>, state: &mut State) -> Option<Range<usize>> {
    let text = &prose[found.clone()];
    // Scientific notation ("1.3e6") is a figure.
    let mantissa = text.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
    let exponent = mantissa.strip_prefix(['e', 'E']).map(|e| e.trim_start_matches(['-', '+']));
    if mantissa.len() < text.len() && exponent.is_some_and(|e| !e.is_empty() && e.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    // A caret against digits is a power ("1.1^23"), which figures read.
    if text.starts_with('^') && prose[..found.start].ends_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    if text.starts_with("http") || text.starts_with("www.") || is_doi(text) {
        return Some(found.start..found.start + trim_link(text));
    }
    match text.as_bytes()[0] {
        b'.' => {
            let end = found.start + trim_link(text);
            Some(word_start(prose, found.start, |c| c.is_ascii_alphanumeric() || c == '-' || c == '.')..end)
        }
        b'@' => Some(word_start(prose, found.start, is_local_part)..found.end),
        b'+' => (digit_count(text) >= 7).then_some(found),
        b'(' if text.ends_with(' ') => list_number(prose, found, &text[1..text.len() - 2], state),
        b'0'..=b'9' => digit_led(prose, found, state),
        b'A'..=b'Z' | b'a'..=b'z' if !text.starts_with("ISBN") => named(prose, found),
        // ISBNs, brackets, carets, footnotes, hex codes: the shape settles it.
        _ => Some(found),
    }
}

/// A name and its number ("Python 3.12", "FTSE 100", "v2.1"), unless the number
/// goes on ("Channel 4,500"), is an amount ("Android 3 billion devices"), or is
/// a year, which the temporal pass reads ("the Excel 2019 files"); the Russell
/// 2000 is an index of that size.
fn named(prose: &str, found: Range<usize>) -> Option<Range<usize>> {
    let text = &prose[found.clone()];
    let rest = &prose.as_bytes()[found.end..];
    let more = rest.len() > 1 && matches!(rest[0], b',' | b'.') && rest[1].is_ascii_digit();
    let word = prose[found.end..].strip_prefix(' ').and_then(|r| r.split(|c: char| !c.is_alphabetic()).next());
    let amount = rest.first() == Some(&b'%') || word.is_some_and(|w| SCALES.iter().any(|s| s.eq_ignore_ascii_case(w)));
    let year = text.rsplit(' ').next().is_some_and(is_year) && !text.starts_with("Russell");
    (!more && !amount && !year).then_some(found)
}

/// A candidate that starts with a digit.
fn digit_led(prose: &str, found: Range<usize>, state: &mut State) -> Option<Range<usize>> {
    let text = &prose[found.clone()];
    if let Some(number) = text.strip_suffix(". ").or_else(|| text.strip_suffix(") ")) {
        return list_number(prose, found, number, state);
    }
    if text.bytes().any(|b| b.is_ascii_alphabetic()) {
        // Times ("3pm", "3 p.m.", "1430 GMT"), codes ("10-K", "5G"), serials, IPv6:
        // masked as they are; a UK postcode's digits only after its area letters.
        let bytes = text.as_bytes();
        let postcode = bytes.len() >= 5 && bytes[bytes.len() - 4] == b' ' && bytes[bytes.len() - 3].is_ascii_digit();
        return (!postcode || area_letters_before(prose, found.start)).then_some(found);
    }
    if text.contains([':', '^']) {
        return Some(found);
    }
    digit_groups(prose, found, state)
}

/// A list number ("1. ", "(3) "), masked without the space after it.
fn list_number(prose: &str, found: Range<usize>, number: &str, state: &mut State) -> Option<Range<usize>> {
    let number = number.parse().ok()?;
    list_item(prose, found.start, found.end, number, state).then(|| found.start..found.end - 1)
}

/// Judges digits in groups, as `GROUPS` matched them.
fn digit_groups(prose: &str, found: Range<usize>, state: &mut State) -> Option<Range<usize>> {
    let text = &prose[found.clone()];
    let groups = Groups::of(text);
    let lens = groups.lens();
    if groups.count == 1 {
        return single_run(prose, found, text);
    }
    if groups.date_shaped(text) {
        return None;
    }
    if text.starts_with('0') && groups.digits >= 7 {
        // A national number has at most 11 digits, so a number after it is its own.
        let end = phone_end(text, 11)?;
        return Some(found.start..found.start + end);
    }
    if groups.sep == ' ' {
        // Four groups of four: a card number, unless they are years side by side.
        let card = groups.count == 4 && lens.iter().all(|&n| n == 4) && !text.split(' ').all(is_year);
        return card.then_some(found);
    }
    if groups.mixed {
        // "1.5-2.5" is a range of decimals.
        return None;
    }
    if groups.count >= 3 {
        // Versions, addresses, phone numbers, ISBNs; but "1.234.567" is a number
        // grouped in thousands, unless it is an IPv4 address.
        let thousands = groups.sep == '.' && lens[0] <= 3 && lens[1..].iter().all(|&n| n == 3);
        let address = groups.count == 4 && text.split('.').all(|g| g.parse::<u32>().is_ok_and(|n| n <= 255));
        return (!thousands || address).then_some(found);
    }
    if text == "24/7" || text == "9/11" {
        return Some(found);
    }
    let (left, right) = text.split_once(groups.sep)?;
    if lens == [5, 4] {
        // A ZIP+4 code.
        return postcode_after(prose, found.start, left).then_some(found);
    }
    let (low, high): (u32, u32) = (left.parse().ok()?, right.parse().ok()?);
    if lens == [3, 4] && groups.sep == '-' {
        // "555-0123" is a phone number; "100-1000" a range of round numbers.
        let range = low < high && low % 10 == 0 && high % 10 == 0;
        return (!range).then_some(found);
    }
    let score = is_score(prose, &found, low, high)
        || state.score_end.is_some_and(|end| {
            // The next set of a match: "6-4, 3-6".
            matches!(&prose[end.min(found.start)..found.start], ", " | " and " | ", and ")
        });
    if score {
        state.score_end = Some(found.end);
    }
    score.then_some(found)
}

/// One run of digits: a long one, or five digits that may be a postcode.
fn single_run(prose: &str, found: Range<usize>, text: &str) -> Option<Range<usize>> {
    if text.len() >= 10 {
        // Card, account and ISBN numbers; an amount that long keeps its currency
        // symbol or its sign ("-123456789101231", but not "ID-123456789101").
        let before = &prose[..found.start];
        let money = before.ends_with(['$', '€', '£', '¥']);
        let signed = before.strip_suffix(['-', '−']).is_some_and(|b| !b.ends_with(char::is_alphanumeric));
        return (!money && !signed).then_some(found);
    }
    postcode_after(prose, found.start, text).then_some(found)
}

/// Whether five digits at `at` are a postcode: after a US state's code ("NY
/// 10001") or "D-", or before a German city ("10115 Berlin"). Round numbers and
/// plurals before a capital ("12000 Germans") are counts.
fn postcode_after(prose: &str, at: usize, five: &str) -> bool {
    let before = prose[..at].trim_end_matches(' ');
    let word = before.rsplit(|c: char| !c.is_ascii_alphabetic()).next().unwrap_or("");
    if before.len() < at && STATES.contains(&word) || before.ends_with("D-") {
        return true;
    }
    let after = &prose[at + five.len()..];
    let city = after.strip_prefix(' ').and_then(|a| a.split(|c: char| !c.is_alphabetic()).next()).unwrap_or("");
    let capitalised = city.starts_with(char::is_uppercase) && city.chars().count() > 1;
    capitalised && !five.ends_with("00") && !city.ends_with('s')
}

/// The groups of digits in a candidate and what separates them.
struct Groups {
    count: usize,
    digits: usize,
    /// The first separator; `mixed` when another differs.
    sep: char,
    mixed: bool,
    /// Lengths of the first eight groups.
    lens: [u8; 8],
}

impl Groups {
    fn of(text: &str) -> Groups {
        let mut groups = Groups { count: 0, digits: 0, sep: '\0', mixed: false, lens: [0; 8] };
        let mut in_group = false;
        for c in text.chars() {
            if c.is_ascii_digit() {
                if !in_group {
                    groups.count += 1;
                    in_group = true;
                }
                groups.digits += 1;
                if let Some(len) = groups.lens.get_mut(groups.count - 1) {
                    *len = len.saturating_add(1);
                }
            } else {
                in_group = false;
                if groups.sep == '\0' {
                    groups.sep = c;
                } else if groups.sep != c {
                    groups.mixed = true;
                }
            }
        }
        groups
    }

    fn lens(&self) -> &[u8] {
        &self.lens[..self.count.min(8)]
    }

    /// "2023-04-06", "06/04/2023", "4.6.23": a date, for the temporal pass. Its
    /// day and month must be possible, in either order, so "1.2.40" is a version.
    fn date_shaped(&self, text: &str) -> bool {
        if self.count != 3 || self.mixed || !matches!(self.sep, '-' | '/' | '.') {
            return false;
        }
        let lens = self.lens();
        let mut parts = text.split(self.sep).map(|g| g.parse::<u32>().unwrap_or(0));
        let (a, b, c) = (parts.next().unwrap_or(0), parts.next().unwrap_or(0), parts.next().unwrap_or(0));
        let day_month = |d: u32, m: u32| (1..=31).contains(&d) && (1..=12).contains(&m);
        if lens[0] == 4 {
            lens[1] <= 2 && lens[2] <= 2 && day_month(c, b)
        } else {
            lens[0] <= 2 && lens[1] <= 2 && matches!(lens[2], 2 | 4) && (day_month(a, b) || day_month(b, a))
        }
    }
}

/// The end of the last group of a phone number that keeps its digits within
/// `max`, if they are still at least seven.
fn phone_end(text: &str, max: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let (mut digits, mut kept, mut end) = (0, 0, 0);
    for i in (0..bytes.len()).filter(|&i| bytes[i].is_ascii_digit()) {
        digits += 1;
        if digits > max {
            break;
        }
        if bytes.get(i + 1).is_none_or(|next| !next.is_ascii_digit()) {
            (kept, end) = (digits, i + 1);
        }
    }
    (kept >= 7).then_some(end)
}

fn is_year(group: &str) -> bool {
    group.parse::<u32>().is_ok_and(|y| (1800..=2100).contains(&y))
}

/// Whether two small numbers joined by a dash are a score: after a word like
/// "won" or "beat" (within the clause), or before one like "win". A winner's
/// score comes first, so "won 10-12 seats" is a range; a loss may be either way.
fn is_score(prose: &str, found: &Range<usize>, left: u32, right: u32) -> bool {
    let before = &prose[..found.start];
    let clause = &before[before.rfind(['.', ',', ';', ':', '!', '?', '\n']).map_or(0, |i| i + 1)..];
    let is = |word: &str, list: &[&str]| list.iter().any(|w| w.eq_ignore_ascii_case(word));
    let mut losing = false;
    let verb = clause.split_whitespace().rev().take(4).any(|w| {
        losing |= is(w, &["lost", "lose", "loses", "losing", "trailed", "trailing"]);
        is(w, SCORE_BEFORE)
    });
    let mut after = prose[found.end..].split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty());
    let mut next = after.next().unwrap_or("");
    if is(next, &["home", "away"]) {
        next = after.next().unwrap_or("");
    }
    let noun = is(next, SCORE_AFTER);
    losing |= is(next, &["defeat", "defeats", "loss", "losses"]);
    (verb || noun) && (left >= right || losing)
}

/// Whether "N. " or "(N) " at `start..end` numbers an item of a list: a capital
/// letter follows, and it starts a block, follows the end of a sentence or a
/// colon, or is the next number of a list in the same block ("Steps: 1. Open
/// the box 2. Remove it", where plain text has joined the lines).
fn list_item(prose: &str, start: usize, end: usize, number: u32, state: &mut State) -> bool {
    let rest = &prose[end..];
    if !rest.starts_with(char::is_uppercase) || MONTHS.iter().any(|m| rest.starts_with(m)) {
        return false;
    }
    let before = &prose[..start];
    let starts_item = match before.chars().next_back() {
        None | Some('\n') => true,
        Some(' ') => {
            let head = before.trim_end_matches(' ');
            match head.chars().next_back() {
                Some(':' | ';' | '!' | '?') => true,
                Some('.') => {
                    let word = head[..head.len() - 1].rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
                    !word.is_empty() && !ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
                }
                // A list ends with its block; once it has, its stretch is not searched again.
                _ if state.list_next == Some(number) => {
                    let same_block = !prose[state.list_after..start].contains("\n\n");
                    if !same_block {
                        state.list_next = None;
                    }
                    same_block
                }
                _ => false,
            }
        }
        _ => false,
    };
    if starts_item {
        state.list_next = number.checked_add(1);
        state.list_after = end;
    }
    starts_item
}

/// Whether a UK postcode's digits at `at` follow its one or two area letters.
fn area_letters_before(prose: &str, at: usize) -> bool {
    let before = &prose[..at];
    let letters = before.len() - before.trim_end_matches(|c: char| c.is_ascii_uppercase()).len();
    let head = &before[..before.len() - letters];
    (1..=2).contains(&letters) && !head.ends_with(|c: char| c.is_alphanumeric())
}

/// The start of the word that ends at `at`, made of characters `part` accepts.
fn word_start(prose: &str, at: usize, part: impl Fn(char) -> bool) -> usize {
    at - prose[..at].chars().rev().take_while(|&c| part(c)).map(char::len_utf8).sum::<usize>()
}

fn is_local_part(c: char) -> bool {
    c.is_ascii_alphanumeric() || "._%+-".contains(c)
}

fn digit_count(text: &str) -> usize {
    text.bytes().filter(u8::is_ascii_digit).count()
}

/// The length of a link without the punctuation that ends the sentence around
/// it; a closing bracket stays when the link opened one.
fn trim_link(text: &str) -> usize {
    // Brackets are counted once; each closing one cut from the end changes the count.
    let count = |c: char| text.matches(c).count();
    let (mut open_round, mut close_round) = (count('('), count(')'));
    let (mut open_square, mut close_square) = (count('['), count(']'));
    let mut end = text.len();
    while let Some(c) = text[..end].chars().next_back() {
        let cut = match c {
            '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '"' | '’' | '”' => true,
            ')' => open_round < close_round,
            ']' => open_square < close_square,
            _ => false,
        };
        if !cut {
            break;
        }
        match c {
            ')' => close_round -= 1,
            ']' => close_square -= 1,
            '(' => open_round -= 1,
            '[' => open_square -= 1,
            _ => {}
        }
        end -= c.len_utf8();
    }
    end
}

/// "10.1000/xyz123": a DOI's prefix, "10.", four or more digits and a slash.
fn is_doi(text: &str) -> bool {
    text.strip_prefix("10.").is_some_and(|rest| {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        digits >= 4 && rest.as_bytes().get(digits) == Some(&b'/')
    })
}

#[cfg(test)]
mod tests {
    use std::sync::OnceLock;

    use super::*;
    use crate::extract::{Context, Extractor, Lexicon, MentionKind};

    fn extractor() -> &'static Extractor {
        static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
        EXTRACTOR.get_or_init(|| Extractor::new(&Lexicon::builtin()).unwrap())
    }

    static MASKS: OnceLock<Masks> = OnceLock::new();

    /// The stretches of `text` the masks take.
    fn masked(text: &str) -> Vec<&str> {
        let mut found = Vec::new();
        MASKS.get_or_init(|| Masks::new().unwrap()).each(text, |range| found.push(&text[range]));
        found
    }

    /// The text of every mention with a value that extraction reads from `text`.
    fn read(text: &str) -> Vec<&str> {
        let mentions = extractor().extract(text, &Context::default());
        mentions.into_iter().filter(|m| m.value.is_some()).map(|m| &text[m.range]).collect()
    }

    /// Each case: a sentence, what the masks take from it, and the figures with a
    /// value still read from it once they have.
    fn check(cases: &[(&str, &[&str], &[&str])]) {
        for (sentence, masks, figures) in cases {
            assert_eq!(masked(sentence), *masks, "masked in {sentence:?}");
            assert_eq!(read(sentence), *figures, "read from {sentence:?}");
        }
    }

    #[test]
    fn web_and_mail_addresses() {
        check(&[
            (
                "See https://example.com/2023/04/report-5. It cost £450.",
                &["https://example.com/2023/04/report-5"],
                &["£450"],
            ),
            ("Visit www.example.org/page/12 to claim the £450 refund", &["www.example.org/page/12"], &["£450"]),
            (
                "(see https://en.wikipedia.org/wiki/Route_66_(film)) 40 staff",
                &["https://en.wikipedia.org/wiki/Route_66_(film)"],
                &["40"],
            ),
            ("The data at example.com/2023/04/x show 1,200 jobs", &["example.com/2023/04/x"], &["1,200"]),
            (
                "Write to press2@example2.com or 2023@x.org about the 35 cases",
                &["press2@example2.com", "2023@x.org"],
                &["35"],
            ),
            ("@user123 posted 40 photos", &["@user123"], &["40"]),
        ]);
    }

    #[test]
    fn network_addresses() {
        check(&[
            ("The server at 192.168.1.2 handled 5,000 requests", &["192.168.1.2"], &["5,000"]),
            (
                "Hosts 2001:db8::1 and 2001:db8:0:0:0:0:2:1 served 5,000 requests",
                &["2001:db8::1", "2001:db8:0:0:0:0:2:1"],
                &["5,000"],
            ),
        ]);
    }

    #[test]
    fn book_and_paper_identifiers() {
        check(&[
            ("The book (ISBN 978-3-16-148410-0) sold 20,000 copies", &["ISBN 978-3-16-148410-0"], &["20,000"]),
            ("The book (ISBN-13: 9780306406157) sold 20,000 copies", &["ISBN-13: 9780306406157"], &["20,000"]),
            ("The book (ISBN 0 306 40615 2) sold 20,000 copies", &["ISBN 0 306 40615 2"], &["20,000"]),
            ("The book (ISBN-10 080442957X) sold 20,000 copies", &["ISBN-10 080442957X"], &["20,000"]),
            ("The paper (doi:10.1000/xyz123) found 12% fewer cases", &["10.1000/xyz123"], &["12%"]),
        ]);
    }

    #[test]
    fn phone_numbers() {
        let refund = "to claim the £450 refund";
        for phone in [
            "+1-222-2222/2222",
            "+44 20 7946 0000",
            "+44 (0)20 7946 0000",
            "(020) 7946 0000",
            "(212) 555-0199",
            "555-0123",
            "212-555-0199",
            "212.555.0199",
            "1-800-555-0199",
            "0800 123 456",
            "020 7946 0000",
            "01632 960 418",
            "07700900123",
        ] {
            let sentence = format!("Call {phone} {refund}");
            check(&[(&sentence, &[phone], &["£450"])]);
        }
        // A national number has at most 11 digits: what follows is a figure.
        check(&[("On 0800 123 456 25 staff answer", &["0800 123 456"], &["25"])]);
    }

    #[test]
    fn ranges_dates_and_grouped_numbers_are_not_phone_numbers() {
        for text in [
            "between 2019-2021 and 1939–45",
            "rose 10-12% and 1.5-2.5 points",
            "it was 3-1",
            "a range of 100-1000 words",
            "1,234,567 tonnes and 1.234.567 tonnes",
            "$3m-$4m in fees",
            "released 2023-04-06, 06/04/2023 and 04.06.2023",
            "between 18-29 and 30-39",
            "the council voted 9-4",
            "+5.2% and +21.0%",
        ] {
            assert_eq!(masked(text), Vec::<&str>::new(), "{text}");
        }
        assert_eq!(read("to 1,234,567 tonnes"), ["1,234,567 tonnes"]);
        let fees = extractor().extract("fees of $3m-$4m", &Context::default());
        assert_eq!(
            fees.iter().map(|m| (m.form, m.low(), m.high())).collect::<Vec<_>>(),
            [(crate::extract::Form::Range, Some(2.5e6), Some(4.5e6))]
        );
        let date = extractor().extract("released 2023-04-06.", &Context::default());
        assert_eq!((date[0].kind, date[0].time.as_deref()), (MentionKind::Date, Some("2023-04-06")));
    }

    #[test]
    fn postcodes() {
        check(&[
            ("Write to London SW1A 2AA, where 300 staff work", &["1A 2AA"], &["300"]),
            ("Write to Manchester M1 1AE, where 300 staff work", &["1 1AE"], &["300"]),
            ("Write to New York, NY 10001, where 300 staff work", &["10001"], &["300"]),
            ("Write to San Francisco, CA 94105-1234, where 300 staff work", &["94105-1234"], &["300"]),
            ("Write to D-10115 Berlin, where 300 staff work", &["10115"], &["300"]),
            ("Write to 10115 Berlin, where 300 staff work", &["10115"], &["300"]),
        ]);
        for count in ["10115 people came", "12000 Germans came", "12345 Americans came", "but 48000 Britons"] {
            assert_eq!(masked(count), Vec::<&str>::new(), "{count}");
        }
    }

    #[test]
    fn times_of_day() {
        check(&[
            ("At 10:30 the 40 staff left", &["10:30"], &["40"]),
            ("At 10:30:15 the 40 staff left", &["10:30:15"], &["40"]),
            ("At 3pm the 40 staff left", &["3pm"], &["40"]),
            ("At 3 p.m. the 40 staff left", &["3 p.m."], &["40"]),
            ("At 3 PM the 40 staff left", &["3 PM"], &["40"]),
            ("At 10.30am the 40 staff left", &["10.30am"], &["40"]),
            ("At 10.30 am the 40 staff left", &["10.30 am"], &["40"]),
            ("At 23:10 GMT the 40 staff left", &["23:10"], &["40"]),
            ("At 1430 GMT the 40 staff left", &["1430 GMT"], &["40"]),
        ]);
        assert_eq!(masked("10 amendments at noon"), Vec::<&str>::new());
    }

    #[test]
    fn versions_and_products() {
        check(&[
            ("Version 2.1 cut load times by 12%", &[], &["12%"]),
            ("Release v3.24.0 cut load times by 12%", &["v3.24.0"], &["12%"]),
            ("Release 2.1.3 cut load times by 12%", &["2.1.3"], &["12%"]),
            ("Python 3.12 cut load times by 12%", &["Python 3.12"], &["12%"]),
            ("The iOS 17.2 update cut load times by 12%", &["iOS 17.2"], &["12%"]),
            ("Android 14 and Ubuntu 22.04 cut load times by 12%", &["Android 14", "Ubuntu 22.04"], &["12%"]),
            ("Windows 11 and the iPhone 15 cut load times by 12%", &[], &["12%"]),
        ]);
        // A number that goes on is not the name's, and a year is the temporal pass's.
        check(&[("Exports 3.5 and Channel 4,500 viewers", &[], &["3.5", "4,500"])]);
        check(&[("Android 3 billion devices", &[], &["3 billion"])]);
        assert_eq!(masked("the Excel 2019 files and the Russell 2000 index"), ["Russell 2000"]);
        let year = extractor().extract("the Excel 2019 files", &Context::default());
        assert_eq!((year[0].kind, year[0].time.as_deref()), (MentionKind::Year, Some("2019")));
    }

    #[test]
    fn scores() {
        check(&[
            ("They won 3-1 in front of 40,000 fans", &["3-1"], &["40,000"]),
            ("A 2–0 win in front of 40,000 fans", &["2–0"], &["40,000"]),
            ("A 3-1 home victory in front of 40,000 fans", &["3-1"], &["40,000"]),
            ("The Lions beat the Comets 24-17 in front of 40,000 fans", &["24-17"], &["40,000"]),
            ("They lost 1-3 to Leeds in front of 40,000 fans", &["1-3"], &["40,000"]),
            (
                "Kovac beat Moreau 6-4, 3-6, 7-6 and 6-3 in front of 4,000 fans",
                &["6-4", "3-6", "7-6", "6-3"],
                &["4,000"],
            ),
        ]);
        for range in ["they won 10-12 seats", "aged 18-29 won", "won in 2019-20", "the 10-12 range"] {
            assert_eq!(masked(range), Vec::<&str>::new(), "{range}");
        }
    }

    #[test]
    fn names_and_references() {
        // Masked here because they leaked: the number is part of the name.
        check(&[
            ("Its Form 10-K showed $30 billion", &["10-K"], &["$30 billion"]),
            ("The FTSE 100 fell 2% and the S&P 500 rose 3%", &["FTSE 100", "S&P 500"], &["2%", "3%"]),
            ("Fortune 500 firms paid $30 billion", &["Fortune 500"], &["$30 billion"]),
            ("Formula 1 teams paid $30 billion", &["Formula 1"], &["$30 billion"]),
            ("Channel 4 and BBC Radio 4 cost $30 billion", &["Channel 4", "Radio 4"], &["$30 billion"]),
            ("Apollo 11 cost $30 billion", &["Apollo 11"], &["$30 billion"]),
            ("The Model 3 cost $30 billion", &["Model 3"], &["$30 billion"]),
        ]);
        // figures.rs already refuses these; no mask is needed.
        check(&[
            ("An F-16 and a Boeing 737 and an Airbus A320 carried 120 passengers", &[], &["120"]),
            ("After Covid-19 the G7 and G20 pledged $30 billion", &[], &["$30 billion"]),
            ("Section 230 and Article 5 and No. 1 cost $30 billion", &[], &["$30 billion"]),
            ("Highway 61 and Route 66 carry 12,000 cars", &[], &["12,000"]),
            ("Windows 11 on the PS5 sold 12,000 units", &[], &["12,000"]),
        ]);
    }

    #[test]
    fn footnote_markers() {
        check(&[
            ("The study[1] found 12% fewer cases", &["[1]"], &["12%"]),
            ("The study[12] found 12% fewer cases", &["[12]"], &["12%"]),
            ("The study[2, 5] found 12% fewer cases", &["[2, 5]"], &["12%"]),
            ("The study[^3] found 12% fewer cases", &["[^3]"], &["12%"]),
            ("The study^4 found 12% fewer cases", &["^4"], &["12%"]),
            ("The study¹² found 12% fewer cases", &["¹²"], &["12%"]),
        ]);
        // A digit glued to a word is refused by figures.rs.
        check(&[("The study2 found 12% fewer cases", &[], &["12%"])]);
    }

    #[test]
    fn list_numbers() {
        check(&[
            ("1. Open the box and remove 12 screws", &["1."], &["12"]),
            ("2) Remove 12 screws", &["2)"], &["12"]),
            ("Steps: 1. Open the box 2. Remove 12 screws 3. Lift it", &["1.", "2.", "3."], &["12"]),
            ("It must: (3) The applicant pays £450", &["(3)"], &["£450"]),
            ("It broke. 2. The rest cost £450", &["2."], &["£450"]),
            // A list ends with its block.
            ("Steps: 1. Open the box\n\nIt weighs 2. Then", &["1."], &["2"]),
        ]);
        for figure in [
            "It rose by 5. The rest fell",
            "It rose by 1.5. The rest fell",
            "due by Jan. 5. The rest",
            "1. January 2023 was cold",
            "the box 2. Remove it",
            "a fee (2) The",
        ] {
            assert_eq!(masked(figure), Vec::<&str>::new(), "{figure}");
        }
        // Plain text joins a list's lines into one block.
        let doc = crate::input::Document::parse(
            "l.txt",
            "Steps:\n1. Open the box\n2. Remove 12 screws\n".into(),
            crate::input::Format::PlainText,
        )
        .unwrap();
        assert_eq!(read(&doc.prose), ["12"]);
    }

    #[test]
    fn codes_cards_and_serials() {
        check(&[
            ("Card 4111 1111 1111 1111 was charged £450", &["4111 1111 1111 1111"], &["£450"]),
            ("Card 4111-1111-1111-1111 was charged £450", &["4111-1111-1111-1111"], &["£450"]),
            ("Account 12345678901234 was charged £450", &["12345678901234"], &["£450"]),
            ("Colour #ff0000 covers 12% of the flag", &["#ff0000"], &["12%"]),
            ("Commit 3f2a9c1e and serial A1B2C3 fixed 12 bugs", &["3f2a9c1e", "1B2C3"], &["12"]),
        ]);
        assert_eq!(masked("years 2019 2020 2021 2022, $12345678901 and -123456789101231"), Vec::<&str>::new());
        assert_eq!(masked("ID-123456789101"), ["123456789101"]);
    }

    #[test]
    fn other_names() {
        check(&[
            ("Open 24/7 since 9/11 with 40 staff", &["24/7", "9/11"], &["40"]),
            ("A 4x4 with 3D maps on 5G costs £450", &["4x4", "3D", "5G"], &["£450"]),
        ]);
    }

    /// Random text made of the pieces the checks look at: masking never panics on
    /// a character boundary, and its ranges stay in order and apart.
    #[test]
    fn random_text_holds_together() {
        const PIECES: &[&str] = &[
            "1", "0", "45", "2023", "10115", "555", "-", "–", ".", ". ", ",", ", ", ":", "/", "^", "@", "#", "+", "(",
            ")", "[", "]", " ", "\n\n", "é", "¹", "£", "€", "x", "D", "AB", "SW", "NY ", "won ", "win", "p.m.", "am",
            "GMT", "ISBN ", "http://", "www.", ".com/", "Python ", "Jan.", "The", "ff", "::",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..3000 {
            let len = (next() % 24) as usize;
            let text: String = (0..len).map(|_| PIECES[(next() % PIECES.len() as u64) as usize]).collect();
            let mut last_end = 0;
            MASKS.get_or_init(|| Masks::new().unwrap()).each(&text, |range| {
                assert!(last_end <= range.start && range.start < range.end && range.end <= text.len(), "{text:?}");
                assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end), "{text:?}");
                last_end = range.end;
            });
            extractor().extract(&text, &Context::default());
        }
    }

    #[test]
    fn ordinary_figures_are_left_alone() {
        let text =
            "Exports rose 12% to $30 billion in 2023, from 1,234 tonnes, up 2.5 times, the 10th rise; 3.5m people.";
        assert_eq!(masked(text), Vec::<&str>::new());
    }
}
