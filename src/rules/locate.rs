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
/// `skip`-th value equal to it): exact when the value is found as a scalar under
/// the key, quoted, plain or a block scalar, or written verbatim after it; else
/// the value's start, else the key's.
pub fn within_value(source: &str, key: &str, value: &str, skip: usize, offset: usize) -> Position {
    let decoded = scalars_under(source, key).into_iter().filter(|s| s.text == value).nth(skip);
    if let Some(scalar) = decoded {
        let at = scalar.map.get(offset).or(scalar.map.last()).copied().unwrap_or(0);
        return position(source, at);
    }
    let start = value_offset(source, key, value, skip);
    let first_line = value.lines().next().unwrap_or(value);
    let verbatim = source.get(start..).is_some_and(|s| s.starts_with(first_line));
    if verbatim && offset <= first_line.len() { position(source, start + offset) } else { position(source, start) }
}

/// A scalar as serde reads it, and where in the file each of its bytes is written.
#[derive(Debug, Clone, PartialEq)]
struct Scalar {
    text: String,
    /// The source offset of each byte of `text`, and one past its end.
    map: Vec<usize>,
}

/// The scalars directly under top-level `key`: its value, or each item of the
/// sequence it holds (flow `[a, b]` or block `- a`). Items that are not scalars
/// (mappings) are skipped; a scalar that cannot be read is left out.
fn scalars_under(source: &str, key: &str) -> Vec<Scalar> {
    let Some(start) = key_offset(source, key) else { return Vec::new() };
    let bytes = source.as_bytes();
    // The value on the key's line, or the key itself when the value is below it.
    if !source[start..].starts_with(key) || !source[start + key.len()..].starts_with(':') {
        if bytes[start] == b'[' {
            return flow_items(source, start + 1);
        }
        return decode(source, start, false, 0).map(|(s, _)| vec![s]).unwrap_or_default();
    }
    // Below the key: a block sequence, or a block value indented under it.
    let mut items = Vec::new();
    let mut line_start = source[start..].find('\n').map_or(source.len(), |i| start + i + 1);
    while line_start < source.len() {
        let line = &source[line_start..];
        let line = &line[..line.find('\n').unwrap_or(line.len())];
        let content = line.trim_start_matches(' ');
        let indent = line.len() - content.len();
        if content.trim().is_empty() || content.starts_with('#') {
            line_start += line.len() + 1;
            continue;
        }
        if let Some(rest) = content.strip_prefix('-').filter(|r| r.is_empty() || r.starts_with([' ', '\t'])) {
            let value = rest.trim_start_matches([' ', '\t']);
            let at = line_start + line.len() - value.len();
            if !value.is_empty() && !value.starts_with('#') {
                if let Some((scalar, _)) = decode(source, at, false, indent + 1) {
                    items.push(scalar);
                }
            }
        } else if indent == 0 {
            break;
        } else if items.is_empty() {
            // A plain value continued on the lines below its key.
            return decode(source, line_start + indent, false, 1).map(|(s, _)| vec![s]).unwrap_or_default();
        }
        line_start += line.len() + 1;
    }
    items
}

/// The scalar items of a flow sequence whose first item may start at `from`.
fn flow_items(source: &str, mut from: usize) -> Vec<Scalar> {
    let mut items = Vec::new();
    loop {
        let rest = &source[from..];
        let skipped = rest.len() - rest.trim_start().len();
        from += skipped;
        match source[from..].chars().next() {
            None | Some(']') => return items,
            Some('#') => {
                from = source[from..].find('\n').map_or(source.len(), |i| from + i);
                continue;
            }
            Some(',') => {
                from += 1;
                continue;
            }
            Some('[' | '{') => return items,
            Some(_) => {}
        }
        let Some((scalar, end)) = decode(source, from, true, 0) else { return items };
        items.push(scalar);
        from = end.max(from + 1);
    }
}

