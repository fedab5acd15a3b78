//! Duplicate keys in a YAML file, found where they stand.
//!
//! serde reports a repeated key ("duplicate field `id`") at the start of the
//! mapping that holds it, which for a rule file is line 1, often the first
//! occurrence, never the repeat a rule author has to delete. serde_yaml does not
//! expose its parser's events, but it does place an error raised while a key is
//! read at that key. So the file is walked again with a visitor that remembers
//! the keys of each mapping and fails on the first repeat: the error carries its
//! line and column. A second walk fails at that key's first occurrence, for the
//! message. Both walks see the parser's events, so quoted, flow, nested and
//! aliased mappings are handled as the parser reads them, not by scanning text.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor};

use super::locate::Position;

/// A key that repeats one before it in the same mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    /// The key as written (its scalar value).
    pub key: String,
    /// Where the repeat stands.
    pub at: Position,
    /// Where the key first stands in that mapping.
    pub first: Position,
}

/// The first key, in reading order, that repeats an earlier key of its own
/// mapping; `None` when there is none, or when the file does not parse.
pub fn first_duplicate(source: &str) -> Option<Duplicate> {
    let mut find = Walk { mappings: 0, target: None, found: None };
    let err = find.run(source)?;
    let (mapping, key) = find.found?;
    let at = position(&err)?;
    let mut again = Walk { mappings: 0, target: Some((mapping, key.clone())), found: None };
    let first = again.run(source).as_ref().and_then(position).unwrap_or(at);
    Some(Duplicate { key: key.to_string(), at, first })
}

fn position(err: &serde_yaml::Error) -> Option<Position> {
    err.location().map(|l| (l.line(), l.column()))
}

/// A key's value, compared as YAML compares scalars: `id` and `"id"` are one key,
/// `1` and `"1"` two. Keys that are mappings or sequences never repeat here.
#[derive(Debug, Clone, PartialEq)]
enum Key {
    Text(String),
    Integer(i128),
    Float(f64),
    Bool(bool),
    Null,
    Complex,
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Key::Text(text) => f.write_str(text),
            Key::Integer(n) => write!(f, "{n}"),
            Key::Float(x) => write!(f, "{x}"),
            Key::Bool(b) => write!(f, "{b}"),
            Key::Null => f.write_str("~"),
            Key::Complex => f.write_str("?"),
        }
    }
}

/// One walk over the document. With no `target` it stops at the first repeated
/// key, noting which mapping (by the order mappings open) and which key; with a
/// target it stops at that key's first occurrence in that mapping.
struct Walk {
    mappings: usize,
    target: Option<(usize, Key)>,
    found: Option<(usize, Key)>,
}

impl Walk {
    /// Walks `source`; the error the walk stopped with, if it stopped.
    fn run(&mut self, source: &str) -> Option<serde_yaml::Error> {
        Value(self).deserialize(serde_yaml::Deserializer::from_str(source)).err()
    }
}

/// Marks the error that stops a walk; its text is never shown.
const STOP: &str = "stop";

/// Any value: walked for the mappings inside it.
struct Value<'w>(&'w mut Walk);

impl<'de> DeserializeSeed<'de> for Value<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Value<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_none<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(Value(&mut *self.0))?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let walk = self.0;
        let mapping = walk.mappings;
        walk.mappings += 1;
        let mut keys: Vec<Key> = Vec::new();
        while let Some(key) = map.next_key_seed(KeySeed { walk: &mut *walk, mapping, keys: &keys })? {
            keys.push(key);
            map.next_value_seed(Value(&mut *walk))?;
        }
        Ok(())
    }

    /// A tagged value (`!tag x`): the value under the tag.
    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        let (_, variant) = data.variant::<de::IgnoredAny>()?;
        variant.newtype_variant_seed(Value(self.0))
    }
}

/// A key of mapping number `mapping`, whose keys so far are `keys`. Failing
/// here, while the key is read, is what places the error at the key.
struct KeySeed<'w, 'k> {
    walk: &'w mut Walk,
    mapping: usize,
    keys: &'k [Key],
}

