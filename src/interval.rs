//! Closed intervals of real numbers: the arithmetic of stated figures.
//!
//! A figure in prose stands for every value its rounding and qualifier allow
//! ("$30 billion" is 29.5–30.5 billion), so checks compute with intervals and flag
//! only when no choice of values inside every interval makes a statement true.
//! Unbounded ends ("more than 150,000") are infinities.

use std::fmt;

/// The set of reals `lo..=hi`; `lo` may be `-inf` and `hi` may be `+inf`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    pub lo: f64,
    pub hi: f64,
}

impl Interval {
    /// The interval `lo..=hi`, with the ends swapped if given in the wrong order.
    pub fn new(lo: f64, hi: f64) -> Interval {
        if lo <= hi { Interval { lo, hi } } else { Interval { lo: hi, hi: lo } }
    }

    /// The single value `x`.
    pub fn point(x: f64) -> Interval {
        Interval { lo: x, hi: x }
    }

    /// `x` give or take `radius`.
    pub fn around(x: f64, radius: f64) -> Interval {
        Interval::new(x - radius.abs(), x + radius.abs())
    }

    /// Whether both ends are finite.
    pub fn is_bounded(self) -> bool {
        self.lo.is_finite() && self.hi.is_finite()
    }

    /// Whether the two intervals share at least one value.
    pub fn meets(self, other: Interval) -> bool {
        self.lo <= other.hi && other.lo <= self.hi
    }

    /// Whether `x` lies inside.
    pub fn contains(self, x: f64) -> bool {
        self.lo <= x && x <= self.hi
    }

    /// The midpoint, or the finite end of a half-bounded interval.
    pub fn mid(self) -> f64 {
        match (self.lo.is_finite(), self.hi.is_finite()) {
            (true, true) => (self.lo + self.hi) / 2.0,
            (true, false) => self.lo,
            (false, true) => self.hi,
            (false, false) => 0.0,
        }
    }

    /// The interval scaled by a constant.
    pub fn scale(self, k: f64) -> Interval {
        Interval::new(self.lo * k, self.hi * k)
    }

    /// The smallest interval holding every value given.
    fn hull(values: impl Iterator<Item = f64>) -> Option<Interval> {
        values.fold(None, |acc, v| match acc {
            None => Some(Interval::point(v)),
            Some(i) => Some(Interval::new(i.lo.min(v), i.hi.max(v))),
        })
    }
}

impl std::ops::Add for Interval {
    type Output = Interval;

    /// Every sum of a value from each.
    fn add(self, other: Interval) -> Interval {
        Interval::new(self.lo + other.lo, self.hi + other.hi)
    }
}

impl std::ops::Sub for Interval {
    type Output = Interval;

    /// Every difference of a value from each.
    fn sub(self, other: Interval) -> Interval {
        Interval::new(self.lo - other.hi, self.hi - other.lo)
    }
}

impl std::ops::Mul for Interval {
    type Output = Interval;

    /// Every product of a value from each.
    fn mul(self, other: Interval) -> Interval {
        let products = [self.lo * other.lo, self.lo * other.hi, self.hi * other.lo, self.hi * other.hi];
        Interval::hull(products.iter().copied().filter(|p| !p.is_nan()))
            .unwrap_or(Interval::new(f64::NEG_INFINITY, f64::INFINITY))
    }
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{}, {}]", self.lo, self.hi)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn products_take_the_extremes() {
        let trade = Interval::new(29.5, 30.5);
        let growth = Interval::new(1.115, 1.125);
        let got = trade * growth;
        assert!((got.lo - 32.8925).abs() < 1e-9, "{got}");
        assert!((got.hi - 34.3125).abs() < 1e-9, "{got}");
    }

    #[test]
    fn subtraction_widens_both_ways() {
        let d = Interval::new(9750.0, 9850.0) - Interval::new(8850.0, 8950.0);
        assert_eq!(d, Interval::new(800.0, 1000.0));
    }

    #[test]
    fn touching_intervals_meet() {
        let a = Interval::new(1.0, 2.0);
        assert!(a.meets(Interval::new(2.0, 3.0)));
        assert!(!a.meets(Interval::new(2.5, 3.0)));
        assert!(!Interval::new(2.5, 3.0).meets(a));
    }

    #[test]
    fn unbounded_ends_behave() {
        let more_than = Interval::new(150_000.0, f64::INFINITY);
        assert!(!more_than.is_bounded());
        assert!(more_than.meets(Interval::point(1e9)));
        assert_eq!(more_than.mid(), 150_000.0);
        assert!((Interval::new(2.0, 3.0) * more_than).hi.is_infinite());
    }
}
