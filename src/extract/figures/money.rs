//! Currencies around a figure: symbols before it ("$30", "C $16.4", "US$"), codes
//! before or after it ("USD 5", "6.25 BTC", "30 MUSD"), symbols and words after it
//! ("5 €", "100元", "30 billion dollars"), and minor units ("34 cents", "3 dollars
//! 50 cents").

use foldhash::{HashMap, HashMapExt};
use std::sync::Arc;

use super::super::lexicon::Lexicon;
use super::super::phrases::{Found, PhraseTable};
use super::word_after_hyphen;

/// The scale a letter before a code gives it in financial tables ("MUSD").
const CODE_SCALES: [(char, f64); 2] = [('M', 1e6), ('K', 1e3)];

/// A currency found next to a figure.
#[derive(Debug, Clone, PartialEq)]
pub struct CurrencyAt {
    /// The edge of what was read: its start when before the figure, its end when after.
    pub edge: usize,
    pub code: String,
    /// A scale carried by the code itself ("MUSD").
    pub scale: f64,
    /// The lexicon entry, as "currencies: dollars".
    pub entry: Arc<str>,
    /// A word that is money only after a scale: "200 pounds" may be a weight,
    /// "8 won" a tally; "30 million pounds" is money.
    pub ambiguous: bool,
}

/// A minor unit found after a figure.
#[derive(Debug, Clone, PartialEq)]
pub struct Minor {
    pub end: usize,
    /// The currency it divides.
    pub of: String,
    pub per: f64,
    pub entry: Arc<str>,
}

/// A currency or a minor unit joined to an amount by a hyphen ("a 40-euro fine",
/// "a 12-cent dividend").
#[derive(Debug, Clone, PartialEq)]
pub enum Joined {
    Currency(CurrencyAt),
    Minor(Minor),
}

/// A currency symbol written before a figure.
#[derive(Debug)]
struct Symbol {
    symbol: String,
    code: String,
    label: Arc<str>,
    /// Symbols of two or more letters match in any case ("cad$"); counted once
    /// here, not for every figure after a "$".
    any_case: bool,
}

/// Every way the lexicon writes money.
#[derive(Debug)]
pub struct Money {
    /// Symbols before a figure, grouped by their last character.
    symbols: HashMap<char, Vec<Symbol>>,
    /// Symbols after a figure.
    after: Vec<(String, String, Arc<str>)>,
    words: PhraseTable<String>,
    minor: PhraseTable<(String, f64)>,
    /// Codes and their labels.
    codes: HashMap<String, Arc<str>>,
    /// Words that are money only after a scale word (see the lexicon).
    scale_only: Vec<String>,
    /// Currencies that have a minor unit, and how many go to one.
    minor_per: HashMap<String, (f64, String)>,
}

impl Money {
    pub fn new(lexicon: &Lexicon) -> Money {
        let mut symbols: HashMap<char, Vec<Symbol>> = HashMap::new();
        let label = |s: &str| -> Arc<str> { format!("currencies: {s}").into() };
        let mut after = Vec::new();
        let mut codes = HashMap::new();
        for c in &lexicon.currencies {
            for s in &c.symbols {
                if let Some(last) = s.chars().next_back() {
                    let any_case = s.chars().filter(char::is_ascii_alphabetic).count() >= 2;
                    let symbol = Symbol { symbol: s.clone(), code: c.code.clone(), label: label(s), any_case };
                    symbols.entry(last).or_default().push(symbol);
                }
            }
            after.extend(c.after.iter().map(|s| (s.clone(), c.code.clone(), label(s))));
            if c.code.len() == 3 && c.code.bytes().all(|b| b.is_ascii_uppercase()) {
                codes.insert(c.code.clone(), label(&c.code));
            }
        }
        // Longest first, so that "US$" wins over "$".
        for list in symbols.values_mut() {
            list.sort_by(|a, b| b.symbol.len().cmp(&a.symbol.len()).then(a.symbol.cmp(&b.symbol)));
        }
        after.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        let words = PhraseTable::after(
            "currencies",
            lexicon.currencies.iter().flat_map(|c| c.all_words().map(move |w| (w, c.code.clone()))),
        );
        let minor = PhraseTable::after(
            "minor_units",
            lexicon.minor_units.iter().flat_map(|m| m.words.iter().map(move |w| (w.clone(), (m.of.clone(), m.per)))),
        );
        let minor_per =
            lexicon.minor_units.iter().filter_map(|m| Some((m.of.clone(), (m.per, m.words.last()?.clone())))).collect();
        let scale_only = lexicon.money_after_scale_only.clone();
        Money { symbols, after, words, minor, codes, minor_per, scale_only }
    }

