//! Rule errors: what is wrong with a rule file, where, and how to fix it.

use std::fmt;

use super::{duplicates, locate, suggest};

/// A problem in a rule or lexicon file, with a 1-based position (0 when the
/// problem is the file as a whole).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl RuleError {
    /// An error about the whole file (unreadable, not a directory).
    pub fn file(path: impl Into<String>, message: impl Into<String>) -> RuleError {
        RuleError { path: path.into(), line: 0, column: 0, message: message.into() }
    }

    /// A serde_yaml error in `source`, placed where the parser stopped, with a
    /// suggestion when an unknown name is close to a known one. A syntax error
    /// anywhere in the file comes first: serde reads as it parses, so a type error
    /// may be met before the broken syntax that caused it (`id: [unclosed`).
    pub fn yaml(path: &str, source: &str, err: &serde_yaml::Error) -> RuleError {
        let syntax = serde_yaml::from_str::<serde::de::IgnoredAny>(source).err().filter(|e| e.location().is_some());
        let err = syntax.as_ref().unwrap_or(err);
        // serde_yaml appends " at line N column M" and libyaml ", while parsing …
        // at line N column M"; the position is given separately.
        let text = err.to_string();
        let (problem, context) = match text.split_once(", while ") {
            Some((problem, context)) => (problem, Some(context)),
            None => (text.as_str(), None),
        };
        let problem = plain_words(problem.split(" at line ").next().unwrap_or(problem));
        let problem = problem.as_str();
        let mut message = suggest::did_you_mean(problem);
        let (mut line, mut column) = err.location().map_or((1, 1), |l| (l.line(), l.column()));
        // serde places a repeated key at the start of its mapping; the repeat is
        // what the author must delete.
        if problem.contains("duplicate field `") || problem.contains("duplicate entry with key ") {
            if let Some(duplicate) = duplicates::first_duplicate(source) {
                let (first_line, first_column) = duplicate.first;
                let message = format!(
                    "duplicate key `{}`: already set at line {first_line} column {first_column}; keep only one",
                    duplicate.key
                );
                return RuleError::at(path, duplicate.at, message);
            }
        }
        let (context, opened) = match context {
            Some(context) => match context.split_once(" at line ") {
                Some((what, at)) => (what, parse_position(at)),
                None => (context, None),
            },
            None => ("", None),
        };
        match (context, opened) {
            // An unclosed quote or bracket is reported where it opens: where the
            // parser gave up is often lines later, at an innocent key.
            ("scanning a quoted scalar", Some(at)) if problem.contains("end of stream") => {
                message = "this quoted string is never closed; add the closing quote".into();
                (line, column) = at;
            }
            ("parsing a flow sequence" | "parsing a flow mapping", Some(at)) => {
                let bracket = if context.ends_with("sequence") { '[' } else { '{' };
                message = format!("`{bracket}` is not closed: {problem} at line {line} column {column}");
                (line, column) = at;
            }
            _ if problem.contains("tab character") => message.push_str("; indent with spaces, not tabs"),
            _ => {}
        }
        // Expanding aliases past the limit has no position; the first alias is the culprit.
        if err.location().is_none() && message.contains("repetition limit") {
            message =
                "aliases expand past the size limit; write the values out instead of repeating `*alias` references"
                    .to_string();
            (line, column) = first_alias(source).map_or((1, 1), |at| locate::position(source, at));
        }
        RuleError { path: path.to_string(), line, column, message }
    }

    /// A serde_yaml error in a file that must hold one mapping, described by
    /// `holds` ("a rule file holds one rule, a mapping with keys such as …"): a
    /// file that holds a list, a single value or nothing says so, where its value
    /// starts, instead of "expected struct RuleHeader".
    pub fn document(path: &str, source: &str, err: &serde_yaml::Error, holds: &str) -> RuleError {
        // Only on the error path, so the second parse costs a good file nothing.
        let what = match serde_yaml::from_str::<serde_yaml::Value>(source) {
            Ok(value) => top_level(&value),
            Err(_) => None,
        };
        match what {
            Some("empty") => RuleError::at(path, (1, 1), format!("{holds}; this file is empty")),
            Some(what) => {
                let at = err.location().map_or((1, 1), |l| (l.line(), l.column()));
                RuleError::at(path, at, format!("{holds}; this file is {what}"))
            }
            None => RuleError::yaml(path, source, err),
        }
    }

    /// An error about the value of a top-level key, placed at that key.
    pub fn at_key(path: &str, source: &str, key: &str, message: String) -> RuleError {
        RuleError::at(path, locate::key_position(source, key), message)
    }

    /// An error at a known line and column.
    pub fn at(path: &str, (line, column): locate::Position, message: String) -> RuleError {
        RuleError { path: path.to_string(), line, column, message }
    }
}

