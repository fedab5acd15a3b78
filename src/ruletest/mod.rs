//! Rule tests: `factlint test`, which pins a YAML rule's behaviour with examples.
//!
//! A rule file may carry a `tests:` section (or a sibling `<stem>.test.yaml` may
//! hold it) with `valid` texts the rule must leave alone and `invalid` texts it
//! must flag. What an invalid text produces is pinned in a snapshot,
//! `__snapshots__/<stem>.snap.yaml` beside the rule file, which a reviewer reads
//! like code and `factlint test --update` rewrites. The work is split by concern:
//!
//! * `cases` reads the tests, with positions for every error;
//! * `snapshot` is the on-disk format: rendering findings, reading and writing files;
//! * `run` loads the rules, checks every case and updates snapshots;
//! * `summary` writes the outcome for people.
//!
//! Only the rule set's public surface is used (loading, the specs' ids, paths and
//! sources, and the engine), so that rule kinds can change without this module.

mod cases;
mod run;
mod snapshot;
mod summary;

use std::fmt;

use crate::rules::RuleError;

pub use cases::{Case, Expectation, RuleTests, read_rule_tests};
pub use run::{CaseResult, Outcome, RunReport, StaleEntry, TestOptions, run};
pub use snapshot::{SnapshotFile, snapshot_path};
pub use summary::{Counts, write_report};

/// A broken rule, test file or snapshot file, or one that cannot be read or
/// written; the run stops with exit code 2. The position is 1-based, 0 when the
/// problem is the file as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestError {
    /// The file at fault; empty when `message` names it already (rule errors).
    pub path: String,
    /// 1-based line, or 0 for the whole file.
    pub line: usize,
    /// 1-based column, or 0 for the whole file.
    pub column: usize,
    /// What is wrong, and how to put it right where that is clear.
    pub message: String,
}

impl TestError {
    /// An error about a whole file (unreadable, unwritable, inconsistent).
    pub fn file(path: impl Into<String>, message: impl Into<String>) -> TestError {
        TestError { path: path.into(), line: 0, column: 0, message: message.into() }
    }

    /// An error at a known 1-based line and column.
    pub fn at(path: impl Into<String>, (line, column): (usize, usize), message: impl Into<String>) -> TestError {
        TestError { path: path.into(), line, column, message: message.into() }
    }

    /// A rule that does not load or compile; its error names the file already.
    pub fn from_rule(err: impl fmt::Display) -> TestError {
        TestError { path: String::new(), line: 0, column: 0, message: err.to_string() }
    }

    /// A serde_yaml error in `source`, placed and worded as in rule files (a
    /// repeated key at the repeat, no Rust type names).
    pub fn yaml(path: &str, source: &str, err: &serde_yaml::Error) -> TestError {
        TestError::from_rule_error(RuleError::yaml(path, source, err))
    }

    /// A serde_yaml error in a file that must hold one mapping, described by
    /// `holds`; see [`RuleError::document`].
    pub fn document(path: &str, source: &str, err: &serde_yaml::Error, holds: &str) -> TestError {
        TestError::from_rule_error(RuleError::document(path, source, err, holds))
    }

    fn from_rule_error(RuleError { path, line, column, message }: RuleError) -> TestError {
        TestError { path, line, column, message }
    }
}

impl fmt::Display for TestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.message)
        } else if self.line == 0 {
            write!(f, "{}: {}", self.path, self.message)
        } else {
            write!(f, "{}:{}:{}: {}", self.path, self.line, self.column, self.message)
        }
    }
}

impl std::error::Error for TestError {}