impl KeySeed<'_, '_> {
    fn check<E: de::Error>(self, key: Key) -> Result<Key, E> {
        let stop = match &self.walk.target {
            Some((mapping, target)) => *mapping == self.mapping && *target == key,
            None => key != Key::Complex && self.keys.contains(&key),
        };
        if !stop {
            return Ok(key);
        }
        self.walk.found = Some((self.mapping, key));
        Err(E::custom(STOP))
    }
}

impl<'de> DeserializeSeed<'de> for KeySeed<'_, '_> {
    type Value = Key;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for KeySeed<'_, '_> {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a mapping key")
    }

    fn visit_bool<E: de::Error>(self, b: bool) -> Result<Key, E> {
        self.check(Key::Bool(b))
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<Key, E> {
        self.check(Key::Integer(n.into()))
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<Key, E> {
        self.check(Key::Integer(n.into()))
    }

    fn visit_f64<E: de::Error>(self, x: f64) -> Result<Key, E> {
        self.check(Key::Float(x))
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Key, E> {
        self.check(Key::Text(text.to_string()))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Key, E> {
        self.check(Key::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Key, E> {
        self.check(Key::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key, D::Error> {
        deserializer.deserialize_any(self)
    }

    // A mapping or sequence as a key (`? [a, b]`) is walked like any value, so
    // that mappings are counted alike in both walks, and never repeats.
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Key, A::Error> {
        Value(self.walk).visit_seq(seq).map(|()| Key::Complex)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Key, A::Error> {
        Value(self.walk).visit_map(map).map(|()| Key::Complex)
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Key, A::Error> {
        Value(self.walk).visit_enum(data).map(|()| Key::Complex)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(source: &str) -> Option<(String, Position, Position)> {
        first_duplicate(source).map(|d| (d.key, d.at, d.first))
    }

    #[test]
    fn a_repeated_top_level_key_is_found_at_the_repeat() {
        let source = "id: x\nkind: change-mismatch\nmessage: m\nid: other\n";
        assert_eq!(found(source), Some(("id".into(), (4, 1), (1, 1))));
    }

    #[test]
    fn quoting_does_not_make_a_key_different() {
        assert_eq!(found("id: x\n\"id\": y\n"), Some(("id".into(), (2, 1), (1, 1))));
        assert_eq!(found("'1': x\n1: y\n"), None);
    }

    #[test]
    fn keys_repeat_only_within_their_own_mapping() {
        // `name` twice, but in two selectors; then twice in the third.
        let source = "select:\n  - name: a\n  - name: b\n  - {role: level, name: c, name: d}\n";
        assert_eq!(found(source), Some(("name".into(), (4, 28), (4, 19))));
        let nested = "params:\n  scope: document\ntests:\n  valid: []\n  date: 2023-01-01\n  valid: [x]\n";
        assert_eq!(found(nested), Some(("valid".into(), (6, 3), (4, 3))));
        assert_eq!(found("a: {scope: x}\nb: {scope: y}\n"), None);
    }

    #[test]
    fn the_first_repeat_in_reading_order_is_found() {
        let source = "a:\n  x: 1\n  y: 2\n  x: 3\nb: 1\nb: 2\n";
        assert_eq!(found(source), Some(("x".into(), (4, 3), (2, 3))));
    }

    #[test]
    fn mappings_reached_through_aliases_and_keys_that_are_mappings_are_counted_alike() {
        let source = "base: &b {k: 1}\nuse: *b\n? {k: 1, j: 2}\n: v\nlast: {z: 1, z: 2}\n";
        assert_eq!(found(source), Some(("z".into(), (5, 14), (5, 8))));
    }

    #[test]
    fn files_without_repeats_or_that_do_not_parse_have_none() {
        assert_eq!(found("id: x\nkind: k\nmessage: m\n"), None);
        assert_eq!(found(""), None);
        assert_eq!(found("- a\n- a\n"), None);
        assert_eq!(found("id: [unclosed\nid: x\n"), None);
        assert_eq!(found("!tag {a: 1}\n"), None);
    }
}