    /// A symbol written just before `at`, with at most one space between: "$5",
    /// "€ 5", "C $16.4". Symbols of two or more letters match in any case ("cad$").
    pub fn symbol_before(&self, prose: &str, at: usize) -> Option<CurrencyAt> {
        let head = &prose[..at];
        let head = head.strip_suffix([' ', '\u{a0}']).unwrap_or(head);
        let last = head.chars().next_back()?;
        // "C $16.4": a one-letter country mark set apart from the dollar sign.
        if last == '$' {
            let before = head[..head.len() - 1].strip_suffix(' ').unwrap_or("");
            let letter = before.chars().next_back().unwrap_or(' ');
            let glued = before[..before.len() - letter.len_utf8().min(before.len())]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
            if !glued && letter.eq_ignore_ascii_case(&'c') {
                return Some(CurrencyAt {
                    edge: before.len() - 1,
                    code: "CAD".into(),
                    scale: 1.0,
                    entry: self.codes.get("CAD").cloned().unwrap_or_else(|| "currencies: CAD".into()),
                    ambiguous: false,
                });
            }
        }
        let list = self.symbols.get(&last)?;
        for Symbol { symbol, code, label, any_case } in list {
            let Some(start) = head.len().checked_sub(symbol.len()) else { continue };
            // Compared as bytes: bytes equal to a symbol's, even up to ASCII case,
            // start where a character starts, so no boundary check is needed.
            let written = &head.as_bytes()[start..];
            let same = written == symbol.as_bytes() || *any_case && written.eq_ignore_ascii_case(symbol.as_bytes());
            if !same {
                continue;
            }
            // "AUS$" is not "US$"; "a$" is not "A$"; but "NZD$" is a code against a
            // symbol, and the code names the currency.
            let glued = head[..start].chars().next_back().is_some_and(char::is_alphanumeric);
            if glued {
                if let Some(coded) = self.code_ending(head, start) {
                    return Some(coded);
                }
            } else {
                return Some(CurrencyAt {
                    edge: start,
                    code: code.clone(),
                    scale: 1.0,
                    entry: label.clone(),
                    ambiguous: false,
                });
            }
        }
        None
    }

    /// A currency code of the lexicon that ends at `end` and is a word of its own
    /// up to there ("NZD" of "NZD$15", not "XNZD").
    fn code_ending(&self, head: &str, end: usize) -> Option<CurrencyAt> {
        let start = end - head[..end].bytes().rev().take_while(u8::is_ascii_uppercase).count();
        let glued = head[..start].chars().next_back().is_some_and(char::is_alphanumeric);
        let label = self.codes.get(&head[start..end]).filter(|_| !glued)?;
        let code = head[start..end].to_string();
        Some(CurrencyAt { edge: start, code, scale: 1.0, entry: label.clone(), ambiguous: false })
    }

    /// A currency code, perhaps with a scale letter, written just before `at`:
    /// "USD 5", "EUR5", "MAUD 60".
    pub fn code_before(&self, prose: &str, at: usize) -> Option<CurrencyAt> {
        let head = &prose[..at];
        let head = head.strip_suffix(' ').unwrap_or(head);
        let start = head.len() - head.bytes().rev().take_while(u8::is_ascii_uppercase).count();
        let glued = head[..start].chars().next_back().is_some_and(char::is_alphanumeric);
        if glued {
            return None;
        }
        self.code(&head[start..]).map(|(code, scale, entry)| CurrencyAt {
            edge: start,
            code,
            scale,
            entry,
            ambiguous: false,
        })
    }

