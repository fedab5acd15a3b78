//! Findings: what a check reports, independent of how it is rendered.

use serde::Serialize;

use crate::input::Span;

/// How serious a finding is; rules set it, and `--fail-on` compares against it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    /// The lower-case name used in rule files and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A secondary location that a finding was checked against ("2021 level").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Related {
    pub label: String,
    pub span: Span,
}

/// One inconsistency in one file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// The id of the rule that produced it (`change-mismatch`).
    pub rule: String,
    pub severity: Severity,
    /// One sentence with the figures and the arithmetic that proves the inconsistency.
    pub message: String,
    /// The file's display path.
    pub file: String,
    /// The inconsistent figure.
    pub span: Span,
    /// Label for the primary span ("stated here").
    #[serde(skip)]
    pub label: String,
    /// Figures the primary one was checked against.
    pub related: Vec<Related>,
    /// What would reconcile the figures.
    pub help: Option<String>,
    /// The arithmetic that proves it, a step per line (`check --explain`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub explain: Vec<String>,
}