/// Decodes the scalar that starts at byte `start`: double- or single-quoted,
/// a block scalar (`|`, `>`), or plain. `flow`: inside `[...]`, where `,` and `]`
/// end a plain scalar. `indent`: the least indentation of its continuation lines.
/// Returns the scalar and the offset just past it.
fn decode(source: &str, start: usize, flow: bool, indent: usize) -> Option<(Scalar, usize)> {
    match source[start..].chars().next()? {
        '"' => quoted(source, start, true),
        '\'' => quoted(source, start, false),
        '|' | '>' if !flow => block(source, start),
        _ => plain(source, start, flow, indent),
    }
}

/// A quoted scalar: escapes (double quotes) or `''` (single quotes), and line
/// folding: a line break is a space, each empty line a newline.
fn quoted(source: &str, start: usize, double: bool) -> Option<(Scalar, usize)> {
    let quote = if double { '"' } else { '\'' };
    let mut text = String::new();
    let mut map = Vec::new();
    let mut chars = source[start + 1..].char_indices().map(|(i, c)| (start + 1 + i, c)).peekable();
    let push = |text: &mut String, map: &mut Vec<usize>, c: char, at: usize| {
        let before = text.len();
        text.push(c);
        map.extend(std::iter::repeat_n(at, text.len() - before));
    };
    while let Some((at, c)) = chars.next() {
        match c {
            c if c == quote && !double && chars.peek().is_some_and(|&(_, n)| n == '\'') => {
                chars.next();
                push(&mut text, &mut map, '\'', at);
            }
            c if c == quote => {
                // The end of an empty string is its opening quote, where it is.
                map.push(if text.is_empty() { start } else { at });
                return Some((Scalar { text, map }, at + 1));
            }
            '\\' if double => {
                let (_, e) = chars.next()?;
                let hex = |chars: &mut std::iter::Peekable<_>, n: usize| -> Option<char> {
                    let digits: String = (0..n).filter_map(|_| chars.next().map(|(_, c): (usize, char)| c)).collect();
                    char::from_u32(u32::from_str_radix(&digits, 16).ok()?)
                };
                let decoded = match e {
                    '0' => '\0',
                    'a' => '\x07',
                    'b' => '\x08',
                    't' | '\t' => '\t',
                    'n' => '\n',
                    'v' => '\x0b',
                    'f' => '\x0c',
                    'r' => '\r',
                    'e' => '\x1b',
                    'N' => '\u{85}',
                    '_' => '\u{a0}',
                    'L' => '\u{2028}',
                    'P' => '\u{2029}',
                    'x' => hex(&mut chars, 2)?,
                    'u' => hex(&mut chars, 4)?,
                    'U' => hex(&mut chars, 8)?,
                    '\n' => {
                        // An escaped line break joins the lines with nothing between.
                        while chars.peek().is_some_and(|&(_, c)| c == ' ' || c == '\t') {
                            chars.next();
                        }
                        continue;
                    }
                    other => other,
                };
                push(&mut text, &mut map, decoded, at);
            }
            '\n' => {
                while text.ends_with([' ', '\t']) {
                    text.pop();
                    map.pop();
                }
                let mut breaks = 0;
                while let Some(&(_, c)) = chars.peek() {
                    match c {
                        ' ' | '\t' | '\r' => {}
                        '\n' => breaks += 1,
                        _ => break,
                    }
                    chars.next();
                }
                let next = chars.peek().map_or(source.len(), |&(i, _)| i);
                if breaks == 0 {
                    push(&mut text, &mut map, ' ', next);
                } else {
                    (0..breaks).for_each(|_| push(&mut text, &mut map, '\n', next));
                }
            }
            c => push(&mut text, &mut map, c, at),
        }
    }
    None
}

