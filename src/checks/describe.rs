//! Describing figures in messages: computed values written the way the article
//! writes its own ("$33.6 billion", "1,420", "50%").

use crate::extract::{Mention, MentionKind};
use crate::input::Document;
use crate::interval::Interval;

/// Writes `value` in the style of `like`: the same currency and scale word, three
/// significant figures.
pub fn like(value: f64, like: &Mention) -> String {
    like_with(value, like, 0)
}

/// Two bounds in the style of `like`, precise enough to tell apart: "£18.35
/// million to £18.45 million" rather than "£18.4 million to £18.4 million".
pub fn bounds(lo: f64, hi: f64, like: &Mention) -> String {
    let (low, high) = bound_pair(lo, hi, like);
    format!("{low} to {high}")
}

/// The two ends of [`bounds`], apart.
pub fn bound_pair(lo: f64, hi: f64, like: &Mention) -> (String, String) {
    if like.kind == MentionKind::Percent {
        // Whole percentages would turn 17.5–18.5 into "18% to 19%".
        let end = |x: f64| format!("{}%", trim(format!("{x:.2}")));
        return (end(lo), end(hi));
    }
    let mut extra = 0;
    let (mut low, mut high) = (like_with(lo, like, 0), like_with(hi, like, 0));
    while low == high && lo != hi && extra < 4 {
        extra += 1;
        (low, high) = (like_with(lo, like, extra), like_with(hi, like, extra));
    }
    (low, high)
}

/// `like`, with `extra` more significant figures.
fn like_with(value: f64, like: &Mention, extra: usize) -> String {
    match like.kind {
        MentionKind::Money => money_with(value, like.unit.as_deref().unwrap_or(""), extra),
        MentionKind::Percent => percent(value),
        _ => {
            let (scaled, word) = scale(value);
            let noun = like.unit.as_deref().map(|u| format!(" {u}")).unwrap_or_default();
            if word.is_empty() {
                format!("{}{noun}", count(value, extra))
            } else {
                format!("{}{word}{noun}", significant(scaled, extra))
            }
        }
    }
}

/// "$33.6 billion", "€57.6m"-style amounts as "€57.6 million".
pub fn money(value: f64, code: &str) -> String {
    money_with(value, code, 0)
}

fn money_with(value: f64, code: &str, extra: usize) -> String {
    let (scaled, word) = scale(value);
    let number = if word.is_empty() { count(value, extra) } else { significant(scaled, extra) };
    let sign = if value < 0.0 { "-" } else { "" };
    let number = number.trim_start_matches('-');
    match code {
        "USD" => format!("{sign}${number}{word}"),
        "EUR" => format!("{sign}€{number}{word}"),
        "GBP" => format!("{sign}£{number}{word}"),
        "JPY" => format!("{sign}¥{number}{word}"),
        other => format!("{sign}{number}{word} {other}"),
    }
}

/// A percentage, whole above 10 and to one decimal below.
pub fn percent(value: f64) -> String {
    if value.abs() >= 9.95 { format!("{}%", value.round()) } else { format!("{}%", trim(format!("{value:.1}"))) }
}

/// A factor: "1.59".
pub fn factor(value: f64) -> String {
    trim(format!("{value:.2}"))
}

fn scale(value: f64) -> (f64, &'static str) {
    let abs = value.abs();
    if abs >= 1e12 {
        (value / 1e12, " trillion")
    } else if abs >= 1e9 {
        (value / 1e9, " billion")
    } else if abs >= 1e6 {
        (value / 1e6, " million")
    } else {
        (value, "")
    }
}

/// Three significant figures (and `extra` more), trailing zeros dropped: 33.6, 1.42, 120.
fn significant(value: f64, extra: usize) -> String {
    let digits = extra
        + if value.abs() >= 100.0 {
            0
        } else if value.abs() >= 10.0 {
            1
        } else {
            2
        };
    trim(format!("{value:.digits$}"))
}

/// A whole or near-whole count with thousands separators: 1,420 or 2.5; with
/// `extra` figures asked for, 119.5 stays 119.5.
fn count(value: f64, extra: usize) -> String {
    let near_whole = (value - value.round()).abs() < 0.05;
    if near_whole || (value.abs() >= 1000.0 && extra == 0) {
        let whole = value.round() as i64;
        let digits = whole.unsigned_abs().to_string();
        let mut grouped = String::new();
        for (i, ch) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(ch);
        }
        if whole < 0 { format!("-{grouped}") } else { grouped }
    } else {
        significant(value, extra)
    }
}

