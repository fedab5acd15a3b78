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

    /// Every real number: what is known of a value nothing bounds.
    pub fn unbounded() -> Interval {
        Interval { lo: f64::NEG_INFINITY, hi: f64::INFINITY }
    }

    /// Whether it holds exactly one value.
    pub fn is_point(self) -> bool {
        self.lo == self.hi
    }

    /// The interval itself, or the unbounded interval if either end is NaN: an
    /// undefined result (`∞ - ∞`) may be anything, and a NaN end would make every
    /// comparison false and so look like a contradiction.
    pub fn or_unbounded_if_nan(self) -> Interval {
        if self.lo.is_nan() || self.hi.is_nan() { Interval::unbounded() } else { self }
    }

    /// Every absolute value of a value inside.
    pub fn abs(self) -> Interval {
        if self.lo >= 0.0 {
            self
        } else if self.hi <= 0.0 {
            Interval::new(-self.hi, -self.lo)
        } else {
            Interval::new(0.0, self.hi.max(-self.lo))
        }
    }

    /// Every `min(x, y)` of a value from each.
    pub fn min(self, other: Interval) -> Interval {
        Interval::new(self.lo.min(other.lo), self.hi.min(other.hi))
    }

    /// Every `max(x, y)` of a value from each.
    pub fn max(self, other: Interval) -> Interval {
        Interval::new(self.lo.max(other.lo), self.hi.max(other.hi))
    }

    /// Every value inside rounded to `digits` decimal places (negative: to tens,
    /// hundreds...), halves away from zero. Rounding never decreases as its input
    /// grows, so rounding the ends bounds every rounded value.
    pub fn round(self, digits: i32) -> Interval {
        Interval::new(round_to(self.lo, digits), round_to(self.hi, digits))
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

impl std::ops::Neg for Interval {
    type Output = Interval;

    fn neg(self) -> Interval {
        Interval::new(-self.hi, -self.lo)
    }
}

impl std::ops::Div for Interval {
    type Output = Interval;

    /// Every quotient of a value from each. A divisor that may be zero allows any
    /// quotient at all (the true set is unbounded or undefined), so the result is
    /// the unbounded interval rather than a guess.
    fn div(self, divisor: Interval) -> Interval {
        if divisor.contains(0.0) || divisor.lo.is_nan() || divisor.hi.is_nan() {
            return Interval::unbounded();
        }
        // Zero is outside the divisor, so 1/x is monotonic over it: its reciprocals
        // run from 1/hi to 1/lo (an infinite end gives 0, which is the limit).
        self * Interval::new(1.0 / divisor.hi, 1.0 / divisor.lo)
    }
}

/// `x` rounded to `digits` decimal places; `x` itself where scaling would overflow
/// (a number that large has no decimals to round at that place).
fn round_to(x: f64, digits: i32) -> f64 {
    let scale = 10f64.powi(digits);
    let scaled = x * scale;
    if !x.is_finite() || !scaled.is_finite() || scale == 0.0 {
        return x;
    }
    scaled.round() / scale
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
    fn division_takes_the_extremes() {
        let got = Interval::new(129.5, 130.5) / Interval::new(2.0, 4.0);
        assert_eq!(got, Interval::new(32.375, 65.25));
        let negative = Interval::new(1.0, 2.0) / Interval::new(-4.0, -2.0);
        assert_eq!(negative, Interval::new(-1.0, -0.25));
    }

    #[test]
    fn division_by_what_may_be_zero_is_unbounded() {
        let one = Interval::point(1.0);
        assert_eq!(one / Interval::new(-1.0, 1.0), Interval::unbounded());
        assert_eq!(one / Interval::new(0.0, 1.0), Interval::unbounded());
        assert_eq!(one / Interval::point(0.0), Interval::unbounded());
    }

    #[test]
    fn division_by_an_unbounded_divisor_reaches_zero() {
        let got = Interval::new(2.0, 3.0) / Interval::new(4.0, f64::INFINITY);
        assert_eq!(got, Interval::new(0.0, 0.75));
    }

    #[test]
    fn abs_min_max_and_negation() {
        assert_eq!(Interval::new(-3.0, 2.0).abs(), Interval::new(0.0, 3.0));
        assert_eq!(Interval::new(-3.0, -2.0).abs(), Interval::new(2.0, 3.0));
        assert_eq!(Interval::new(1.0, 2.0).abs(), Interval::new(1.0, 2.0));
        let a = Interval::new(1.0, 5.0);
        let b = Interval::new(2.0, 3.0);
        assert_eq!(a.min(b), Interval::new(1.0, 3.0));
        assert_eq!(a.max(b), Interval::new(2.0, 5.0));
        assert_eq!(-a, Interval::new(-5.0, -1.0));
    }

    #[test]
    fn rounding_rounds_both_ends() {
        assert_eq!(Interval::new(33.55, 33.65).round(0), Interval::point(34.0));
        assert_eq!(Interval::new(-2.5, 2.44).round(0), Interval::new(-3.0, 2.0));
        assert_eq!(Interval::new(1234.0, 1251.0).round(-2), Interval::new(1200.0, 1300.0));
        let tenths = Interval::new(0.04, 0.26).round(1);
        assert!((tenths.lo - 0.0).abs() < 1e-12 && (tenths.hi - 0.3).abs() < 1e-12, "{tenths}");
        assert_eq!(Interval::new(1e300, f64::INFINITY).round(20), Interval::new(1e300, f64::INFINITY));
    }

    #[test]
    fn nan_ends_become_unbounded() {
        let nan = Interval { lo: f64::NAN, hi: 1.0 };
        assert_eq!(nan.or_unbounded_if_nan(), Interval::unbounded());
        assert_eq!(Interval::point(1.0).or_unbounded_if_nan(), Interval::point(1.0));
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