/// A plain scalar: up to ` #`, the line's end, or in flow context `,` `]` `}`;
/// lines below indented at least `indent` continue it, folded into spaces.
fn plain(source: &str, start: usize, flow: bool, indent: usize) -> Option<(Scalar, usize)> {
    let mut text = String::new();
    let mut map = Vec::new();
    let mut at = start;
    loop {
        let line_end = source[at..].find('\n').map_or(source.len(), |i| at + i);
        let mut end = line_end;
        let line = &source[at..line_end];
        for (i, c) in line.char_indices() {
            let comment = c == '#' && (i == 0 && at != start || line[..i].ends_with([' ', '\t']));
            if comment || (flow && matches!(c, ',' | ']' | '}')) {
                end = at + i;
                break;
            }
        }
        let piece = source[at..end].trim_end();
        if !text.is_empty() && !piece.is_empty() {
            text.push(' ');
            map.push(at);
        }
        text.push_str(piece);
        map.extend(at..at + piece.len());
        if end < line_end || line_end == source.len() {
            map.push(at + piece.len());
            return Some((Scalar { text, map }, end));
        }
        // Continuation: the next line, if indented enough and not a key or an item.
        let next = line_end + 1;
        let next_line = &source[next..source[next..].find('\n').map_or(source.len(), |i| next + i)];
        let content = next_line.trim_start_matches([' ', '\t']);
        let next_indent = next_line.len() - content.len();
        let ends =
            content.is_empty() || next_indent < indent.max(1) || content.starts_with('#') || content.starts_with("- ");
        if ends || flow {
            map.push(at + piece.len());
            return Some((Scalar { text, map }, at + piece.len()));
        }
        at = next + next_indent;
    }
}

/// A block scalar: `|` keeps line breaks, `>` folds them into spaces; `-` strips
/// the final line break, `+` keeps every trailing one.
fn block(source: &str, start: usize) -> Option<(Scalar, usize)> {
    let header_end = source[start..].find('\n').map_or(source.len(), |i| start + i);
    let header = source[start..header_end].split(" #").next().unwrap_or("").trim_end();
    let literal = header.starts_with('|');
    let chomp = if header.contains('-') {
        '-'
    } else if header.contains('+') {
        '+'
    } else {
        ' '
    };
    let mut lines: Vec<(usize, &str)> = Vec::new();
    let mut content_indent = None;
    let mut at = header_end + 1;
    while at <= source.len() && header_end < source.len() {
        let end = source[at..].find('\n').map_or(source.len(), |i| at + i);
        let line = &source[at..end];
        let indent = line.len() - line.trim_start_matches(' ').len();
        if line.trim().is_empty() {
            lines.push((at + line.len(), ""));
        } else {
            let wanted = *content_indent.get_or_insert(indent);
            if indent < wanted || wanted == 0 {
                break;
            }
            lines.push((at + wanted, &line[wanted..]));
        }
        if end == source.len() {
            break;
        }
        at = end + 1;
    }
    while lines.last().is_some_and(|(_, l)| l.is_empty()) && chomp != '+' {
        lines.pop();
    }
    let mut text = String::new();
    let mut map = Vec::new();
    // `>` folds a line break between two lines of text into a space; an empty line
    // is a newline, and more-indented lines keep their breaks.
    let mut previous: Option<&str> = None;
    let mut empty = 0;
    for &(offset, line) in &lines {
        if line.is_empty() {
            empty += 1;
            continue;
        }
        if let Some(before) = previous {
            let indented = |l: &str| l.starts_with([' ', '\t']);
            let breaks = if literal || indented(before) || indented(line) { empty + 1 } else { empty };
            let separator = if breaks == 0 { " ".to_string() } else { "\n".repeat(breaks) };
            text.push_str(&separator);
            map.extend(std::iter::repeat_n(offset, separator.len()));
        } else {
            text.push_str(&"\n".repeat(empty));
            map.extend(std::iter::repeat_n(offset, empty));
        }
        empty = 0;
        text.push_str(line);
        map.extend(offset..offset + line.len());
        previous = Some(line);
    }
    let end = map.last().map_or(header_end, |&m| m + 1);
    if chomp != '-' && !lines.is_empty() {
        let breaks = if chomp == '+' { 1 + empty } else { 1 };
        text.push_str(&"\n".repeat(breaks));
        map.extend(std::iter::repeat_n(end, breaks));
    }
    map.push(end);
    Some((Scalar { text, map }, end))
}

