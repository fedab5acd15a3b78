//! Snapshots: what a rule's invalid cases produce, pinned in a YAML file a
//! reviewer can judge in a diff.
//!
//! One file per rule file, `__snapshots__/<stem>.snap.yaml` beside it, mapping
//! rule id → case key → the list of findings. Each finding gives its `file` (only
//! when the case has several), `line`, `column`, the exact source `text` of its
//! span, `severity`, `message`, and `related` and `help` when it has them.
//!
//! The file is written by hand here rather than by a serializer, so that its
//! layout is fixed: keys in a set order, case keys in natural order (`invalid-2`
//! before `invalid-10`), strings double-quoted unless they are plain words.
//! A snapshot is compared by rendering both sides the same way, so a file edited
//! by hand is read as any YAML (reordered keys and changed quoting do not
//! matter), and any real difference shows as a diff of that rendering.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde_yaml::{Mapping, Number, Value};

use super::TestError;
use crate::findings::Finding;
use crate::input::Document;

/// The folder beside rule files that holds their snapshots.
pub const SNAPSHOT_DIR: &str = "__snapshots__";

/// How snapshot files end: `change-mismatch.snap.yaml`.
pub const SNAPSHOT_SUFFIX: &str = ".snap.yaml";

/// The order of keys in a finding (and in a related location); keys a hand edit
/// added come after these, in the order written.
const KEY_ORDER: &[&str] = &["file", "label", "line", "column", "text", "severity", "message", "related", "help"];

/// Where the snapshots of the rule file at `rule_path` are kept.
pub fn snapshot_path(rule_path: &Path) -> PathBuf {
    let stem = rule_path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    rule_path.with_file_name(SNAPSHOT_DIR).join(format!("{stem}{SNAPSHOT_SUFFIX}"))
}

/// The findings of one case as a snapshot entry. `documents` are the case's, to
/// quote the source text of each span; `with_file` names each finding's file.
pub fn findings_entry(findings: &[Finding], documents: &[Document], with_file: bool) -> Value {
    let source_of = |file: &str| documents.iter().find(|d| d.path == file).map_or("", |d| d.source.as_str());
    let quote = |source: &str, start: usize, end: usize| source.get(start..end).unwrap_or("").to_string();
    let list = findings
        .iter()
        .map(|finding| {
            let source = source_of(&finding.file);
            let mut map = Mapping::new();
            if with_file {
                map.insert("file".into(), finding.file.clone().into());
            }
            map.insert("line".into(), Value::Number(Number::from(finding.span.line)));
            map.insert("column".into(), Value::Number(Number::from(finding.span.column)));
            map.insert("text".into(), quote(source, finding.span.start, finding.span.end).into());
            map.insert("severity".into(), finding.severity.as_str().into());
            map.insert("message".into(), finding.message.clone().into());
            if !finding.related.is_empty() {
                let related = finding
                    .related
                    .iter()
                    .map(|r| {
                        let mut map = Mapping::new();
                        map.insert("label".into(), r.label.clone().into());
                        map.insert("line".into(), Value::Number(Number::from(r.span.line)));
                        map.insert("column".into(), Value::Number(Number::from(r.span.column)));
                        map.insert("text".into(), quote(source, r.span.start, r.span.end).into());
                        Value::Mapping(map)
                    })
                    .collect();
                map.insert("related".into(), Value::Sequence(related));
            }
            if let Some(help) = &finding.help {
                map.insert("help".into(), help.clone().into());
            }
            Value::Mapping(map)
        })
        .collect();
    Value::Sequence(list)
}

/// The text a snapshot entry is compared and shown as: the entry in the file's
/// layout, without indentation.
pub fn render_entry(entry: &Value) -> String {
    let mut out = String::new();
    write_node(&mut out, entry, 0);
    // A collection starts on the line after its key, a scalar after a space.
    out.trim_start_matches(['\n', ' ']).to_string()
}

/// The snapshots of one rule file: rule id → case key → entry.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SnapshotFile {
    pub rules: BTreeMap<String, BTreeMap<String, Value>>,
}

