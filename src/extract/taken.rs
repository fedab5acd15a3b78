//! The parts of the prose already claimed by a mention.
//!
//! Patterns run one after another and a later one may not overlap what an earlier
//! one read ("24 February 2022" is a date, so its "2022" is no year of its own).
//! Kept as one sorted vector of disjoint ranges per pass ("layer"), so a check
//! costs a binary search per pass rather than a scan of every mention so far (a
//! long report has thousands), and taking a range is nearly always a push, since
//! each pass finds its ranges in order. One vector for all passes would make a
//! later pass insert in the middle of an earlier one's ranges, once per range.

use std::ops::Range;

/// Disjoint byte ranges, sorted by start within each layer; no two layers overlap.
#[derive(Debug, Default)]
pub(crate) struct Taken {
    layers: Vec<Vec<Range<usize>>>,
}

impl Taken {
    /// Starts the ranges of a new pass.
    pub fn next_layer(&mut self) {
        self.layers.push(Vec::new());
    }

    /// Whether `range` overlaps nothing taken.
    pub fn is_free(&self, range: &Range<usize>) -> bool {
        // The first taken range that ends after `range` starts is the only one that can reach into it.
        self.layers.iter().all(|ranges| {
            let i = ranges.partition_point(|t| t.end <= range.start);
            ranges.get(i).is_none_or(|t| t.start >= range.end.max(range.start + 1))
        })
    }

    /// The end of the taken range that holds `at`, if one does.
    pub fn end_of(&self, at: usize) -> Option<usize> {
        self.layers.iter().find_map(|ranges| {
            let i = ranges.partition_point(|t| t.end <= at);
            ranges.get(i).filter(|t| t.start <= at).map(|t| t.end)
        })
    }

    /// Takes `range` into the current layer if it is free; says whether it was.
    pub fn take(&mut self, range: &Range<usize>) -> bool {
        if !self.is_free(range) {
            return false;
        }
        if self.layers.is_empty() {
            self.next_layer();
        }
        let ranges = self.layers.last_mut().expect("a layer was just made");
        if ranges.last().is_none_or(|last| last.end <= range.start) {
            ranges.push(range.clone());
        } else {
            let at = ranges.partition_point(|t| t.start < range.start);
            ranges.insert(at, range.clone());
        }
        true
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
        assert_eq!(taken.end_of(35), Some(40));
        assert_eq!(taken.end_of(40), None);
        taken.next_layer();
        assert!(!taken.take(&(35..45)), "overlaps a range of the layer before");
        assert!(taken.take(&(45..50)));
        assert_eq!((taken.end_of(46), taken.end_of(12)), (Some(50), Some(20)));
    }
}
