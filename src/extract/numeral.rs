//! Numerals written in digits: their value and the precision their writing implies.

/// A numeral's value and the precision its writing implies.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Numeral {
    pub value: f64,
    /// Half a unit of the last written digit: "30" → 0.5, "2.34" → 0.005.
    pub half_unit: f64,
    /// Trailing zeros of a whole number ("150,000" → 4), which may be rounding.
    pub trailing_zeros: u32,
}

impl Numeral {
    /// Half a unit of the last digit that is surely significant. A large whole count
    /// ending in zeros ("150,000 people") is read as rounded to its last non-zero
    /// digit; smaller ones ("90 buses") and decimals are taken as written.
    pub fn count_half_unit(&self) -> f64 {
        if self.value >= 1000.0 && self.trailing_zeros > 0 {
            0.5 * 10f64.powi(self.trailing_zeros as i32)
        } else {
            self.half_unit
        }
    }
}

/// Reads "1,234", "2.34", "150,000", ".5". Grouping commas must be in threes;
/// anything else is not a numeral and gives `None`.
pub fn parse(text: &str) -> Option<Numeral> {
    let (whole, fraction) = match text.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (text, None),
    };
    if !valid_grouping(whole) {
        return None;
    }
    // Digits of the whole part, grouping commas skipped: read without building a string.
    let digits = || whole.bytes().filter(|b| *b != b',');
    let digit_count = digits().count();
    if digit_count == 0 && fraction.is_none() {
        return None;
    }
    let whole_value = digits().fold(0.0f64, |acc, b| acc * 10.0 + f64::from(b - b'0'));
    let (value, half_unit, trailing_zeros) = match fraction {
        Some(f) if !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()) => {
            // Decimals go through the standard parser, which rounds correctly.
            let value = if whole.contains(',') {
                let mut plain: String = whole.chars().filter(|c| *c != ',').collect();
                plain.push('.');
                plain.push_str(f);
                plain.parse().ok()?
            } else if whole.is_empty() {
                format!("0.{f}").parse().ok()?
            } else {
                text.parse().ok()?
            };
            (value, 0.5 * 10f64.powi(-(f.len() as i32)), 0)
        }
        Some(_) => return None,
        None => {
            let zeros = digits().rev().take_while(|b| *b == b'0').count();
            // "0" itself is exact, not a rounding of nothing.
            (whole_value, 0.5, if zeros == digit_count { 0 } else { zeros as u32 })
        }
    };
    Some(Numeral { value, half_unit, trailing_zeros })
}

fn valid_grouping(whole: &str) -> bool {
    if !whole.contains(',') {
        return whole.bytes().all(|b| b.is_ascii_digit());
    }
    let mut groups = whole.split(',');
    let first = groups.next().unwrap_or("");
    (1..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_digit())
        && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (f64, f64) {
        let n = parse(text).unwrap_or_else(|| panic!("{text} should parse"));
        (n.value, n.half_unit)
    }

    fn count(text: &str) -> f64 {
        parse(text).unwrap().count_half_unit()
    }

    #[test]
    fn whole_numbers_are_precise_to_their_last_digit() {
        assert_eq!(read("5,937"), (5937.0, 0.5));
        assert_eq!(read("30"), (30.0, 0.5));
        assert_eq!(read("0"), (0.0, 0.5));
        assert_eq!(parse("150,000").unwrap().trailing_zeros, 4);
    }

    #[test]
    fn large_round_counts_are_read_as_rounded() {
        assert_eq!(count("150,000"), 5000.0);
        assert_eq!(count("1,130"), 5.0);
        assert_eq!(count("5,937"), 0.5);
        assert_eq!(count("90"), 0.5);
        assert_eq!(count("2.50"), 0.005);
    }

    #[test]
    fn decimals_round_at_their_last_written_digit() {
        assert_eq!(read("2.34"), (2.34, 0.005));
        assert_eq!(read("2.50"), (2.5, 0.005));
        let (v, h) = read("1,234.5");
        assert_eq!(v, 1234.5);
        assert!((h - 0.05).abs() < 1e-12);
        assert_eq!(read(".5"), (0.5, 0.05));
    }

    #[test]
    fn malformed_grouping_is_not_a_numeral() {
        assert!(parse("1,23").is_none());
        assert!(parse("12,3456").is_none());
        assert!(parse("1234,567").is_none());
        assert!(parse("1.2.3").is_none());
        assert!(parse("").is_none());
        assert!(parse(",").is_none());
    }
}