impl SnapshotFile {
    /// Reads a snapshot file; a file that does not exist has no entries.
    pub fn read(path: &Path) -> Result<SnapshotFile, TestError> {
        let display = path.display().to_string();
        let bytes = match fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(SnapshotFile::default()),
            Err(e) => return Err(TestError::file(display, format!("cannot read: {e}"))),
        };
        let text = crate::rules::locate::utf8(bytes).map_err(|(at, message)| TestError::at(&display, at, message))?;
        SnapshotFile::parse(&display, &text)
    }

    /// Reads a snapshot file's text; `path` is for errors.
    pub fn parse(path: &str, text: &str) -> Result<SnapshotFile, TestError> {
        type Written = Option<BTreeMap<String, Option<BTreeMap<String, Value>>>>;
        let written: Written = serde_yaml::from_str(text).map_err(|e| TestError::yaml(path, text, &e))?;
        let rules = written.unwrap_or_default().into_iter().map(|(rule, cases)| (rule, cases.unwrap_or_default()));
        Ok(SnapshotFile { rules: rules.collect() })
    }

    /// The entry of one case, if there is one.
    pub fn entry(&self, rule: &str, case: &str) -> Option<&Value> {
        self.rules.get(rule)?.get(case)
    }

    /// Sets the entry of one case.
    pub fn set_entry(&mut self, rule: &str, case: &str, entry: Value) {
        self.rules.entry(rule.to_string()).or_default().insert(case.to_string(), entry);
    }

    /// Drops every entry whose rule and case `keep` refuses, and rules left with
    /// none; returns the `(rule, case)` pairs dropped.
    pub fn prune(&mut self, keep: impl Fn(&str, &str) -> bool) -> Vec<(String, String)> {
        let mut dropped = Vec::new();
        for (rule, cases) in &mut self.rules {
            cases.retain(|case, _| {
                let kept = keep(rule, case);
                if !kept {
                    dropped.push((rule.clone(), case.clone()));
                }
                kept
            });
        }
        self.rules.retain(|_, cases| !cases.is_empty());
        dropped
    }

    /// Whether there is no entry at all.
    pub fn is_empty(&self) -> bool {
        self.rules.values().all(BTreeMap::is_empty)
    }

    /// The file's text; `rule_file_name` is named in its header comment.
    pub fn to_text(&self, rule_file_name: &str) -> String {
        let mut out = format!(
            "# Snapshots of `factlint test` for {rule_file_name}. Written by `factlint test --update`; \
             review changes like code.\n"
        );
        for (index, (rule, cases)) in self.rules.iter().filter(|(_, cases)| !cases.is_empty()).enumerate() {
            if index > 0 {
                out.push('\n');
            }
            out.push_str(&format!("{}:\n", render_key(rule)));
            let mut entries: Vec<(&String, &Value)> = cases.iter().collect();
            entries.sort_by(|(a, _), (b, _)| natural_cmp(a, b));
            for (key, entry) in entries {
                out.push_str(&format!("  {}:", render_key(key)));
                write_node(&mut out, entry, 4);
            }
        }
        out
    }

    /// Writes the file, or deletes it (and an emptied snapshot folder) when there
    /// is no entry left. Returns whether anything on disk changed.
    pub fn save(&self, path: &Path, rule_file_name: &str) -> Result<bool, TestError> {
        let display = path.display().to_string();
        if self.is_empty() {
            return match fs::remove_file(path) {
                Ok(()) => {
                    // Only an empty folder is removed; one holding other files stays.
                    if let Some(dir) = path.parent() {
                        let _ = fs::remove_dir(dir);
                    }
                    Ok(true)
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
                Err(e) => Err(TestError::file(display, format!("cannot delete: {e}"))),
            };
        }
        let text = self.to_text(rule_file_name);
        if fs::read_to_string(path).is_ok_and(|old| old == text) {
            return Ok(false);
        }
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)
                .map_err(|e| TestError::file(dir.display().to_string(), format!("cannot create: {e}")))?;
        }
        fs::write(path, text).map_err(|e| TestError::file(display, format!("cannot write: {e}")))?;
        Ok(true)
    }
}

