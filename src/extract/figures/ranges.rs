//! Two figures that state one range: "10-12%", "$3m–$4m", "between 10 and 12",
//! "3 to 5 million". A range has no value, only bounds; the first figure takes
//! the unit and scale of the second when it has none of its own ("10-12%" is
//! 10% to 12%). Two figures that descend ("won 3-1", "a 5-4 vote") are no range.

use super::{Context, Figure, FigurePatterns};
use crate::extract::{Form, MentionKind};
use crate::interval::Interval;

/// Reads the figure after a dash that follows `first`, and returns the range
/// they state; `first` alone when no dash follows, and `None` when the two are
/// no range (a score, a code, a phone number), so that neither is read.
pub(super) fn dash_range(prose: &str, first: Figure, patterns: &FigurePatterns, context: &Context) -> Option<Figure> {
    let end = first.mention.range.end;
    let rest = &prose[end..];
    let Some(dash) = rest.chars().next().filter(|c| matches!(c, '-' | '–' | '—')) else { return Some(first) };
    let after = end + dash.len_utf8();
    let digits = after + prose[after..].find(|c: char| !"$€£¥".contains(c)).unwrap_or(0);
    if !prose[digits..].starts_with(|c: char| c.is_ascii_digit()) {
        return Some(first);
    }
    // "0123" after a dash is a phone number or a code, never the end of a range.
    if prose[digits..].starts_with('0') && prose[digits + 1..].starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let second = patterns.read(prose, digits, context, true).ok()?;
    join(first, second)
}

/// Merges figures written "between A and B", "A to B percent" or "A – B".
pub(super) fn merge(prose: &str, figures: Vec<Figure>, _patterns: &FigurePatterns) -> Vec<Figure> {
    let mut out: Vec<Figure> = Vec::with_capacity(figures.len());
    for figure in figures {
        if let Some(previous) = out.last() {
            let gap = &prose[previous.mention.range.end..figure.mention.range.start];
            let before = prose[..previous.mention.range.start].trim_end();
            let ends_with_word = |w: &str| {
                before.len() >= w.len()
                    && before.get(before.len() - w.len()..).is_some_and(|t| t.eq_ignore_ascii_case(w))
                    && !before[..before.len() - w.len()].ends_with(char::is_alphanumeric)
            };
            let between = gap == " and " && ends_with_word("between");
            // "from 10 to 12" after a change verb is a change, not a range; only a
            // bare first figure that borrows the second's unit is read as a range.
            let bare = !previous.dressed && !previous.scaled;
            let to = gap == " to " && !ends_with_word("from") && bare && (figure.dressed || figure.scaled);
            let spaced_dash = matches!(gap, " - " | " – " | " — ");
            if between || to || spaced_dash {
                let previous = out.pop().expect("checked above");
                match join(previous.clone(), figure.clone()) {
                    Some(range) => out.push(range),
                    None => {
                        out.push(previous);
                        out.push(figure);
                    }
                }
                continue;
            }
        }
        out.push(figure);
    }
    out
}

/// The range from `first` to `second`, or `None` when they do not ascend or are
/// of different kinds.
fn join(first: Figure, second: Figure) -> Option<Figure> {
    let (a, b) = (&first.mention, &second.mention);
    if a.form != Form::Plain || b.form != Form::Plain || a.qualifier.is_some() || b.qualifier.is_some() {
        return None;
    }
    // The first borrows what it lacks: "10-12%" is 10% to 12%, "3 to 5 million" 3 million to 5 million.
    let borrows = !first.dressed && second.dressed || !first.scaled && second.scaled;
    let (low, kind, unit) = if borrows {
        let scale = if first.scaled { first.scale } else { second.scale };
        let value = first.sign * first.raw * scale;
        let half = if first.scaled { first.half } else { first.half / first.scale.max(1.0) * scale.max(1.0) };
        (Interval::around(value, half.min(value.abs().max(1.0))), second.mention.kind, second.mention.unit.clone())
    } else {
        if a.kind != b.kind || a.unit != b.unit && a.kind != MentionKind::Number {
            return None;
        }
        (a.interval, a.kind, b.unit.clone().or(a.unit.clone()))
    };
    let high = b.interval;
    let ascending = a.value? < b.value? && low.lo < high.hi;
    if !ascending || !low.is_bounded() || !high.is_bounded() {
        return None;
    }
    let mut lexicon = first.mention.lexicon.clone();
    lexicon.extend(second.mention.lexicon.iter().filter(|e| !first.mention.lexicon.contains(e)).cloned());
    let mut mention = second.mention.clone();
    mention.kind = kind;
    mention.unit = unit;
    mention.range = first.mention.range.start..second.mention.range.end;
    mention.value = None;
    mention.form = Form::Range;
    mention.interval = Interval::new(low.lo, high.hi);
    mention.lexicon = lexicon;
    mention.note = first.mention.note.clone().or(second.mention.note.clone());
    Some(Figure { mention, dressed: true, ..first })
}
