//! Two figures that state one range: "10-12%", "$3m–$4m", "between 10 and 12",
//! "3 to 5 million". A range has no value, only bounds; the first figure takes
//! the unit and scale of the second when it has none of its own ("10-12%" is
//! 10% to 12%). Two figures that descend ("won 3-1", "a 5-4 vote") are no range.

use super::{Context, Figure, FigurePatterns, Shape};
use crate::extract::Mention;
use crate::extract::{Form, MentionKind};
use crate::interval::Interval;

/// Reads the figure after a dash that follows `first`, and makes `first` the
/// range they state; false when the two are no range (a score, a code, a phone
/// number), so that neither is read. With no dash after it, `first` stays as it is.
pub(super) fn dash_range(prose: &str, first: &mut Figure, patterns: &FigurePatterns, context: &Context) -> bool {
    let end = first.mention.range.end;
    let rest = &prose[end..];
    let Some(dash) = rest.chars().next().filter(|c| matches!(c, '-' | '–' | '—')) else { return true };
    let after = end + dash.len_utf8();
    let digits = after + prose[after..].find(|c: char| !"$€£¥".contains(c)).unwrap_or(0);
    if !prose[digits..].starts_with(|c: char| c.is_ascii_digit()) {
        return true;
    }
    // "0123" after a dash is a phone number or a code, never the end of a range.
    if prose[digits..].starts_with('0') && prose[digits + 1..].starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let Ok(second) = patterns.read(prose, digits, after, context, true) else { return false };
    join(&mut first.mention, &mut first.shape, &second.mention, &second.shape)
}

/// Merges figures written "between A and B", "A to B percent" or "A – B", in
/// place: a merged pair leaves one mention.
pub(super) fn merge(prose: &str, mentions: &mut Vec<Mention>, shapes: &mut Vec<Shape>) {
    let mut kept = 0;
    for i in 0..mentions.len() {
        if kept > 0 {
            let (previous, shape) = (&mentions[kept - 1], shapes[kept - 1]);
            let gap = prose.get(previous.range.end..mentions[i].range.start).unwrap_or("");
            let before = prose[..previous.range.start].trim_end();
            let ends_with_word = |w: &str| {
                before.len() >= w.len()
                    && before.get(before.len() - w.len()..).is_some_and(|t| t.eq_ignore_ascii_case(w))
                    && !before[..before.len() - w.len()].ends_with(char::is_alphanumeric)
            };
            let between = gap == " and " && ends_with_word("between");
            // "from 10 to 12" after a change verb is a change, not a range; only a
            // bare first figure that borrows the second's unit is read as a range.
            let bare = !shape.dressed && !shape.scaled;
            // "cut by 0.5 to 4.5%" is a change and the level it reached.
            let to = gap == " to "
                && !ends_with_word("from")
                && !ends_with_word("by")
                && bare
                && (shapes[i].dressed || shapes[i].scaled);
            let spaced_dash = matches!(gap, " - " | " – " | " — ");
            if between || to || spaced_dash {
                let (head, tail) = mentions.split_at_mut(i);
                let mut first_shape = shapes[kept - 1];
                if join(&mut head[kept - 1], &mut first_shape, &tail[0], &shapes[i]) {
                    shapes[kept - 1] = first_shape;
                    // "between 10 and 12" is the range's text, "between" included.
                    if between && head[kept - 1].qualifier.is_none() {
                        head[kept - 1].range.start = before.len() - "between".len();
                    }
                    continue;
                }
            }
        }
        mentions.swap(kept, i);
        shapes.swap(kept, i);
        kept += 1;
    }
    mentions.truncate(kept);
    shapes.truncate(kept);
}

/// Makes `a` the range from `a` to `b`; false, leaving `a` as it was, when they
/// do not ascend or are of different kinds.
fn join(a: &mut Mention, first: &mut Shape, b: &Mention, second: &Shape) -> bool {
    if a.form != Form::Plain || b.form != Form::Plain || a.qualifier.is_some() || b.qualifier.is_some() {
        return false;
    }
    let (Some(a_value), Some(b_value)) = (a.value, b.value) else { return false };
    // The first borrows what it lacks: "10-12%" is 10% to 12%, "3 to 5 million" 3 million to 5 million.
    let borrows = !first.dressed && second.dressed || !first.scaled && second.scaled;
    let (low, kind) = if borrows {
        let scale = if first.scaled { first.scale } else { second.scale };
        let value = first.sign * first.raw * scale;
        let half = if first.scaled { first.half } else { first.half / first.scale.max(1.0) * scale.max(1.0) };
        // "$3-4 million": the currency is the first figure's, the scale the second's.
        let kind = if a.kind == MentionKind::Money && b.kind == MentionKind::Number { a.kind } else { b.kind };
        (Interval::around(value, half.min(value.abs().max(1.0))), kind)
    } else {
        if a.kind != b.kind || a.unit != b.unit && a.kind != MentionKind::Number {
            return false;
        }
        (a.interval, a.kind)
    };
    let high = b.interval;
    let ascending = a_value < b_value && low.lo < high.hi;
    if !ascending || !low.is_bounded() || !high.is_bounded() {
        return false;
    }
    let keeps_currency = a.kind == MentionKind::Money && kind == MentionKind::Money && b.kind != MentionKind::Money;
    if (borrows || b.unit.is_some()) && !keeps_currency {
        a.unit = b.unit.clone();
    }
    for entry in &b.lexicon {
        if !a.lexicon.contains(entry) {
            a.lexicon.push(entry.clone());
        }
    }
    a.kind = kind;
    a.range.end = b.range.end;
    a.value = None;
    a.form = Form::Range;
    a.interval = Interval::new(low.lo, high.hi);
    a.per = a.per.take().or_else(|| b.per.clone());
    if a.note.is_none() {
        a.note = b.note.clone();
    }
    first.dressed = true;
    true
}
