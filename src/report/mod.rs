//! Report: writes findings for people (annotated source excerpts) or for machines (JSON).
//!
//! Reporting streams. The caller drives a [`Reporter`] through three steps:
//!
//! ```text
//! reporter.begin(out)?;                  // once
//! reporter.file(out, &doc, &findings)?;  // once per checked file, in output order
//! reporter.finish(out, &summary)?;       // once
//! ```
//!
//! Every step writes straight to `out` (pass a buffered writer) and never holds more than
//! one file's findings. Every write error is returned unchanged, so a caller can recognise
//! [`std::io::ErrorKind::BrokenPipe`] and exit quietly.
//!
//! The human format is described in [`human`], the JSON schema in [`json`].

pub mod claims;
pub mod human;
pub mod json;

use std::io::{self, Write};

use serde::Serialize;

use crate::findings::{Finding, Severity};
use crate::input::Document;

pub use human::HumanReporter;
pub use json::JsonReporter;

/// The output format chosen with `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// Annotated source excerpts and a one-line summary.
    Human,
    /// One JSON document with every finding and a summary (see [`json`]).
    Json,
}

/// Totals over a whole run, printed (or serialized) at the end.
///
/// Serializes as `{"files":…,"findings":…,"errors":…,"warnings":…}`, in that order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Files checked.
    pub files: usize,
    /// Findings of every severity.
    pub findings: usize,
    /// Findings of severity [`Severity::Error`].
    pub errors: usize,
    /// Findings of severity [`Severity::Warning`].
    pub warnings: usize,
}

impl Summary {
    /// Records one checked file and its findings (which may be none): counts the file,
    /// the findings, and among them the errors and the warnings.
    pub fn add(&mut self, findings: &[Finding]) {
        self.files += 1;
        self.add_findings_only(findings);
    }

    /// Records findings of files already counted (rules across documents).
    pub fn add_findings_only(&mut self, findings: &[Finding]) {
        self.findings += findings.len();
        for finding in findings {
            match finding.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => {}
            }
        }
    }

    /// Findings that are neither errors nor warnings.
    pub fn infos(&self) -> usize {
        self.findings.saturating_sub(self.errors + self.warnings)
    }
}

/// Writes findings in one [`OutputFormat`]; see the [module docs](self) for the call order.
#[derive(Debug)]
pub enum Reporter {
    /// Annotated source excerpts.
    Human(HumanReporter),
    /// A single streamed JSON document.
    Json(JsonReporter),
}

impl Reporter {
    /// A reporter for `format`. `color` selects ANSI styling in the human format and is
    /// ignored by JSON.
    pub fn new(format: OutputFormat, color: bool) -> Reporter {
        match format {
            OutputFormat::Human => Reporter::Human(HumanReporter::new(color)),
            OutputFormat::Json => Reporter::Json(JsonReporter::new()),
        }
    }

    /// Writes whatever precedes the first file (JSON: the document's opening).
    pub fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        match self {
            Reporter::Human(r) => r.begin(out),
            Reporter::Json(r) => r.begin(out),
        }
    }

    /// Writes the findings of one file; `findings` all belong to `doc`.
    pub fn file(&mut self, out: &mut dyn Write, doc: &Document, findings: &[Finding]) -> io::Result<()> {
        match self {
            Reporter::Human(r) => r.file(out, doc, findings),
            Reporter::Json(r) => r.file(out, doc, findings),
        }
    }

    /// Writes the summary and closes the output (JSON: the document's end and a newline).
    pub fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        match self {
            Reporter::Human(r) => r.finish(out, summary),
            Reporter::Json(r) => r.finish(out, summary),
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::findings::Related;
    use crate::input::{Format, Span};

    /// The span of `needle`'s first occurrence at or after byte `from` of `src`, with
    /// lines and (character) columns computed here, independently of the input module.
    pub(crate) fn span_of(src: &str, needle: &str, from: usize) -> Span {
        let start = from + src[from..].find(needle).expect("needle in test source");
        let end = start + needle.len();
        let (line, column) = line_col(src, start);
        let (end_line, end_column) = line_col(src, end);
        Span { start, end, line, column, end_line, end_column }
    }

    fn line_col(src: &str, offset: usize) -> (usize, usize) {
        let before = &src[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        (line, src[line_start..offset].chars().count() + 1)
    }

    pub(crate) fn doc(path: &str, src: &str) -> Document {
        Document::parse(path, src.to_string(), Format::Markdown).expect("stub parse")
    }

    pub(crate) fn finding(doc: &Document, severity: Severity, primary: &str, related: &str) -> Finding {
        Finding {
            rule: "change-mismatch".to_string(),
            severity,
            message: "a rise from 120 to 150 is 25%, not 30%".to_string(),
            file: doc.path.clone(),
            span: span_of(&doc.source, primary, 0),
            label: "stated here".to_string(),
            related: vec![Related { label: "2021 level".to_string(), span: span_of(&doc.source, related, 0) }],
            help: Some("state 25% or correct one of the levels".to_string()),
            explain: Vec::new(),
        }
    }

    #[test]
    fn summary_counts_files_findings_and_severities() {
        let d = doc("a.md", "Sales rose 30% from 120 to 150.\n");
        let error = finding(&d, Severity::Error, "30%", "120");
        let warning = finding(&d, Severity::Warning, "30%", "150");
        let info = finding(&d, Severity::Info, "30%", "150");

        let mut summary = Summary::default();
        summary.add(&[error.clone(), warning.clone(), info, error]);
        summary.add(&[]);
        summary.add(&[warning]);
        assert_eq!(summary, Summary { files: 3, findings: 5, errors: 2, warnings: 2 });
        assert_eq!(summary.infos(), 1);
    }

    #[test]
    fn reporter_new_selects_the_format() {
        assert!(matches!(Reporter::new(OutputFormat::Human, false), Reporter::Human(_)));
        assert!(matches!(Reporter::new(OutputFormat::Json, true), Reporter::Json(_)));
    }

    #[test]
    fn output_format_parses_from_the_command_line_names() {
        use clap::ValueEnum;
        assert_eq!(OutputFormat::from_str("human", false), Ok(OutputFormat::Human));
        assert_eq!(OutputFormat::from_str("json", false), Ok(OutputFormat::Json));
        assert!(OutputFormat::from_str("xml", false).is_err());
    }
}
