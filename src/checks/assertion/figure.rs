//! The types of figure a placeholder or selector may ask for, and how a document's
//! mentions are laid out as one character each so that patterns can match them.
//!
//! Patterns run over a "shadow" of the prose in which every mention is replaced by
//! a private-use character naming its type: `{killed:count} killed` becomes the
//! regex `(?P<killed>\u{E000})\s+killed`. The regex engine then does all the work,
//! in linear time, and a placeholder can only ever match a whole figure that
//! extraction read, never part of one.

use std::ops::Range;

use crate::extract::{Form, Mention, MentionKind};

/// A placeholder's type: a mention kind, or a family of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FigureType {
    /// Any number without currency or percent: a count or a quantity.
    Number,
    /// A number of things: "130 (people)".
    Count,
    /// A number with a unit of measurement: "10 MB", "42 km".
    Quantity,
    Money,
    Percent,
    Points,
    Multiplier,
    Ordinal,
    Year,
    Date,
    Period,
    Weekday,
    Duration,
    Age,
    /// Any amount: number, money, percent or points.
    Figure,
}

/// Every type by its name in rule files.
pub const TYPES: &[(&str, FigureType)] = &[
    ("number", FigureType::Number),
    ("count", FigureType::Count),
    ("quantity", FigureType::Quantity),
    ("money", FigureType::Money),
    ("percent", FigureType::Percent),
    ("points", FigureType::Points),
    ("multiplier", FigureType::Multiplier),
    ("ordinal", FigureType::Ordinal),
    ("year", FigureType::Year),
    ("date", FigureType::Date),
    ("period", FigureType::Period),
    ("weekday", FigureType::Weekday),
    ("duration", FigureType::Duration),
    ("age", FigureType::Age),
    ("figure", FigureType::Figure),
];

/// The first private-use character; a mention's class is added to it.
const BASE: u32 = 0xE000;

/// A regex class body holding every figure character.
pub const FIGURE_CHARACTERS: &str = r"\x{E000}-\x{E00C}";

/// The concrete classes, in the order of their characters.
const CLASSES: &[FigureType] = &[
    FigureType::Count,
    FigureType::Quantity,
    FigureType::Money,
    FigureType::Percent,
    FigureType::Points,
    FigureType::Multiplier,
    FigureType::Ordinal,
    FigureType::Year,
    FigureType::Date,
    FigureType::Period,
    FigureType::Weekday,
    FigureType::Duration,
    FigureType::Age,
];

impl FigureType {
    /// The type a rule file names, or `None`.
    pub fn named(name: &str) -> Option<FigureType> {
        TYPES.iter().find(|(n, _)| *n == name).map(|&(_, t)| t)
    }

    /// The concrete classes this type accepts.
    fn classes(self) -> &'static [FigureType] {
        match self {
            FigureType::Number => &CLASSES[..2],
            FigureType::Figure => &CLASSES[..5],
            _ => CLASSES.iter().position(|&c| c == self).map_or(&[], |i| &CLASSES[i..=i]),
        }
    }

    /// A regex character class matching the shadow character of every mention of
    /// this type.
    pub fn regex_class(self) -> String {
        let mut class = String::from("[");
        for &c in self.classes() {
            let i = CLASSES.iter().position(|&k| k == c).unwrap_or(0) as u32;
            class.push_str(&format!("\\x{{{:X}}}", BASE + i));
        }
        class.push(']');
        class
    }

    /// Whether a mention is of this type.
    pub fn accepts(self, mention: &Mention) -> bool {
        class_of(mention).is_some_and(|c| self.classes().contains(&c))
    }
}

/// Whether a number's unit is a unit of measurement, read from the lexicon's
/// `units`, rather than a counted noun.
pub fn has_measured_unit(mention: &Mention) -> bool {
    mention.lexicon.iter().any(|entry| entry.starts_with("units:"))
}

/// The concrete class of a mention; vague amounts, which have no value, have none.
fn class_of(mention: &Mention) -> Option<FigureType> {
    if mention.form == Form::Vague {
        return None;
    }
    Some(match mention.kind {
        MentionKind::Number if has_measured_unit(mention) => FigureType::Quantity,
        MentionKind::Number => FigureType::Count,
        MentionKind::Money => FigureType::Money,
        MentionKind::Percent => FigureType::Percent,
        MentionKind::Points => FigureType::Points,
        MentionKind::Multiplier => FigureType::Multiplier,
        MentionKind::Ordinal => FigureType::Ordinal,
        MentionKind::Year => FigureType::Year,
        MentionKind::Date => FigureType::Date,
        MentionKind::Period => FigureType::Period,
        MentionKind::Weekday => FigureType::Weekday,
        MentionKind::Duration => FigureType::Duration,
        MentionKind::Age => FigureType::Age,
    })
}

