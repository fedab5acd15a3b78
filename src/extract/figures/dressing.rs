//! What follows a number, and what bounds it: a scale word, a percent sign or
//! points, a currency, a minor unit or a unit of measure after a space, the cents
//! that complete a whole amount, the qualifiers before and after the figure, and
//! what an amount is stated per ("$5 per share", "40 barrels a day").

use std::sync::Arc;

use super::exclusions::{counted_noun, looks_like_reference};
use super::money::Joined;
use super::reading::Reading;
use super::{Figure, FigurePatterns, Shape, Unread, glued_word, ranges, scale_counts, word_after_hyphen, word_end};
use crate::extract::lexicon::Qualifier;
use crate::extract::phrases::may_start;
use crate::extract::{Context, Form, Mention, MentionKind};
use crate::interval::Interval;

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

/// Words that introduce what an amount is per ("$5 per share", "40 barrels a day").
const PER_WORDS: [&str; 5] = ["per", "a", "an", "each", "every"];

/// Words after "a year" and the like that make it a time, not a rate: "a year earlier".
const NOT_RATES: [&str; 8] = ["earlier", "ago", "before", "after", "later", "on", "from", "since"];

impl FigurePatterns {
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
        self.joined_by_hyphen(prose, &mut r);
        // After a space: a scale word, then a percent sign, points, a currency, a
        // minor unit or a unit of measure.
        if !r.scaled && r.unit.is_none() && r.minor.is_none() && may_start_at(r.pos) {
            let spaced = prose[r.pos..].starts_with(char::is_whitespace);
            let money = r.currency.is_some();
            if let Some(s) = self
                .spaced_scales
                .find(prose, r.pos)
                .filter(|s| spaced && scale_counts(s.value, &prose[r.pos..s.edge], money))
            {
                r.scale *= s.value.factor;
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
                // "$ 20.00 $ 37.50": after an amount written with its currency before
                // it, a currency before another amount is that amount's.
                self.money.after(prose, pos).filter(|c| {
                    space_then(pos) && (r.scaled || !c.ambiguous) && !(r.prefixed && amount_at(prose, c.edge))
                })
            {
                if r.currency.is_none() || r.currency.as_deref() == Some(code.code.as_str()) {
                    r.scale *= code.scale;
                    r.scaled |= code.scale != 1.0;
                    r.lexicon.push(code.entry);
                    r.currency = Some(code.code);
                    r.pos = code.edge;
                    // "75 USD million"
                    if !r.scaled {
                        if let Some(s) = self
                            .spaced_scales
                            .find(prose, r.pos)
                            .filter(|s| space_then(r.pos) && scale_counts(s.value, &prose[r.pos..s.edge], true))
                        {
                            r.scale *= s.value.factor;
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
            if let Some(q) = self.qualifiers_before.find(prose, r.start).filter(|q| q.edge >= r.floor) {
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

    /// A scale, then a currency or minor unit, joined to the number by hyphens as
    /// an adjective: "a $3-million grant", "a 12-cent dividend", "a 40-euro fine",
    /// "a 30-million-pound deal". "a 3-pound bag" stays a count: "pound" is money
    /// only after a scale.
    fn joined_by_hyphen(&self, prose: &str, r: &mut Reading) {
        if r.unit.is_some() || r.minor.is_some() {
            return;
        }
        let money = r.currency.is_some();
        let scale = word_after_hyphen(prose, r.pos)
            .and_then(|word| self.spaced_scales.get(word).filter(|(s, _, _)| scale_counts(s, word, money)));
        if let (Some((scale, _, label)), false) = (scale, r.scaled) {
            r.scale *= scale.factor;
            r.scaled = true;
            r.lexicon.push(label.clone());
            r.pos += 1 + scale.word.len();
        }
        if money {
            return;
        }
        match self.money.joined_by_hyphen(prose, r.pos) {
            Some(Joined::Currency(c)) if r.scaled || !c.ambiguous => {
                r.lexicon.push(c.entry);
                r.currency = Some(c.code);
                r.pos = c.edge;
            }
            Some(Joined::Minor(m)) if !r.scaled => {
                r.lexicon.push(m.entry.clone());
                r.pos = m.end;
                r.minor = Some(m);
            }
            _ => {}
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
        // "15 dollars 37.50" is no 15.37: the digits are an amount of their own.
        let decimals =
            prose[after..].strip_prefix(['.', ',']).is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()));
        if !(1.0..100.0).contains(&cents) || cents.fract() != 0.0 || len > 2 || decimals {
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

/// Whether an amount starts at `at`, after at most one space: the "$ 37.50" of
/// "$ 20.00 $ 37.50".
fn amount_at(prose: &str, at: usize) -> bool {
    let rest = &prose[at..];
    let rest = rest.strip_prefix([' ', '\u{a0}']).unwrap_or(rest);
    rest.starts_with(|c: char| c.is_ascii_digit())
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
