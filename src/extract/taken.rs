//! The parts of the prose already claimed by a mention.
//!
//! Patterns run one after another and a later one may not overlap what an earlier
//! one read ("24 February 2022" is a date, so its "2022" is no year of its own).
//! Kept as a sorted map of disjoint ranges, so a check costs a logarithmic lookup
//! rather than a scan of every mention so far: a long report has thousands.

use std::collections::BTreeMap;
use std::ops::Range;

/// Disjoint byte ranges, by start.
#[derive(Debug, Default)]
pub(crate) struct Taken {
    ends_by_start: BTreeMap<usize, usize>,
}

impl Taken {
    /// Whether `range` overlaps nothing taken.
    pub fn is_free(&self, range: &Range<usize>) -> bool {
        // Of disjoint ranges, only the last one starting before `range` ends can reach into it.
        match self.ends_by_start.range(..range.end.max(range.start + 1)).next_back() {
            Some((_, &end)) => end <= range.start,
            None => true,
        }
    }

    /// Takes `range` if it is free; says whether it was.
    pub fn take(&mut self, range: &Range<usize>) -> bool {
        let free = self.is_free(range);
        if free {
            self.ends_by_start.insert(range.start, range.end);
        }
        free
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_ranges_are_refused_and_disjoint_ones_taken() {
        let mut taken = Taken::default();
        assert!(taken.take(&(10..20)));
        assert!(taken.take(&(30..40)));
        assert!(!taken.take(&(15..25)), "overlaps the end of 10..20");
        assert!(!taken.take(&(5..11)), "overlaps the start of 10..20");
        assert!(!taken.take(&(12..18)), "inside 10..20");
        assert!(!taken.take(&(0..50)), "covers both");
        assert!(taken.take(&(20..30)), "touching is not overlapping");
        assert!(taken.take(&(0..10)));
        assert!(!taken.is_free(&(35..36)));
        assert!(taken.is_free(&(40..45)));
    }
}