/// Copies prose into the shadow; the article's own private-use characters (icon
/// fonts use them) become U+FFFD, of the same length, so none passes for a figure.
fn push_prose(shadow: &mut String, prose: &str) {
    let last = char::from_u32(BASE + CLASSES.len() as u32 - 1).unwrap_or('\u{E000}');
    if !prose.contains(|c: char| ('\u{E000}'..=last).contains(&c)) {
        shadow.push_str(prose);
        return;
    }
    shadow.extend(prose.chars().map(|c| if ('\u{E000}'..=last).contains(&c) { '\u{FFFD}' } else { c }));
}

/// The prose with every mention replaced by its class's character, and the way
/// back from shadow offsets to prose offsets.
#[derive(Debug)]
pub struct Shadow {
    pub text: String,
    /// Per figure character: its shadow offset, its prose range, its mention index.
    figures: Vec<(usize, Range<usize>, usize)>,
}

impl Shadow {
    /// Lays out `prose` with `mentions` (sorted by position) as characters.
    pub fn new(prose: &str, mentions: &[Mention]) -> Shadow {
        let mut text = String::with_capacity(prose.len());
        let mut figures = Vec::new();
        let mut copied = 0;
        for (index, mention) in mentions.iter().enumerate() {
            let Some(class) = class_of(mention) else { continue };
            let range = mention.range.clone();
            if range.start < copied || range.end > prose.len() || !prose.is_char_boundary(range.start) {
                continue;
            }
            push_prose(&mut text, &prose[copied..range.start]);
            let i = CLASSES.iter().position(|&c| c == class).unwrap_or(0) as u32;
            figures.push((text.len(), range.clone(), index));
            text.push(char::from_u32(BASE + i).unwrap_or('\u{E000}'));
            copied = range.end;
        }
        push_prose(&mut text, &prose[copied..]);
        Shadow { text, figures }
    }

    /// The mention whose character starts at shadow offset `at`.
    pub fn mention_at(&self, at: usize) -> Option<usize> {
        let i = self.figures.binary_search_by_key(&at, |f| f.0).ok()?;
        Some(self.figures[i].2)
    }

    /// The mentions whose characters lie inside a shadow range.
    pub fn mentions_in(&self, range: Range<usize>) -> impl Iterator<Item = usize> + '_ {
        let first = self.figures.partition_point(|f| f.0 < range.start);
        self.figures[first..].iter().take_while(move |f| f.0 < range.end).map(|f| f.2)
    }

    /// The prose offset of a shadow offset.
    pub fn prose_offset(&self, at: usize) -> usize {
        let before = self.figures.partition_point(|f| f.0 < at);
        match before.checked_sub(1).map(|i| &self.figures[i]) {
            // After a figure character (3 bytes), the prose is longer by the figure's text.
            Some((start, range, _)) => range.end + at.saturating_sub(start + 3),
            None => at,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Context, Extractor, Lexicon};

    fn mentions(prose: &str) -> Vec<Mention> {
        Extractor::new(&Lexicon::builtin()).unwrap().extract(prose, &Context::default())
    }

    #[test]
    fn every_figure_becomes_one_character_and_maps_back() {
        let prose = "Gunmen killed 130 people; the limit is 10 MB, up 5%.";
        let found = mentions(prose);
        let shadow = Shadow::new(prose, &found);
        assert_eq!(shadow.text, "Gunmen killed \u{E000} people; the limit is \u{E001}, up \u{E003}.");
        let limit = shadow.text.find('\u{E001}').unwrap();
        assert_eq!(&prose[found[shadow.mention_at(limit).unwrap()].range.clone()], "10 MB");
        let up = shadow.text.find(", up").unwrap();
        assert_eq!(&prose[shadow.prose_offset(up)..], ", up 5%.");
        assert_eq!(shadow.mentions_in(0..shadow.text.len()).count(), 3);
    }

    #[test]
    fn families_accept_their_members() {
        let found = mentions("130 people and 10 MB and $5 and 4%");
        assert!(FigureType::Number.accepts(&found[0]) && FigureType::Number.accepts(&found[1]));
        assert!(FigureType::Count.accepts(&found[0]) && !FigureType::Count.accepts(&found[1]));
        assert!(FigureType::Figure.accepts(&found[2]) && FigureType::Figure.accepts(&found[3]));
        assert!(!FigureType::Money.accepts(&found[3]));
        assert_eq!(FigureType::Number.regex_class(), "[\\x{E000}\\x{E001}]");
    }
}