/// What a file's top-level value is, when it is not a mapping.
fn top_level(value: &serde_yaml::Value) -> Option<&'static str> {
    use serde_yaml::Value;
    match value {
        Value::Mapping(_) => None,
        Value::Tagged(tagged) => top_level(&tagged.value),
        Value::Sequence(_) => Some("a list"),
        Value::String(_) => Some("a string"),
        Value::Number(_) => Some("a number"),
        Value::Bool(_) => Some("`true` or `false`"),
        Value::Null => Some("empty"),
    }
}

/// serde's wording with the Rust in it put in a rule author's words: the names
/// of the types a value is read into (`struct Params`, `untagged enum …`, `f64`),
/// "variant" for one of a set of names, and serde_yaml's "unit value" for null.
fn plain_words(problem: &str) -> String {
    let mut text = problem
        .replace("unknown variant `", "unknown value `")
        .replace("invalid type: unit value", "invalid type: null")
        .replace("expected a YAML tag starting with '!'", "expected a single word");
    // "… expected struct Params": the type name ends at the next space or comma.
    for (rust, plain) in [("expected struct ", "expected a mapping"), ("expected enum ", "expected a single word")] {
        while let Some(at) = text.find(rust) {
            let rest = &text[at + rust.len()..];
            let end = rest.find([' ', ',']).unwrap_or(rest.len());
            text.replace_range(at..at + rust.len() + end, plain);
        }
    }
    if let Some(at) = text.find("data did not match any variant of untagged enum ") {
        text.replace_range(at.., "this value has none of the forms this key takes");
    }
    for (rust, plain) in [
        ("expected f64", "expected a number"),
        ("expected f32", "expected a number"),
        ("expected i32", "expected a whole number"),
        ("expected i64", "expected a whole number"),
        ("expected u8", "expected a whole number from 0 to 255"),
        ("expected u16", "expected a whole number from 0 to 65535"),
        ("expected u32", "expected a whole number from 0 up"),
        ("expected u64", "expected a whole number from 0 up"),
        ("expected usize", "expected a whole number from 0 up"),
    ] {
        if let Some(at) = text.find(rust).filter(|&at| !text[at + rust.len()..].starts_with(char::is_alphanumeric)) {
            text.replace_range(at..at + rust.len(), plain);
        }
    }
    text
}

/// "line 2 column 10" as a position.
fn parse_position(text: &str) -> Option<locate::Position> {
    let (line, column) = text.split_once(" column ")?;
    let column: String = column.chars().take_while(char::is_ascii_digit).collect();
    Some((line.trim().parse().ok()?, column.parse().ok()?))
}

/// The byte offset of the first `*alias` that refers to an `&anchor` defined
/// before it (so `a * 2` in an assertion is not taken for one).
fn first_alias(source: &str) -> Option<usize> {
    let name_end = |rest: &str| rest.find(|c: char| c.is_whitespace() || ",[]{}".contains(c)).unwrap_or(rest.len());
    let mut anchors: Vec<&str> = Vec::new();
    for (at, c) in source.char_indices() {
        let rest = &source[at + 1..];
        let name = &rest[..name_end(rest)];
        if name.is_empty() {
            continue;
        }
        match c {
            '&' => anchors.push(name),
            '*' if anchors.contains(&name) => return Some(at),
            _ => {}
        }
    }
    None
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.path, self.message)
        } else {
            write!(f, "{}:{}:{}: {}", self.path, self.line, self.column, self.message)
        }
    }
}