/// Writes `value` as the value of a key or list item whose line is already
/// started: a scalar or empty collection on that line, anything else on the
/// following lines at `indent`.
fn write_node(out: &mut String, value: &Value, indent: usize) {
    match value {
        Value::Sequence(items) if !items.is_empty() => {
            out.push('\n');
            for item in items {
                // The item is written as a key's value would be, then its first
                // line's indentation becomes the dash.
                let mut block = String::new();
                write_node(&mut block, item, indent + 2);
                let first_line = block.strip_prefix('\n').and_then(|b| b.get(indent + 2..));
                match first_line {
                    Some(rest) => out.push_str(&format!("{}- {rest}", " ".repeat(indent))),
                    None => out.push_str(&format!("{}-{block}", " ".repeat(indent))),
                }
            }
        }
        Value::Mapping(map) if !map.is_empty() => {
            out.push('\n');
            for (key, value) in ordered_entries(map) {
                out.push_str(&format!("{}{}:", " ".repeat(indent), render_key_value(key)));
                write_node(out, value, indent + 2);
            }
        }
        Value::Tagged(tagged) => write_node(out, &tagged.value, indent),
        scalar => {
            out.push(' ');
            out.push_str(&render_scalar(scalar));
            out.push('\n');
        }
    }
}

/// A mapping's entries with the known keys first, in [`KEY_ORDER`].
fn ordered_entries(map: &Mapping) -> Vec<(&Value, &Value)> {
    let rank = |key: &Value| key.as_str().and_then(|k| KEY_ORDER.iter().position(|known| *known == k));
    let mut entries: Vec<(&Value, &Value)> = map.iter().collect();
    // Stable: unknown keys keep the order they were written in.
    entries.sort_by_key(|(key, _)| rank(key).unwrap_or(KEY_ORDER.len()));
    entries
}

/// A scalar as YAML: numbers, booleans and null as they are, strings plain
/// when they are a single word YAML reads back as that string, else quoted.
fn render_scalar(value: &Value) -> String {
    match value {
        Value::Null => "null".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => render_key(s),
        Value::Sequence(_) => "[]".to_string(),
        Value::Mapping(_) => "{}".to_string(),
        Value::Tagged(tagged) => render_scalar(&tagged.value),
    }
}

/// A mapping key: a string as [`render_key`], anything else as its scalar.
fn render_key_value(key: &Value) -> String {
    match key {
        Value::String(s) => render_key(s),
        other => render_scalar(other),
    }
}

/// A string, plain when it is safe to leave so, else double-quoted.
fn render_key(text: &str) -> String {
    let word_like = text.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric())
        && text.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    // `true`, `null`, `12` and the like are plain words YAML reads as something else.
    let reads_back = || serde_yaml::from_str::<Value>(text).is_ok_and(|v| v.as_str() == Some(text));
    if word_like && reads_back() { text.to_string() } else { double_quoted(text) }
}

