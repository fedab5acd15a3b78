//! Reading a selector's `metric:` and `period:` by hand.
//!
//! Each takes several forms, which serde's untagged enums read by trying each in
//! turn; when none fits, serde says "data did not match any variant of untagged
//! enum MetricFilter", a Rust name a rule author cannot act on, and places it at
//! the selector rather than at the value. A visitor that reads the forms itself
//! is placed at the value and says which forms there are.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Unexpected, Visitor};

use super::{MetricFilter, PeriodFilter, PeriodRelation};

impl<'de> Deserialize<'de> for MetricFilter {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<MetricFilter, D::Error> {
        struct Forms;

        impl<'de> Visitor<'de> for Forms {
            type Value = MetricFilter;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a metric: a name, a list of names, or `{regex: ...}`")
            }

            fn visit_str<E: de::Error>(self, name: &str) -> Result<MetricFilter, E> {
                Ok(MetricFilter::Name(name.to_string()))
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<MetricFilter, A::Error> {
                let mut names = Vec::new();
                while let Some(name) = seq.next_element::<String>()? {
                    names.push(name);
                }
                Ok(MetricFilter::Aliases(names))
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<MetricFilter, A::Error> {
                let mut regex = None;
                while let Some(key) = map.next_key::<String>()? {
                    if key != "regex" {
                        return Err(de::Error::unknown_field(&key, &["regex"]));
                    }
                    if regex.is_some() {
                        return Err(de::Error::duplicate_field("regex"));
                    }
                    regex = Some(map.next_value::<String>()?);
                }
                let regex = regex.ok_or_else(|| de::Error::missing_field("regex"))?;
                Ok(MetricFilter::Pattern { regex })
            }
        }

        deserializer.deserialize_any(Forms)
    }
}

impl<'de> Deserialize<'de> for PeriodFilter {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<PeriodFilter, D::Error> {
        struct Forms;

        impl Forms {
            fn year<E: de::Error>(self, year: i64) -> Result<PeriodFilter, E> {
                i32::try_from(year)
                    .map(PeriodFilter::Year)
                    .map_err(|_| E::invalid_value(Unexpected::Signed(year), &self))
            }
        }

        impl<'de> Visitor<'de> for Forms {
            type Value = PeriodFilter;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a period: a year, or `same`, `previous` or `next`")
            }

            fn visit_i64<E: de::Error>(self, year: i64) -> Result<PeriodFilter, E> {
                self.year(year)
            }

            fn visit_u64<E: de::Error>(self, year: u64) -> Result<PeriodFilter, E> {
                let year = i64::try_from(year).map_err(|_| E::invalid_value(Unexpected::Unsigned(year), &self))?;
                self.year(year)
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<PeriodFilter, E> {
                match text {
                    "same" => Ok(PeriodFilter::Relation(PeriodRelation::Same)),
                    "previous" => Ok(PeriodFilter::Relation(PeriodRelation::Previous)),
                    "next" => Ok(PeriodFilter::Relation(PeriodRelation::Next)),
                    _ => Err(E::invalid_value(Unexpected::Str(text), &self)),
                }
            }
        }

        deserializer.deserialize_any(Forms)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn metric(yaml: &str) -> Result<MetricFilter, String> {
        serde_yaml::from_str(yaml).map_err(|e| e.to_string())
    }

    fn period(yaml: &str) -> Result<PeriodFilter, String> {
        serde_yaml::from_str(yaml).map_err(|e| e.to_string())
    }

    #[test]
    fn every_form_of_a_metric_reads() {
        assert!(matches!(metric("exports"), Ok(MetricFilter::Name(n)) if n == "exports"));
        assert!(matches!(metric("[exports, imports]"), Ok(MetricFilter::Aliases(a)) if a == ["exports", "imports"]));
        assert!(matches!(metric("{regex: '^ex'}"), Ok(MetricFilter::Pattern { regex }) if regex == "^ex"));
    }

    #[test]
    fn a_metric_of_no_form_says_which_forms_there_are() {
        let forms = "expected a metric: a name, a list of names, or `{regex: ...}`";
        assert_eq!(metric("5").unwrap_err(), format!("invalid type: integer `5`, {forms}"));
        let err = metric("[1, [2]]").unwrap_err();
        assert!(err.starts_with(".[1]: invalid type: sequence, expected a string"), "{err}");
        assert!(metric("{rgx: a}").unwrap_err().starts_with("unknown field `rgx`, expected `regex`"));
        assert!(metric("{}").unwrap_err().starts_with("missing field `regex`"));
    }

    #[test]
    fn every_form_of_a_period_reads() {
        assert!(matches!(period("2023"), Ok(PeriodFilter::Year(2023))));
        assert!(matches!(period("-44"), Ok(PeriodFilter::Year(-44))));
        assert!(matches!(period("previous"), Ok(PeriodFilter::Relation(PeriodRelation::Previous))));
    }

    #[test]
    fn a_period_of_no_form_says_which_forms_there_are() {
        let forms = "expected a period: a year, or `same`, `previous` or `next`";
        assert!(period("lastyear").unwrap_err().starts_with(&format!("invalid value: string \"lastyear\", {forms}")));
        assert!(
            period("99999999999").unwrap_err().starts_with(&format!("invalid value: integer `99999999999`, {forms}"))
        );
        assert!(period("1.5").unwrap_err().starts_with(&format!("invalid type: floating point `1.5`, {forms}")));
    }
}