/// A decimal without trailing zeros: "33.60" as "33.6", "2.0" as "2".
pub fn trim(text: String) -> String {
    if text.contains('.') { text.trim_end_matches('0').trim_end_matches('.').to_string() } else { text }
}

/// How a level moved, in words: "a 20% rise", or for percentages "a fall of
/// 0.5 points" (a relative change of a percentage is ambiguous).
pub fn movement(from: f64, to: f64, like: &Mention) -> String {
    let direction = if to >= from { "rise" } else { "fall" };
    if like.kind == MentionKind::Percent || is_points(like) {
        let points = trim(format!("{:.2}", (to - from).abs()));
        let unit = if points == "1" { "point" } else { "points" };
        return format!("a {direction} of {points} {unit}");
    }
    let pct = percent(((to - from) / from * 100.0).abs());
    format!("{} {pct} {direction}", article(&pct))
}

/// "a" or "an" before a figure, by how it is spoken: "an 8% rise", "an 11%
/// rise", "an 18% fall", "a 12% rise".
pub fn article(figure: &str) -> &'static str {
    let whole: String = figure.chars().take_while(|c| c.is_ascii_digit() || *c == ',').filter(|c| *c != ',').collect();
    // Eleven and eighteen, alone or leading a group of thousands ("11,000", "18m").
    let eleven_or_eighteen = (whole.starts_with("11") || whole.starts_with("18")) && whole.len() % 3 == 2;
    if whole.starts_with('8') || eleven_or_eighteen { "an" } else { "a" }
}

/// Whether a figure is in percentage points ("2.5 percentage points", "16 points").
pub fn is_points(m: &Mention) -> bool {
    m.kind == MentionKind::Points
        || (m.kind == MentionKind::Number && m.unit.as_deref().is_some_and(|u| u == "points" || u == "point"))
}

/// An interval for `--explain`, in the style of a figure: "$32.9 billion to $34.3 billion".
pub fn span_of(i: Interval, like: &Mention) -> String {
    let mut plain = like.clone();
    if plain.kind == MentionKind::Number {
        // The counted noun belongs to the sentence, not to the bounds.
        plain.unit = None;
    }
    if i.lo.abs().max(i.hi.abs()) < 1000.0 && plain.kind == MentionKind::Number {
        let end = |x: f64| trim(format!("{x:.2}"));
        return format!("{} to {}", end(i.lo), end(i.hi));
    }
    bounds(i.lo, i.hi, &plain)
}

/// The figure as the article wrote it.
pub fn text_of(doc: &Document, m: &Mention) -> String {
    doc.prose.get(m.range.clone()).unwrap_or_default().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_keeps_currency_and_scale() {
        assert_eq!(money(33.6e9, "USD"), "$33.6 billion");
        assert_eq!(money(57.6e6, "EUR"), "€57.6 million");
        assert_eq!(money(2.507e9, "GBP"), "£2.51 billion");
        assert_eq!(money(7800.0, "USD"), "$7,800");
        assert_eq!(money(5e6, "SEK"), "5 million SEK");
    }

    #[test]
    fn percentages_and_factors_round_sensibly() {
        assert_eq!(percent(50.0), "50%");
        assert_eq!(percent(49.6), "50%");
        assert_eq!(percent(6.25), "6.2%");
        assert_eq!(percent(-16.7), "-17%");
        assert_eq!(factor(1.5915), "1.59");
        assert_eq!(factor(2.0), "2");
    }

    #[test]
    fn articles_follow_how_figures_are_spoken() {
        assert_eq!(article("8%"), "an");
        assert_eq!(article("80%"), "an");
        assert_eq!(article("11%"), "an");
        assert_eq!(article("18,500"), "an");
        assert_eq!(article("12%"), "a");
        assert_eq!(article("110%"), "a");
        assert_eq!(article("1.5%"), "a");
    }

    #[test]
    fn counts_group_thousands() {
        assert_eq!(count(1420.0, 0), "1,420");
        assert_eq!(count(-900.0, 0), "-900");
        assert_eq!(count(60.0, 0), "60");
        assert_eq!(count(2.5, 0), "2.5");
    }
}