    /// A currency written at `at`, after a figure: a code ("BTC", "MUSD", glued or
    /// after a space), a word ("dollars"), or a symbol ("€", "元").
    pub fn after(&self, prose: &str, at: usize) -> Option<CurrencyAt> {
        let rest = &prose[at..];
        let trimmed = rest.trim_start_matches([' ', '\u{a0}']);
        let start = at + rest.len() - trimmed.len();
        if trimmed.len() < rest.len() && rest.len() - trimmed.len() > 1 {
            return None;
        }
        let upper = trimmed.bytes().take_while(u8::is_ascii_uppercase).count();
        if (3..=4).contains(&upper) && !trimmed[upper..].starts_with(char::is_alphanumeric) {
            if let Some((code, scale, entry)) = self.code(&trimmed[..upper]) {
                return Some(CurrencyAt { edge: start + upper, code, scale, entry, ambiguous: false });
            }
        }
        // Symbols after an amount are "$" or not ASCII at all ("€", "元").
        let symbol_like = trimmed.starts_with(|c: char| c == '$' || !c.is_ascii());
        for (symbol, code, label) in self.after.iter().filter(|_| symbol_like) {
            if trimmed.starts_with(symbol.as_str()) && !trimmed[symbol.len()..].starts_with(char::is_alphanumeric) {
                let entry = label.clone();
                return Some(CurrencyAt {
                    edge: start + symbol.len(),
                    code: code.clone(),
                    scale: 1.0,
                    entry,
                    ambiguous: false,
                });
            }
        }
        if trimmed.len() == rest.len() {
            return None;
        }
        let found: Found<String> = self.words.find(prose, start)?;
        let glued = prose[found.edge..].starts_with(char::is_alphanumeric);
        (!glued).then(|| CurrencyAt {
            edge: found.edge,
            code: found.value.clone(),
            scale: 1.0,
            entry: found.label.clone(),
            ambiguous: self.scale_only.iter().any(|w| w.eq_ignore_ascii_case(found.entry)),
        })
    }

    /// A minor unit at `at`: "cents" after a space, or "p" against the digits ("50p").
    pub fn minor_after(&self, prose: &str, at: usize) -> Option<Minor> {
        let found = self.minor.find(prose, at)?;
        let spaced = prose[at..].starts_with(char::is_whitespace);
        // "p" alone is pence only against the digits, and never "p.m.".
        let short = found.entry.len() == 1;
        let glued_after = prose[found.edge..].starts_with(|c: char| c.is_alphanumeric() || short && c == '.');
        if glued_after || short == spaced {
            return None;
        }
        Some(Minor { end: found.edge, of: found.value.0.clone(), per: found.value.1, entry: found.label.clone() })
    }

    /// A currency or minor unit word joined to the amount ending at `at` by a
    /// hyphen, as an adjective: "a 40-euro fine", "a five-dollar bill", "a 12-cent
    /// dividend". A minor unit of one letter never is ("12-p" is no way to write
    /// pence), and a word that is money only after a scale says so (`ambiguous`).
    pub fn joined_by_hyphen(&self, prose: &str, at: usize) -> Option<Joined> {
        let word = word_after_hyphen(prose, at)?;
        let edge = at + 1 + word.len();
        if let Some((code, entry, label)) = self.words.get(word) {
            let ambiguous = self.scale_only.iter().any(|w| w.eq_ignore_ascii_case(entry));
            let currency = CurrencyAt { edge, code: code.clone(), scale: 1.0, entry: label.clone(), ambiguous };
            return Some(Joined::Currency(currency));
        }
        let ((of, per), _, label) = self.minor.get(word).filter(|(_, entry, _)| entry.len() > 1)?;
        Some(Joined::Minor(Minor { end: edge, of: of.clone(), per: *per, entry: label.clone() }))
    }

