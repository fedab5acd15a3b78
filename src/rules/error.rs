//! Rule errors: what is wrong with a rule file, where, and how to fix it.

use std::fmt;

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

    /// A serde_yaml error, placed where the parser stopped.
    pub fn yaml(path: &str, err: &serde_yaml::Error) -> RuleError {
        let (line, column) = err.location().map_or((1, 1), |l| (l.line(), l.column()));
        // serde_yaml appends " at line N column M"; the position is given separately.
        let text = err.to_string();
        let message = text.split(" at line ").next().unwrap_or(&text).to_string();
        RuleError { path: path.to_string(), line, column, message }
    }

    /// An error about the value of a top-level key, placed at that key.
    pub fn at_key(path: &str, source: &str, key: &str, message: String) -> RuleError {
        let (line, column) =
            source.lines().enumerate().find(|(_, l)| l.starts_with(&format!("{key}:"))).map_or((1, 1), |(n, l)| {
                // The column of the value after `key:`, 1-based.
                let colon = l.find(':').unwrap_or(0);
                let spaces = l[colon + 1..].len() - l[colon + 1..].trim_start().len();
                (n + 1, colon + spaces + 2)
            });
        RuleError { path: path.to_string(), line, column, message }
    }
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
