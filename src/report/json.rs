//! JSON output: one document for the whole run, streamed finding by finding.
//!
//! # Schema (version 1)
//!
//! ```json
//! {
//!   "version": 1,
//!   "findings": [
//!     {
//!       "rule": "change-mismatch",
//!       "severity": "warning",
//!       "message": "a rise from 120 to 150 is 25%, not 30%",
//!       "file": "a.md",
//!       "span": {"start": 11, "end": 14, "line": 1, "column": 12, "end_line": 1, "end_column": 15},
//!       "related": [
//!         {"label": "2021 level", "span": {"start": 20, "end": 23, "line": 1, "column": 21, "end_line": 1, "end_column": 24}}
//!       ],
//!       "help": "state 25% or correct one of the levels"
//!     }
//!   ],
//!   "summary": {"files": 1, "findings": 1, "errors": 0, "warnings": 1}
//! }
//! ```
//!
//! * Keys appear in the order shown, in the top level, in findings, in related entries and
//!   in spans. The document is written without whitespace and ends with a newline.
//! * `severity` is `"error"`, `"warning"` or `"info"`.
//! * `file` is the finding's display path (as given by the user, or `<stdin>`).
//! * A span's `start`/`end` are byte offsets into the file as read; `line`/`column` are
//!   1-based, columns count characters; `end_line`/`end_column` point just past the last
//!   character.
//! * `related` is an array, possibly empty; `help` is a string or `null`.
//! * `findings` lists the files in the order they were reported, and within a file the
//!   findings in the order given. It is `[]` when there are none.
//! * `summary.findings` counts every severity; `errors` and `warnings` count those two.

use std::io::{self, Write};

use super::Summary;
use crate::findings::Finding;
use crate::input::Document;

/// The value of the top-level `"version"` key.
pub const SCHEMA_VERSION: u32 = 1;

/// Streams the JSON document: [`begin`](Self::begin), [`file`](Self::file) for each file,
/// then [`finish`](Self::finish).
#[derive(Debug, Default)]
pub struct JsonReporter {
    /// Whether a finding has been written, so the next one needs a leading comma.
    wrote_finding: bool,
}

impl JsonReporter {
    /// A reporter that has written nothing yet.
    pub fn new() -> JsonReporter {
        JsonReporter::default()
    }