/// A YAML double-quoted scalar: escapes for quotes, backslashes, and every
/// character YAML would read as a line break or refuse in a document.
fn double_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}') => {
                out.push_str(&format!("\\u{:04X}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Orders keys as people count: runs of digits compare by value, so
/// `invalid-2` comes before `invalid-10`; ties fall back to the plain order.
fn natural_cmp(a: &str, b: &str) -> Ordering {
    fn chunks(s: &str) -> Vec<(bool, &str)> {
        let mut out = Vec::new();
        let mut start = 0;
        let bytes = s.as_bytes();
        for i in 1..=bytes.len() {
            if i == bytes.len() || bytes[i].is_ascii_digit() != bytes[start].is_ascii_digit() {
                out.push((bytes[start].is_ascii_digit(), &s[start..i]));
                start = i;
            }
        }
        out
    }
    let (left, right) = (chunks(a), chunks(b));
    for ((l_digits, l), (r_digits, r)) in left.iter().zip(&right) {
        let order = if *l_digits && *r_digits {
            let (l_trim, r_trim) = (l.trim_start_matches('0'), r.trim_start_matches('0'));
            l_trim.len().cmp(&r_trim.len()).then_with(|| l_trim.cmp(r_trim))
        } else {
            l.cmp(r)
        };
        if order != Ordering::Equal {
            return order;
        }
    }
    left.len().cmp(&right.len()).then_with(|| a.cmp(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::findings::{Related, Severity};
    use crate::input::Format;

    fn finding_value(pairs: &[(&str, Value)]) -> Value {
        let mut map = Mapping::new();
        for (key, value) in pairs {
            map.insert((*key).into(), value.clone());
        }
        Value::Mapping(map)
    }

    fn tricky_file() -> SnapshotFile {
        let tricky = [
            "plain",
            "45",
            "true",
            "null",
            "a \"quoted\" word",
            "key: value",
            "line one\nline two\r\n",
            "back\\slash\ttab",
            "# not a comment",
            "- not a list",
            "€30 and 5%",
            "\u{1}\u{7f}\u{85}\u{2028}\u{2029}\u{feff}",
            "",
            " padded ",
            "'single'",
            "{x}",
        ];
        let mut file = SnapshotFile::default();
        for (i, text) in tricky.iter().enumerate() {
            let entry = Value::Sequence(vec![finding_value(&[
                ("line", Value::Number(Number::from(i + 1))),
                ("text", (*text).into()),
                ("message", format!("message with {text}").into()),
            ])]);
            file.set_entry("some-rule", &format!("case-{i}"), entry);
            file.set_entry(text, "invalid-1", Value::Sequence(vec![]));
        }
        file
    }

    #[test]
    fn strings_round_trip_through_the_file() {
        let file = tricky_file();
        let text = file.to_text("r.yaml");
        let back = SnapshotFile::parse("r.snap.yaml", &text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert_eq!(back, file, "{text}");
        // And writing what was read gives the same text: the layout is stable.
        assert_eq!(back.to_text("r.yaml"), text);
    }

    #[test]
    fn layout_is_fixed_and_readable() {
        let mut file = SnapshotFile::default();
        let finding = finding_value(&[
            ("message", "12 killed and 30 wounded make 42, not 45".into()),
            ("severity", "error".into()),
            ("text", "45".into()),
            ("column", Value::Number(Number::from(52))),
            ("line", Value::Number(Number::from(1))),
            (
                "related",
                Value::Sequence(vec![finding_value(&[
                    ("text", "12".into()),
                    ("label", "killed".into()),
                    ("line", Value::Number(Number::from(1))),
                    ("column", Value::Number(Number::from(14))),
                ])]),
            ),
        ]);
        file.set_entry("casualty-total", "invalid-10", Value::Sequence(vec![finding.clone()]));
        file.set_entry("casualty-total", "invalid-2", Value::Sequence(vec![finding]));
        let text = file.to_text("casualties.yaml");
        let expected = "\
# Snapshots of `factlint test` for casualties.yaml. Written by `factlint test --update`; review changes like code.
casualty-total:
  invalid-2:
    - line: 1
      column: 52
      text: \"45\"
      severity: error
      message: \"12 killed and 30 wounded make 42, not 45\"
      related:
        - label: killed
          line: 1
          column: 14
          text: \"12\"
  invalid-10:
    - line: 1
      column: 52
      text: \"45\"
      severity: error
      message: \"12 killed and 30 wounded make 42, not 45\"
      related:
        - label: killed
          line: 1
          column: 14
          text: \"12\"
";
        assert_eq!(text, expected);
    }

    #[test]
    fn hand_edits_in_layout_only_compare_equal() {
        let file = tricky_file();
        let entry = file.entry("some-rule", "case-4").unwrap();
        let edited = "- message: 'message with a \"quoted\" word'\n  text: a \"quoted\" word\n  line: 5\n";
        let read: Value = serde_yaml::from_str(edited).unwrap();
        assert_eq!(render_entry(&read), render_entry(entry));
    }

    #[test]
    fn findings_become_entries_quoting_their_source() {
        let source = "Exports rose 12% to $45 billion from $30 billion.\n";
        let doc = Document::parse("a.md", source.to_string(), Format::Markdown).unwrap();
        let at = |needle: &str| {
            let start = doc.prose.find(needle).unwrap();
            doc.span(start..start + needle.len())
        };
        let finding = Finding {
            rule: "r".into(),
            severity: Severity::Error,
            message: "not: \"so\"".into(),
            file: "a.md".into(),
            span: at("12%"),
            label: String::new(),
            related: vec![Related { label: "from".into(), span: at("$30 billion") }],
            help: Some("say 50%".into()),
            explain: Vec::new(),
        };
        let entry = findings_entry(std::slice::from_ref(&finding), std::slice::from_ref(&doc), false);
        let expected = "- line: 1\n  column: 14\n  text: \"12%\"\n  severity: error\n  message: \"not: \\\"so\\\"\"\n  related:\n    - label: from\n      line: 1\n      column: 38\n      text: \"$30 billion\"\n  help: \"say 50%\"\n";
        assert_eq!(render_entry(&entry), expected);
        let with_file = findings_entry(&[finding], &[doc], true);
        assert!(render_entry(&with_file).starts_with("- file: a.md\n  line: 1\n"));
    }

    #[test]
    fn pruning_drops_entries_and_emptied_rules() {
        let mut file = SnapshotFile::default();
        file.set_entry("a", "invalid-1", Value::Null);
        file.set_entry("a", "gone", Value::Null);
        file.set_entry("old-rule", "invalid-1", Value::Null);
        let dropped = file.prune(|rule, case| rule == "a" && case != "gone");
        assert_eq!(dropped, [("a".to_string(), "gone".to_string()), ("old-rule".to_string(), "invalid-1".to_string())]);
        assert_eq!(file.rules.keys().collect::<Vec<_>>(), ["a"]);
        file.prune(|_, _| false);
        assert!(file.is_empty());
    }

    #[test]
    fn save_writes_rewrites_and_deletes() {
        let dir = std::env::temp_dir().join(format!("factlint-snapshot-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let path = snapshot_path(&dir.join("rules/casualties.yaml"));
        assert!(path.ends_with("rules/__snapshots__/casualties.snap.yaml"));
        let mut file = SnapshotFile::default();
        file.set_entry("r", "invalid-1", Value::Sequence(vec![]));
        assert!(file.save(&path, "casualties.yaml").unwrap());
        assert!(!file.save(&path, "casualties.yaml").unwrap(), "unchanged text is not rewritten");
        assert_eq!(SnapshotFile::read(&path).unwrap(), file);
        file.prune(|_, _| false);
        assert!(file.save(&path, "casualties.yaml").unwrap());
        assert!(!path.exists() && !path.parent().unwrap().exists());
        assert_eq!(SnapshotFile::read(&path).unwrap(), SnapshotFile::default());
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn hand_broken_files_are_errors_with_a_position() {
        let err = SnapshotFile::parse("s.snap.yaml", "rule:\n  case: [\n").unwrap_err().to_string();
        assert!(err.starts_with("s.snap.yaml:"), "{err}");
        let err = SnapshotFile::parse("s.snap.yaml", "rule:\n  - a\n").unwrap_err().to_string();
        assert!(err.starts_with("s.snap.yaml:2:3: "), "{err}");
        assert_eq!(SnapshotFile::parse("s.snap.yaml", "# empty\n").unwrap(), SnapshotFile::default());
    }

    #[test]
    fn natural_order() {
        let mut keys = vec!["invalid-10", "b", "invalid-2", "across", "invalid-1", "invalid-02"];
        keys.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(keys, ["across", "b", "invalid-1", "invalid-02", "invalid-2", "invalid-10"]);
    }
}