impl std::error::Error for RuleError {}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(source: &str) -> RuleError {
        let err = serde_yaml::from_str::<super::super::RuleHeader>(source).unwrap_err();
        RuleError::yaml("r.yaml", source, &err)
    }

    #[test]
    fn an_unclosed_bracket_is_reported_where_it_opens() {
        // Before: "id: invalid type: sequence, expected a string" at 1:5, a type
        // error met before the syntax error that caused it.
        let err = error("id: [unclosed\nmessage: m\n");
        assert_eq!((err.line, err.column), (1, 5), "{err}");
        assert_eq!(err.message, "`[` is not closed: did not find expected ',' or ']' at line 2 column 8");
    }

    #[test]
    fn an_unclosed_quote_is_reported_where_it_opens() {
        // Before: "found unexpected end of stream" at 3:1, past the last line.
        let err = error("id: a\nmessage: \"unterminated\n");
        assert_eq!((err.line, err.column), (2, 10), "{err}");
        assert_eq!(err.message, "this quoted string is never closed; add the closing quote");
    }

    #[test]
    fn tabs_say_how_to_indent() {
        let err = error("id: a\n\tmessage: m\n");
        assert_eq!((err.line, err.column), (2, 1), "{err}");
        assert!(err.message.ends_with("indent with spaces, not tabs"), "{err}");
    }

    #[test]
    fn rust_type_names_are_put_in_plain_words() {
        let cases = [
            ("invalid type: integer `5`, expected struct Params", "invalid type: integer `5`, expected a mapping"),
            ("unknown variant `x`, expected `a` or `b`", "unknown value `x`, expected `a` or `b`"),
            ("invalid type: unit value, expected f64", "invalid type: null, expected a number"),
            ("invalid type: map, expected a YAML tag starting with '!'", "invalid type: map, expected a single word"),
            ("data did not match any variant of untagged enum Form", "this value has none of the forms this key takes"),
            (
                "invalid value: integer `300`, expected u8",
                "invalid value: integer `300`, expected a whole number from 0 to 255",
            ),
            ("expected struct A, found struct B", "expected a mapping, found struct B"),
            ("invalid type: string \"x\", expected u64s", "invalid type: string \"x\", expected u64s"),
        ];
        for (serde, plain) in cases {
            assert_eq!(plain_words(serde), plain);
        }
    }

    #[test]
    fn a_file_that_is_not_a_mapping_says_what_it_is() {
        let holds = "a rule file holds one rule";
        let document = |source: &str| {
            let err = serde_yaml::from_str::<super::super::RuleHeader>(source).unwrap_err();
            RuleError::document("r.yaml", source, &err, holds).to_string()
        };
        assert_eq!(document("# a comment\n- id: x\n"), "r.yaml:2:1: a rule file holds one rule; this file is a list");
        assert_eq!(document("!rule [a]\n"), "r.yaml:1:1: a rule file holds one rule; this file is a list");
        assert_eq!(document("yes\n"), "r.yaml:1:1: a rule file holds one rule; this file is a string");
        assert_eq!(document("false\n"), "r.yaml:1:1: a rule file holds one rule; this file is `true` or `false`");
        assert_eq!(document(""), "r.yaml:1:1: a rule file holds one rule; this file is empty");
        // A mapping with a mistake in it, or broken YAML, is reported as ever.
        assert_eq!(
            document("id: x\nmessage: m\nmesage: n\n"),
            "r.yaml:3:1: unknown field `mesage`, did you mean `message`?"
        );
        assert!(document("- [a\n").contains("is not closed"));
    }

    #[test]
    fn an_alias_bomb_is_placed_at_its_first_alias_not_at_a_multiplication() {
        let mut source =
            String::from("id: x\nmessage: m\nassert: a * 2\ntests:\n  a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1]\n");
        for (name, inner) in [("b", "a"), ("c", "b"), ("d", "c"), ("e", "d"), ("f", "e"), ("g", "f"), ("h", "g")] {
            source.push_str(&format!("  {name}: &{name} [{}]\n", vec![format!("*{inner}"); 9].join(", ")));
        }
        let err = error(&source);
        assert_eq!((err.line, err.column), (6, 10), "{err}");
        assert!(err.message.starts_with("aliases expand past the size limit"), "{err}");
    }
}
