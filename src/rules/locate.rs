//! Positions in a rule file's YAML text, for errors found after serde has read it:
//! a bad assertion, pattern or placeholder is reported at its own line and column,
//! not at the top of the file.
//!
//! serde_yaml gives values without positions, so a value is found again in the
//! text: under its key, by its own words. When a value cannot be found verbatim
//! (escapes in a quoted string), the position falls back to the key.

/// A 1-based line and column (in characters).
pub type Position = (usize, usize);

/// The byte offset where the value of top-level `key` starts, or of the key itself
/// when its value is on the lines below; `None` when the file has no such key.
pub fn key_offset(source: &str, key: &str) -> Option<usize> {
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix(key).and_then(|r| r.strip_prefix(':')) {
            let value = rest.trim_start_matches([' ', '\t']);
            let at_value = !value.trim().is_empty() && !value.trim_start().starts_with('#');
            return Some(if at_value { offset + line.len() - value.len() } else { offset });
        }
        offset += line.len();
    }
    None
}

/// The position of top-level `key`'s value (1:1 when the key is absent).
pub fn key_position(source: &str, key: &str) -> Position {
    position(source, key_offset(source, key).unwrap_or(0))
}

/// Where `value` (a string read from under `key`) stands in the file, searching
/// from the key on and skipping `skip` earlier occurrences (the n-th list item);
/// falls back to the key.
pub fn value_offset(source: &str, key: &str, value: &str, skip: usize) -> usize {
    let start = key_offset(source, key).unwrap_or(0);
    let needle = value.lines().next().unwrap_or(value);
    let mut from = start;
    let mut seen = 0;
    while !needle.is_empty() {
        let Some(found) = source.get(from..).and_then(|s| s.find(needle)) else { break };
        if seen == skip {
            return from + found;
        }
        seen += 1;
        from += found + needle.len();
    }
    start
}

/// The position of byte `offset` within `value` (read from under `key`, the
/// `skip`-th such value): exact when the value is written verbatim on one line.
pub fn within_value(source: &str, key: &str, value: &str, skip: usize, offset: usize) -> Position {
    let start = value_offset(source, key, value, skip);
    let first_line = value.lines().next().unwrap_or(value);
    let verbatim = source.get(start..).is_some_and(|s| s.starts_with(first_line));
    if verbatim && offset <= first_line.len() { position(source, start + offset) } else { position(source, start) }
}

/// The 1-based line and column of byte `offset`.
pub fn position(source: &str, offset: usize) -> Position {
    let offset = offset.min(source.len());
    let before = source.get(..offset).unwrap_or(source);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULE: &str = "id: x\nmessage: \"{a}\"\nassert: total == a +\npatterns:\n  - \"{a:count} killed\"\n  - \"{a:count} killed\"\nwhere:\n  a.period == 2\n";

    #[test]
    fn keys_are_found_at_their_value() {
        assert_eq!(key_position(RULE, "assert"), (3, 9));
        assert_eq!(key_position(RULE, "patterns"), (4, 1));
        assert_eq!(key_position(RULE, "nope"), (1, 1));
    }

    #[test]
    fn offsets_inside_values_become_columns() {
        assert_eq!(within_value(RULE, "assert", "total == a +", 0, 11), (3, 20));
        assert_eq!(within_value(RULE, "patterns", "{a:count} killed", 1, 3), (6, 9));
        assert_eq!(within_value(RULE, "where", "a.period == 2", 0, 0), (8, 3));
    }

    #[test]
    fn values_not_written_verbatim_fall_back_to_their_start() {
        assert_eq!(within_value(RULE, "assert", "not there", 0, 4), (3, 9));
    }
}
