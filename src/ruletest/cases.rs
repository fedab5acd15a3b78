//! Reading a rule's tests: the `tests:` section of a rule file, or the sibling
//! `<stem>.test.yaml` that holds the same mapping at its top level.
//!
//! Everything is read straight from the file's text with serde, not from the
//! already parsed header, so that every error carries the line and column in the
//! file that holds the tests. Case texts are parsed as Markdown documents while
//! they are read, so that a case whose front matter is broken is reported where
//! the case is written.

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

use super::TestError;
use crate::input::{Document, Format};

/// The name a case's document gets when the case is a single text.
pub const SINGLE_FILE_NAME: &str = "case.md";

/// Whether a case must stay silent or must be flagged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expectation {
    /// No finding of the rule is allowed.
    Valid,
    /// Findings of the rule are required, and pinned by a snapshot.
    Invalid,
}

/// One example text (or set of files) and what the rule must do with it.
#[derive(Debug, Clone)]
pub struct Case {
    /// The case's name, or `valid-N` / `invalid-N` by its 1-based position;
    /// invalid cases' keys are their snapshot keys.
    pub key: String,
    pub expectation: Expectation,
    /// The documents checked together, in the order written, each with its
    /// publication date already set.
    pub documents: Vec<Document>,
}

impl Case {
    /// Whether the case has several files, so that snapshots must say which file
    /// each finding is in.
    pub fn has_several_files(&self) -> bool {
        self.documents.len() > 1
    }
}

/// A rule's tests and the file they were read from.
#[derive(Debug, Clone)]
pub struct RuleTests {
    /// The file holding the tests: the rule file or its sibling test file.
    pub path: String,
    pub cases: Vec<Case>,
}

/// The tests of the rule file at `rule_path` whose text is `rule_source`; `None`
/// when it has none, in the file or beside it.
pub fn read_rule_tests(rule_path: &str, rule_source: &str) -> Result<Option<RuleTests>, TestError> {
    let in_rule_file = parse_rule_file(rule_path, rule_source)?;
    let sibling = sibling_test_file(Path::new(rule_path));
    match (in_rule_file, sibling) {
        (Some(_), Some(sibling)) => Err(TestError::file(
            rule_path,
            format!(
                "has a `tests:` section and a test file beside it ({}); keep the tests in one of them",
                sibling.display()
            ),
        )),
        (Some(section), None) => Ok(Some(RuleTests { path: rule_path.to_string(), cases: section.into_cases() })),
        (None, Some(sibling)) => {
            let path = sibling.display().to_string();
            let bytes = fs::read(&sibling).map_err(|e| TestError::file(&path, format!("cannot read: {e}")))?;
            let text = crate::rules::locate::utf8(bytes).map_err(|(at, message)| TestError::at(&path, at, message))?;
            let section = parse_test_file(&path, &text)?;
            Ok(Some(RuleTests { path, cases: section.into_cases() }))
        }
        (None, None) => Ok(None),
    }
}

/// The test file beside a rule file, if there is one: `casualties.yaml` →
/// `casualties.test.yaml` (or `.test.yml`).
pub fn sibling_test_file(rule_path: &Path) -> Option<PathBuf> {
    let stem = rule_path.file_stem()?.to_string_lossy().into_owned();
    ["test.yaml", "test.yml"]
        .into_iter()
        .map(|ext| rule_path.with_file_name(format!("{stem}.{ext}")))
        .find(|p| p.is_file())
}

/// The `tests:` section of a rule file's text, if it has one. The rest of the
/// file is the rule loader's business and is ignored here.
pub fn parse_rule_file(path: &str, source: &str) -> Result<Option<TestSection>, TestError> {
    #[derive(Deserialize)]
    struct RuleFile {
        #[serde(default)]
        tests: Option<TestSection>,
    }
    let file: Option<RuleFile> = serde_yaml::from_str(source).map_err(|e| TestError::yaml(path, source, &e))?;
    Ok(file.and_then(|f| f.tests))
}

/// A test file's text: the tests mapping at its top level.
pub fn parse_test_file(path: &str, source: &str) -> Result<TestSection, TestError> {
    let holds = "a test file holds a mapping with `valid` and `invalid` lists of cases";
    let section: Option<TestSection> =
        serde_yaml::from_str(source).map_err(|e| TestError::document(path, source, &e, holds))?;
    Ok(section.unwrap_or_default())
}