/// A file's bytes as text; when they are not UTF-8, the position of the first
/// invalid byte (its line, and its column in the characters before it) and what
/// to do, so that an editor can jump to it: a byte offset alone cannot.
pub fn utf8(bytes: Vec<u8>) -> Result<String, (Position, String)> {
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        // Everything before the first invalid byte is valid UTF-8 by definition.
        let before = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
        let byte = bytes.get(valid).copied().unwrap_or_default();
        (position(before, valid), format!("byte 0x{byte:02X} is not valid UTF-8; save the file as UTF-8"))
    })
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

    /// Every scalar under `key` must decode to what serde reads there.
    fn decodes_like_serde(source: &str, key: &str) {
        let parsed: serde_yaml::Value = serde_yaml::from_str(source).unwrap();
        let expected: Vec<String> = match &parsed[key] {
            serde_yaml::Value::Sequence(items) => items.iter().map(|v| v.as_str().unwrap().to_string()).collect(),
            value => vec![value.as_str().unwrap().to_string()],
        };
        let decoded: Vec<String> = scalars_under(source, key).into_iter().map(|s| s.text).collect();
        assert_eq!(decoded, expected, "{source}");
    }

    #[test]
    fn scalars_decode_as_serde_reads_them() {
        for source in [
            "a: plain text # comment\n",
            "a: plain\n  continued\nb: x\n",
            "a: \"esc \\\"q\\\" \\u00e9 \\x41\"\n",
            "a: \"folded\n  over lines\n\n  and a break\"\n",
            "a: 'it''s'\n",
            "a: >-\n  total ==\n  a + b\n",
            "a: >\n  one\n  two\n\n  three\n",
            "a: |\n  one\n    two\n  three\n",
            "a: |+\n  kept\n\nb: x\n",
            "a: [\"x, y\", 'z', plain, \"\"]\n",
            "a: [\n  \"one\", # first\n  two\n]\n",
            "a:\n  - \"one\"\n  - two # comment\n  - >-\n    three\n    four\nb: x\n",
            "a:\n- one\n- ''\n",
        ] {
            decodes_like_serde(source, "a");
        }
    }

    #[test]
    fn offsets_map_through_quotes_escapes_and_block_scalars() {
        let quoted = "m: \"the \\\"official\\\" toll, not {totl}\"\n";
        let value = "the \"official\" toll, not {totl}";
        assert_eq!(within_value(quoted, "m", value, 0, value.find('{').unwrap()), (1, 32));
        let single = "m: 'it''s {totl}'\n";
        assert_eq!(within_value(single, "m", "it's {totl}", 0, 5), (1, 11));
        let folded = "a: >-\n  total ==\n  total + * 2\n";
        assert_eq!(within_value(folded, "a", "total == total + * 2", 0, 17), (3, 11));
        let literal = "a: |\n  x\n  y +\n";
        assert_eq!(within_value(literal, "a", "x\ny +\n", 0, 5), (3, 6));
    }

    #[test]
    fn list_items_are_found_by_position_not_by_substring() {
        // The second item's text also stands inside the first.
        let flow = "p: [\"{a:count} killed and more\", \"{a:count} killed\"]\n";
        assert_eq!(within_value(flow, "p", "{a:count} killed", 0, 0), (1, 35));
        let block = "p:\n  - \"{a:count} dead\"\n  - \"\"\n";
        assert_eq!(within_value(block, "p", "", 0, 0), (3, 5));
        let twice = "p:\n  - x {a:count}\n  - x {a:count}\n";
        assert_eq!(within_value(twice, "p", "x {a:count}", 1, 2), (3, 7));
    }

    #[test]
    fn invalid_utf8_is_placed_at_its_first_bad_byte() {
        assert_eq!(utf8(b"id: x\n".to_vec()), Ok("id: x\n".to_string()));
        // `é` before the bad byte is one column, not two bytes.
        let (at, message) = utf8(b"a\nd\xc3\xa9j\xe0 vu\n".to_vec()).unwrap_err();
        assert_eq!(at, (2, 4));
        assert_eq!(message, "byte 0xE0 is not valid UTF-8; save the file as UTF-8");
        assert_eq!(utf8(vec![0xff, 0xfe, b'a']).unwrap_err().0, (1, 1));
        // A character cut off by the end of the file.
        assert_eq!(utf8(b"ab\xe2\x82".to_vec()).unwrap_err().0, (1, 3));
    }

    #[test]
    fn values_not_written_verbatim_fall_back_to_their_start() {
        assert_eq!(within_value(RULE, "assert", "not there", 0, 4), (3, 9));
    }
}