    /// Writes `{"version":1,"findings":[`.
    pub fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        self.wrote_finding = false;
        write!(out, "{{\"version\":{SCHEMA_VERSION},\"findings\":[")
    }

    /// Writes each finding as one element of the `findings` array: its own `Serialize`
    /// form, which is the schema above (`Finding::label` is not serialized). `_doc` is
    /// unused: the JSON carries positions, not source text.
    pub fn file(&mut self, out: &mut dyn Write, _doc: &Document, findings: &[Finding]) -> io::Result<()> {
        for finding in findings {
            if self.wrote_finding {
                out.write_all(b",")?;
            }
            serde_json::to_writer(&mut *out, finding)?;
            self.wrote_finding = true;
        }
        Ok(())
    }

    /// Closes the array and writes `,"summary":{…}}` and a newline.
    pub fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        out.write_all(b"],\"summary\":")?;
        serde_json::to_writer(&mut *out, summary)?;
        out.write_all(b"}\n")
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;
    use crate::findings::Severity;
    use crate::report::tests::{doc, finding};
    use crate::report::{OutputFormat, Reporter};

    fn run(files: &[(&Document, &[Finding])]) -> String {
        let mut reporter = Reporter::new(OutputFormat::Json, false);
        let mut summary = Summary::default();
        let mut out: Vec<u8> = Vec::new();
        reporter.begin(&mut out).unwrap();
        for (d, findings) in files {
            reporter.file(&mut out, d, findings).unwrap();
            summary.add(findings);
        }
        reporter.finish(&mut out, &summary).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// Asserts that the keys `"k":` occur in `text` in the order given (each searched for
    /// after the previous one).
    fn assert_in_order(text: &str, keys: &[&str]) {
        let mut from = 0;
        for key in keys {
            let quoted = format!("\"{key}\":");
            let at = text[from..].find(&quoted).unwrap_or_else(|| panic!("{quoted} not after byte {from} in {text}"));
            from += at + quoted.len();
        }
    }

    #[test]
    fn one_finding_matches_the_schema() {
        let src = "# Sales\n\nSales rose 30% from 120 in 2021 to 150 in 2022.\n";
        let d = doc("a.md", src);
        let f = finding(&d, Severity::Warning, "30%", "120");
        let text = run(&[(&d, std::slice::from_ref(&f))]);

        assert!(text.ends_with("}\n"), "{text:?}");
        assert_eq!(text.matches('\n').count(), 1, "one line: {text:?}");
        let value: Value = serde_json::from_str(&text).unwrap();
        let (p, r) = (src.find("30%").unwrap(), src.find("120").unwrap());
        assert_eq!(
            value,
            json!({
                "version": 1,
                "findings": [{
                    "rule": "change-mismatch",
                    "severity": "warning",
                    "message": "a rise from 120 to 150 is 25%, not 30%",
                    "file": "a.md",
                    "span": {"start": p, "end": p + 3, "line": 3, "column": 12, "end_line": 3, "end_column": 15},
                    "related": [{
                        "label": "2021 level",
                        "span": {"start": r, "end": r + 3, "line": 3, "column": 21, "end_line": 3, "end_column": 24}
                    }],
                    "help": "state 25% or correct one of the levels"
                }],
                "summary": {"files": 1, "findings": 1, "errors": 0, "warnings": 1}
            })
        );

        // Key order in the raw text: top level, then within the finding, then the summary.
        assert!(text.starts_with("{\"version\":1,\"findings\":[{\"rule\":"), "{text}");
        assert_in_order(
            &text,
            &[
                "version",
                "findings",
                "rule",
                "severity",
                "message",
                "file",
                "span",
                "start",
                "end",
                "line",
                "column",
                "end_line",
                "end_column",
                "related",
                "label",
                "span",
                "start",
                "end",
                "line",
                "column",
                "end_line",
                "end_column",
                "help",
                "summary",
                "files",
                "findings",
                "errors",
                "warnings",
            ],
        );
        // The primary label is not part of the schema.
        assert!(!text.contains("stated here"), "{text}");
    }

    #[test]
    fn missing_help_is_null_and_no_related_is_an_empty_array() {
        let d = doc("b.md", "It cost 5 dollars.\n");
        let mut f = finding(&d, Severity::Error, "5", "dollars");
        f.help = None;
        f.related.clear();
        let value: Value = serde_json::from_str(&run(&[(&d, &[f])])).unwrap();
        let finding = &value["findings"][0];
        assert_eq!(finding["help"], Value::Null);
        assert!(finding.as_object().unwrap().contains_key("help"));
        assert_eq!(finding["related"], json!([]));
        assert_eq!(finding["severity"], "error");
        assert_eq!(value["summary"], json!({"files": 1, "findings": 1, "errors": 1, "warnings": 0}));
    }

    #[test]
    fn zero_findings_is_valid_json() {
        let d = doc("a.md", "Nothing to see.\n");
        let text = run(&[(&d, &[]), (&d, &[])]);
        assert_eq!(
            text,
            "{\"version\":1,\"findings\":[],\"summary\":{\"files\":2,\"findings\":0,\"errors\":0,\"warnings\":0}}\n"
        );
        let value: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["findings"], json!([]));

        let no_files = run(&[]);
        let value: Value = serde_json::from_str(&no_files).unwrap();
        assert_eq!(value["summary"]["files"], 0);
    }

    #[test]
    fn files_stream_into_one_array_in_order() {
        let a = doc("a.md", "Up 30% from 120 to 150.\n");
        let b = doc("b.md", "Down 10% from 200 to 150.\n");
        let c = doc("c.md", "Clean.\n");
        let fa = finding(&a, Severity::Warning, "30%", "120");
        let fb1 = finding(&b, Severity::Error, "10%", "200");
        let fb2 = finding(&b, Severity::Info, "150", "200");
        let text = run(&[(&a, &[fa]), (&c, &[]), (&b, &[fb1, fb2])]);

        let value: Value = serde_json::from_str(&text).unwrap();
        let findings = value["findings"].as_array().unwrap();
        let files: Vec<&str> = findings.iter().map(|f| f["file"].as_str().unwrap()).collect();
        assert_eq!(files, ["a.md", "b.md", "b.md"]);
        let severities: Vec<&str> = findings.iter().map(|f| f["severity"].as_str().unwrap()).collect();
        assert_eq!(severities, ["warning", "error", "info"]);
        assert_eq!(findings[2]["span"]["start"], 21);
        assert_eq!(value["summary"], json!({"files": 3, "findings": 3, "errors": 1, "warnings": 1}));
        assert_eq!(text.matches("\"version\"").count(), 1);
    }

    /// Accepts `budget` bytes, then fails every write with `BrokenPipe`.
    struct ClosedPipe {
        budget: usize,
    }

    impl Write for ClosedPipe {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.budget == 0 {
                return Err(io::Error::from(io::ErrorKind::BrokenPipe));
            }
            let n = buf.len().min(self.budget);
            self.budget -= n;
            Ok(n)
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn write_errors_keep_their_kind() {
        let d = doc("a.md", "Up 30% from 120 to 150.\n");
        let f = finding(&d, Severity::Warning, "30%", "120");
        let mut reporter = JsonReporter::new();

        let err = reporter.begin(&mut ClosedPipe { budget: 0 }).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::BrokenPipe);
        // Inside serde_json's serialization of a finding.
        let err = reporter.file(&mut ClosedPipe { budget: 5 }, &d, &[f]).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::BrokenPipe);
        let err = reporter.finish(&mut ClosedPipe { budget: 3 }, &Summary::default()).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::BrokenPipe);
    }
}
