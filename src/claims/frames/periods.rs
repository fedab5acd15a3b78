//! The period of a frame: the time a figure's own phrase names, the one its
//! clause or sentence names before the verb, a time counted from another, and a
//! quarter or month without a year read against the publication date.

use super::*;

impl SentenceReader<'_> {
    /// The period mention `i` names. A time counted from another ("the following
    /// year", "a year earlier") is counted from `context`, the period of the
    /// sentence or of the claim before; without one it names none.
    pub(super) fn period(&self, i: usize, context: Option<Period>) -> Option<Period> {
        let m = &self.mentions[i];
        if let Some(p) = period_of(m, context) {
            return Some(p);
        }
        // "in the second quarter" in an article of August 2024 is 2024's, once the
        // quarter has begun by then; before it, the words may mean last year's or a
        // forecast for this year's, so they name none.
        if context.is_none()
            && let Some(date) = self.published
            && let Some(p) = period_of(m, Some(Period::Year(i32::from(date.year()))))
        {
            return p.begins_by(date).then_some(p);
        }
        let relative = m.form == Form::Relative || m.kind == MentionKind::Duration && m.note.is_some();
        if !relative || m.time.as_deref().is_some_and(|t| !t.starts_with('P')) {
            return None;
        }
        let text = self.prose.get(m.range.clone())?;
        self.grammar.counted_from(text, context?)
    }

    /// The period of a time stated in `range` (sentence-relative) before a verb,
    /// when exactly one is stated.
    pub(super) fn period_before(&self, range: Range<usize>, context: Option<Period>) -> Option<Period> {
        let mut periods = self.mentions_in(range).filter_map(|i| self.period(i, context));
        let first = periods.next()?;
        periods.next().is_none().then_some(first)
    }

    /// Whether the sentence states a time of its own: a temporal mention, or words
    /// such as "the following year" or "then" that extraction may not read yet (such
    /// a sentence keeps no period rather than a wrong one).
    pub(super) fn names_a_time(&self) -> bool {
        self.in_sentence.iter().any(|&i| self.mentions[i].kind.is_temporal())
            || self
                .text()
                .split(|c: char| !c.is_alphabetic())
                .any(|w| TIME_WORDS.iter().any(|t| t.eq_ignore_ascii_case(w)))
    }

    /// A year stated before the first verb ("In 2022, exports rose…") holds for the
    /// whole sentence.
    pub(super) fn sentence_period(&self, before: usize, context: Option<Period>) -> Option<Period> {
        let in_main = |i: &usize| {
            let at = self.local(*i).start;
            self.clauses[self.clause_of(at)].kind == ClauseKind::Main
        };
        let mut periods = self.mentions_in(0..before).filter(in_main).filter_map(|i| self.period(i, context));
        let first = periods.next()?;
        periods.next().is_none().then_some(first)
    }
}
