//! Rule errors: what is wrong with a rule file, where, and how to fix it.

use std::fmt;

use super::{locate, suggest};

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
    /// suggestion when an unknown name is close to a known one.
    pub fn yaml(path: &str, source: &str, err: &serde_yaml::Error) -> RuleError {
        // serde_yaml appends " at line N column M"; the position is given separately.
        let text = err.to_string();
        let mut message = suggest::did_you_mean(text.split(" at line ").next().unwrap_or(&text));
        let (line, column) = match err.location() {
            Some(l) => (l.line(), l.column()),
            // Expanding aliases past the limit has no position; the first alias is the culprit.
            None if message.contains("repetition limit") => {
                message =
                    "aliases expand past the size limit; write the values out instead of repeating `*alias` references"
                        .to_string();
                first_alias(source).map_or((1, 1), |at| locate::position(source, at))
            }
            None => (1, 1),
        };
        RuleError { path: path.to_string(), line, column, message }
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

/// The byte offset of the first `*alias` reference outside quotes and comments.
fn first_alias(source: &str) -> Option<usize> {
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        let code = line.split(" #").next().unwrap_or(line);
        if let Some(at) = code.find(['*']).filter(|&at| !code[..at].contains(['"', '\''])) {
            return Some(offset + at);
        }
        offset += line.len();
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