/// The tests mapping as written: a shared date and the two lists of cases.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a test section: a mapping with `valid` and `invalid` lists of cases")]
pub struct TestSection {
    /// The publication date of every case that does not give its own.
    #[serde(default)]
    date: Option<CaseDate>,
    #[serde(default)]
    valid: CaseList,
    #[serde(default)]
    invalid: CaseList,
}

impl TestSection {
    /// The cases, valid ones first, with keys and dates settled.
    pub fn into_cases(self) -> Vec<Case> {
        let shared_date = self.date.map(|d| d.0);
        let lists = [(Expectation::Valid, "valid", self.valid), (Expectation::Invalid, "invalid", self.invalid)];
        let mut cases = Vec::new();
        for (expectation, prefix, list) in lists {
            for (position, written) in list.0.into_iter().enumerate() {
                let key = written.name.unwrap_or_else(|| format!("{prefix}-{}", position + 1));
                let date = written.date.map(|d| d.0).or(shared_date);
                let documents = written
                    .documents
                    .into_iter()
                    .map(|mut doc| {
                        // Like `--date`, a case's date wins over the text's front matter.
                        if date.is_some() {
                            doc.publication_date = date;
                        }
                        doc
                    })
                    .collect();
                cases.push(Case { key, expectation, documents });
            }
        }
        cases
    }
}

/// A publication date written as YYYY-MM-DD.
#[derive(Debug, Clone, Copy)]
struct CaseDate(jiff::civil::Date);

impl<'de> Deserialize<'de> for CaseDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<CaseDate, D::Error> {
        // A visitor, not a String read first: an error raised while the scalar is
        // being read is placed at the scalar, not at the mapping around it.
        struct DateVisitor;
        impl Visitor<'_> for DateVisitor {
            type Value = CaseDate;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date written as YYYY-MM-DD")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<CaseDate, E> {
                crate::input::parse_date(text)
                    .map(CaseDate)
                    .ok_or_else(|| de::Error::custom(format!("`{text}` is not a date; write it as YYYY-MM-DD")))
            }
        }
        deserializer.deserialize_str(DateVisitor)
    }
}

/// One case as written, its texts already parsed.
#[derive(Debug, Clone)]
struct WrittenCase {
    name: Option<String>,
    date: Option<CaseDate>,
    documents: Vec<Document>,
}

/// A list of cases whose names are unique, and unlike the keys other cases get
/// by position.
#[derive(Debug, Clone, Default)]
struct CaseList(Vec<WrittenCase>);

impl<'de> Deserialize<'de> for CaseList {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<CaseList, D::Error> {
        struct ListVisitor;
        impl<'de> Visitor<'de> for ListVisitor {
            type Value = CaseList;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of cases")
            }
            fn visit_unit<E: de::Error>(self) -> Result<CaseList, E> {
                // `valid:` with nothing after it: no cases.
                Ok(CaseList::default())
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<CaseList, A::Error> {
                let mut cases: Vec<WrittenCase> = Vec::new();
                while let Some(case) = seq.next_element::<WrittenCase>()? {
                    if let Some(name) = &case.name {
                        if cases.iter().any(|c| c.name.as_ref() == Some(name)) {
                            return Err(de::Error::custom(format!("two cases are named `{name}`; names must differ")));
                        }
                        if is_positional_key(name) {
                            return Err(de::Error::custom(format!(
                                "case name `{name}` looks like the key a case gets by position; choose another"
                            )));
                        }
                    }
                    cases.push(case);
                }
                Ok(CaseList(cases))
            }
        }
        deserializer.deserialize_any(ListVisitor)
    }
}

/// Whether a name has the shape of the keys unnamed cases get: `valid-3`, `invalid-1`.
fn is_positional_key(name: &str) -> bool {
    let number = name.strip_prefix("valid-").or_else(|| name.strip_prefix("invalid-"));
    // Only the keys positions are written as can clash: `invalid-01` cannot.
    number.is_some_and(|n| n.parse::<usize>().is_ok_and(|i| i.to_string() == n))
}

/// The mapping form of a case.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseFields {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    files: Option<FileList>,
    #[serde(default)]
    date: Option<CaseDate>,
}

/// File names and texts, in the order written.
#[derive(Debug)]
struct FileList(Vec<Document>);