    /// The first words of every currency and minor unit written after an amount,
    /// in lower case, codes with and without a scale letter included.
    pub fn first_words(&self) -> impl Iterator<Item = String> + '_ {
        let scaled = self.codes.keys().flat_map(|c| CODE_SCALES.iter().map(move |(l, _)| format!("{l}{c}")));
        self.words
            .edge_words()
            .chain(self.minor.edge_words())
            .map(str::to_string)
            .chain(self.codes.keys().cloned())
            .chain(scaled)
            .map(|w| w.to_ascii_lowercase())
    }

    /// A minor unit written against the digits, as one word ("50p", "20c").
    pub fn minor_word(&self, word: &str, end: usize) -> Option<Minor> {
        let ((of, per), _, label) = self.minor.get(word)?;
        Some(Minor { end, of: of.clone(), per: *per, entry: label.clone() })
    }

    /// How many minor units make one of `code`, if it has them.
    pub fn minor_per(&self, code: &str) -> Option<f64> {
        self.minor_per.get(code).map(|(per, _)| *per)
    }

    /// A code, or a code with a scale letter before it ("MUSD").
    fn code(&self, word: &str) -> Option<(String, f64, Arc<str>)> {
        if let Some(label) = self.codes.get(word) {
            return Some((word.to_string(), 1.0, label.clone()));
        }
        let mut chars = word.chars();
        let letter = chars.next()?;
        let (_, scale) = CODE_SCALES.iter().find(|(l, _)| *l == letter)?;
        let code = chars.as_str();
        self.codes.get(code).map(|_| (code.to_string(), *scale, format!("currencies: {word}").into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn money() -> Money {
        Money::new(&Lexicon::builtin())
    }

    #[test]
    fn symbols_before_a_figure() {
        let m = money();
        let code = |text: &str| m.symbol_before(text, text.len()).map(|f| (f.edge, f.code));
        assert_eq!(code("cost $"), Some((5, "USD".into())));
        assert_eq!(code("cost US$"), Some((5, "USD".into())));
        assert_eq!(code("about c $ "), Some((6, "CAD".into())));
        assert_eq!(code("sell Mex$ "), Some((5, "MXN".into())));
        assert_eq!(code("for cad$ "), Some((4, "CAD".into())));
        assert_eq!(code("a "), None);
        assert_eq!(code("AUS$"), None);
        // A code against a symbol decides the currency.
        assert_eq!(code("paid NZD$"), Some((5, "NZD".into())));
        assert_eq!(code("paid USD$ "), Some((5, "USD".into())));
        assert_eq!(code("paid GBP€"), Some((5, "GBP".into())));
        assert_eq!(code("paid XNZD$"), None);
        assert_eq!(code("paid ABC$"), None);
    }

    #[test]
    fn codes_before_and_after() {
        let m = money();
        let before = |text: &str| m.code_before(text, text.len()).map(|f| (f.code, f.scale));
        assert_eq!(before("buy for GBP "), Some(("GBP".into(), 1.0)));
        assert_eq!(before("about MAUD "), Some(("AUD".into(), 1e6)));
        assert_eq!(before("THE "), None);
        let after = |text: &str| m.after(text, 0).map(|f| (f.code, f.scale, f.edge));
        assert_eq!(after(" BTC mined"), Some(("BTC".into(), 1.0, 4)));
        assert_eq!(after("USD"), Some(("USD".into(), 1.0, 3)));
        assert_eq!(after(" MEUR"), Some(("EUR".into(), 1e6, 5)));
        assert_eq!(after(" €,"), Some(("EUR".into(), 1.0, 2 + '€'.len_utf8() - 1)));
        assert_eq!(after("元!"), Some(("CNY".into(), 1.0, '元'.len_utf8())));
        assert_eq!(after(" US dollars"), Some(("USD".into(), 1.0, 11)));
        assert_eq!(after(" dutch guilders"), Some(("NLG".into(), 1.0, 15)));
        assert_eq!(after(" dollarsigns"), None);
        assert_eq!(after(" people"), None);
    }

    #[test]
    fn minor_units_spaced_or_glued() {
        let m = money();
        assert_eq!(m.minor_after(" cents.", 0).map(|x| (x.of, x.per)), Some(("USD".into(), 100.0)));
        assert_eq!(m.minor_after("p each", 0).map(|x| x.of), Some("GBP".into()));
        assert_eq!(m.minor_after(" p.m.", 0), None);
        assert_eq!(m.minor_after("p.m.", 0), None);
        assert_eq!(m.minor_after(" pence", 0).map(|x| x.end), Some(6));
    }

    #[test]
    fn currencies_and_minor_units_joined_by_a_hyphen() {
        let m = money();
        let joined = |text: &str| m.joined_by_hyphen(text, 0);
        assert!(matches!(joined("-euro fine"), Some(Joined::Currency(c)) if c.code == "EUR" && c.edge == 5));
        assert!(matches!(joined("-cent-a-share"), Some(Joined::Minor(x)) if x.of == "USD" && x.end == 5));
        assert!(matches!(joined("-pound bag"), Some(Joined::Currency(c)) if c.ambiguous));
        assert_eq!(joined("-p stamp"), None);
        assert_eq!(joined("-metre"), None);
        assert_eq!(joined("-eurozone"), None);
        assert_eq!(joined(" euro"), None);
    }
}