impl<'de> Deserialize<'de> for FileList {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<FileList, D::Error> {
        struct FilesVisitor;
        impl<'de> Visitor<'de> for FilesVisitor {
            type Value = FileList;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping of file names to their texts")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<FileList, A::Error> {
                let mut documents: Vec<Document> = Vec::new();
                while let Some((name, text)) = map.next_entry::<String, String>()? {
                    if documents.iter().any(|d| d.path == name) {
                        return Err(de::Error::custom(format!("file `{name}` is given twice")));
                    }
                    documents.push(parse_document(name, text)?);
                }
                if documents.is_empty() {
                    return Err(de::Error::custom("`files` is empty; give at least one file name and its text"));
                }
                Ok(FileList(documents))
            }
        }
        deserializer.deserialize_map(FilesVisitor)
    }
}

/// Parses a case's text as a Markdown document; a front-matter error becomes an
/// error of the test file, placed at the case.
fn parse_document<E: de::Error>(name: String, text: String) -> Result<Document, E> {
    Document::parse(name, text, Format::Markdown).map_err(|e| {
        de::Error::custom(format!("the case text is not a valid document: {}:{}: {}", e.line, e.column, e.message))
    })
}

impl<'de> Deserialize<'de> for WrittenCase {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<WrittenCase, D::Error> {
        struct CaseVisitor;
        impl<'de> Visitor<'de> for CaseVisitor {
            type Value = WrittenCase;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a case: a text, or a mapping with `text` or `files` and optional `name` and `date`")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<WrittenCase, E> {
                let document = parse_document(SINGLE_FILE_NAME.to_string(), text.to_string())?;
                Ok(WrittenCase { name: None, date: None, documents: vec![document] })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<WrittenCase, A::Error> {
                let fields = CaseFields::deserialize(de::value::MapAccessDeserializer::new(map))?;
                let documents = match (fields.text, fields.files) {
                    (Some(text), None) => vec![parse_document(SINGLE_FILE_NAME.to_string(), text)?],
                    (None, Some(files)) => files.0,
                    (Some(_), Some(_)) => {
                        return Err(de::Error::custom("a case has `text` or `files`, not both"));
                    }
                    (None, None) => return Err(de::Error::custom("a case needs `text` or `files`")),
                };
                if fields.name.as_deref().is_some_and(|n| n.trim().is_empty()) {
                    return Err(de::Error::custom("a case's `name` must not be empty"));
                }
                Ok(WrittenCase { name: fields.name, date: fields.date, documents })
            }
        }
        deserializer.deserialize_any(CaseVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cases(source: &str) -> Vec<Case> {
        parse_rule_file("r.yaml", source).expect("parses").expect("has tests").into_cases()
    }

    fn error(source: &str) -> String {
        parse_rule_file("r.yaml", source).expect_err("is refused").to_string()
    }

    #[test]
    fn a_string_is_a_single_markdown_case() {
        let got = cases("id: x\ntests:\n  valid:\n    - \"Sales rose 5%.\"\n  invalid:\n    - Sales *fell*.\n");
        assert_eq!(got.len(), 2);
        assert_eq!((got[0].key.as_str(), got[0].expectation), ("valid-1", Expectation::Valid));
        assert_eq!((got[1].key.as_str(), got[1].expectation), ("invalid-1", Expectation::Invalid));
        assert_eq!(got[1].documents.len(), 1);
        assert_eq!(got[1].documents[0].path, SINGLE_FILE_NAME);
        // Parsed as Markdown: the emphasis marks are not prose.
        assert_eq!(got[1].documents[0].prose, "Sales fell.");
    }

    #[test]
    fn mappings_carry_names_dates_and_files_in_order() {
        let source = "\
tests:
  date: 2024-05-01
  valid:
    - text: A.
      date: 2023-01-02
    - B.
  invalid:
    - C.
    - name: across-pages
      files:
        docs/z.md: One.
        docs/a.md: Two.
";
        let got = cases(source);
        let keys: Vec<&str> = got.iter().map(|c| c.key.as_str()).collect();
        assert_eq!(keys, ["valid-1", "valid-2", "invalid-1", "across-pages"]);
        assert_eq!(got[0].documents[0].publication_date, Some(jiff::civil::date(2023, 1, 2)));
        assert_eq!(got[1].documents[0].publication_date, Some(jiff::civil::date(2024, 5, 1)));
        let paths: Vec<&str> = got[3].documents.iter().map(|d| d.path.as_str()).collect();
        assert_eq!(paths, ["docs/z.md", "docs/a.md"]);
        assert!(got[3].has_several_files() && !got[2].has_several_files());
        assert!(got[3].documents.iter().all(|d| d.publication_date == Some(jiff::civil::date(2024, 5, 1))));
    }

    #[test]
    fn a_case_date_overrides_front_matter() {
        let got =
            cases("tests:\n  valid:\n    - text: \"---\\ndate: 2020-01-01\\n---\\nA.\"\n      date: 2021-02-03\n");
        assert_eq!(got[0].documents[0].publication_date, Some(jiff::civil::date(2021, 2, 3)));
        let got = cases("tests:\n  valid:\n    - \"---\\ndate: 2020-01-01\\n---\\nA.\"\n");
        assert_eq!(got[0].documents[0].publication_date, Some(jiff::civil::date(2020, 1, 1)));
    }

    #[test]
    fn no_tests_and_empty_lists_are_fine() {
        assert!(parse_rule_file("r.yaml", "id: x\nkind: k\n").unwrap().is_none());
        assert!(parse_rule_file("r.yaml", "").unwrap().is_none());
        assert!(cases("tests:\n  valid:\n  invalid: []\n").is_empty());
    }

    #[test]
    fn unknown_keys_are_errors_with_a_position() {
        let err = error("id: x\ntests:\n  valid: []\n  invalidd: []\n");
        assert!(err.starts_with("r.yaml:4:3: "), "{err}");
        assert!(err.contains("unknown field `invalidd`"), "{err}");
        let err = error("tests:\n  invalid:\n    - text: A.\n      nmae: b\n");
        assert!(err.starts_with("r.yaml:4:7: "), "{err}");
        assert!(err.contains("unknown field `nmae`"), "{err}");
    }

    #[test]
    fn wrong_types_are_errors_with_a_position() {
        let err = error("tests:\n  valid: A text.\n");
        assert!(err.starts_with("r.yaml:2:10: "), "{err}");
        assert!(err.contains("a list of cases"), "{err}");
        let err = error("tests:\n  valid:\n    - [a, b]\n");
        assert!(err.starts_with("r.yaml:3:7: "), "{err}");
        let err = error("tests:\n  invalid:\n    - files: [a.md]\n");
        assert!(err.starts_with("r.yaml:3:14: "), "{err}");
    }

    #[test]
    fn bad_dates_are_errors_at_the_date() {
        let err = error("tests:\n  date: 2024-13-01\n  valid: [A.]\n");
        assert_eq!(err, "r.yaml:2:9: tests.date: `2024-13-01` is not a date; write it as YYYY-MM-DD");
        let err = error("tests:\n  valid:\n    - text: A.\n      date: soon\n");
        assert!(err.starts_with("r.yaml:4:13: "), "{err}");
        assert!(err.contains("`soon` is not a date"), "{err}");
    }

    #[test]
    fn malformed_cases_are_refused() {
        assert!(error("tests:\n  valid:\n    - name: a\n").contains("needs `text` or `files`"));
        assert!(error("tests:\n  valid:\n    - {text: a, files: {b.md: c}}\n").contains("not both"));
        assert!(error("tests:\n  invalid:\n    - {files: {}}\n").contains("`files` is empty"));
        assert!(
            error("tests:\n  invalid:\n    - {name: a, text: b}\n    - {name: a, text: c}\n").contains("two cases")
        );
        assert!(error("tests:\n  invalid:\n    - {name: invalid-2, text: b}\n").contains("by position"));
        assert!(error("tests:\n  invalid:\n    - {name: '', text: b}\n").contains("empty"));
        let err = error("tests:\n  valid:\n    - \"---\\ndate: someday\\n---\\nA.\"\n");
        assert!(err.starts_with("r.yaml:3:7: "), "{err}");
        assert!(err.contains("not a valid document"), "{err}");
    }

    #[test]
    fn broken_yaml_is_an_error_with_a_position() {
        // As in rule files: placed where the bracket opens, and the message says
        // where the parser gave up.
        let err = error("tests:\n  valid: [a\n");
        assert_eq!(err, "r.yaml:2:10: `[` is not closed: did not find expected ',' or ']' at line 3 column 1");
    }

    #[test]
    fn a_test_file_holds_the_mapping_at_its_top() {
        let got = parse_test_file("r.test.yaml", "invalid:\n  - A.\n").unwrap().into_cases();
        assert_eq!(got[0].key, "invalid-1");
        let err = parse_test_file("r.test.yaml", "tests:\n  invalid: [A.]\n").unwrap_err().to_string();
        assert!(err.starts_with("r.test.yaml:1:1: ") && err.contains("unknown field `tests`"), "{err}");
        assert!(parse_test_file("r.test.yaml", "# nothing yet\n").unwrap().into_cases().is_empty());
    }
}
