//! Rules: YAML rule files — their schema, loading and validation.
//!
//! A rule file instantiates one check kind: `id`, `kind`, `severity`, `message`
//! (a template whose `{placeholders}` the kind fills in), `description`, and
//! kind-specific `params`. The built-in rules and lexicons under `rules/` are
//! embedded in the binary; `--rules DIR` adds more. Unknown fields and wrong types
//! are errors that name the file, line and column. Kind-specific parameters are
//! read by the check kind itself (see `checks`), from the same source, so that
//! their errors carry positions too.

mod error;
pub mod expr;

use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;

pub use error::RuleError;

use crate::extract::Lexicon;
use crate::findings::Severity;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_rules.rs"));
}

/// The fields every rule file has, whatever its kind.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleHeader {
    /// Unique, kebab-case: `change-mismatch`.
    pub id: String,
    /// The check kind it instantiates.
    pub kind: String,
    #[serde(default = "default_severity")]
    pub severity: Severity,
    /// The finding's message; `{name}` placeholders are filled by the kind.
    pub message: String,
    /// What the rule catches and why, for `factlint explain`.
    #[serde(default)]
    pub description: String,
    /// Kind-specific parameters, read by the kind.
    #[serde(default)]
    pub params: serde_yaml::Value,
    /// Examples the rule must and must not flag; read by `factlint test`.
    #[serde(default)]
    pub tests: Option<serde_yaml::Value>,
}

fn default_severity() -> Severity {
    Severity::Warning
}

/// One loaded rule file, not yet compiled into a check.
#[derive(Debug, Clone)]
pub struct RuleSpec {
    pub header: RuleHeader,
    /// Where it was read from (`rules/change-mismatch.yaml` for built-ins).
    pub path: String,
    /// The file's text, so that kinds can read their parameters with positions.
    pub source: String,
}

/// Every rule and the merged lexicon.
#[derive(Debug, Clone)]
pub struct RuleSet {
    pub rules: Vec<RuleSpec>,
    pub lexicon: Lexicon,
}

impl RuleSet {
    /// The built-in rules and lexicon embedded in the binary.
    pub fn builtin() -> Result<RuleSet, RuleError> {
        let mut set = RuleSet { rules: Vec::new(), lexicon: Lexicon::default() };
        for (path, source) in embedded::EMBEDDED {
            set.add_file(path, source)?;
        }
        Ok(set)
    }

    /// The built-in lexicon with no rules: the base on which `factlint test`
    /// loads the rules it tests.
    pub fn lexicon_only() -> Result<RuleSet, RuleError> {
        let mut set = RuleSet::builtin()?;
        set.rules.clear();
        Ok(set)
    }

    /// Adds every `*.yaml`/`*.yml` file under `dir`: files under a `lexicons`
    /// folder extend the lexicon, the others are rules. Rule tests (`*.test.yaml`)
    /// and `__snapshots__` folders are `factlint test`'s, and a lexicon file that is
    /// one of the embedded ones (`--rules rules/`) is not merged twice.
    pub fn add_dir(&mut self, dir: &Path) -> Result<(), RuleError> {
        if !dir.is_dir() {
            return Err(RuleError::file(
                dir.display().to_string(),
                "is not a directory; --rules takes a directory of *.yaml rule files",
            ));
        }
        let mut files = Vec::new();
        collect_yaml(dir, &mut files).map_err(|e| RuleError::file(dir.display().to_string(), e.to_string()))?;
        files.sort();
        for file in files {
            let path = file.display().to_string();
            let source = fs::read_to_string(&file).map_err(|e| RuleError::file(path.clone(), e.to_string()))?;
            self.add_file(&path, &source)?;
        }
        Ok(())
    }

    /// Adds one file's text, read as a lexicon or a rule by where it stands.
    pub fn add_file(&mut self, path: &str, source: &str) -> Result<(), RuleError> {
        let is_lexicon = Path::new(path).components().any(|c| c.as_os_str() == "lexicons");
        if is_lexicon {
            if embedded::EMBEDDED.iter().any(|(builtin, text)| *text == source && *builtin != path) {
                return Ok(());
            }
            let lexicon: Lexicon = serde_yaml::from_str(source).map_err(|e| RuleError::yaml(path, &e))?;
            self.lexicon.merge(lexicon);
            return Ok(());
        }
        // The tests section belongs to `factlint test`; everything else is the header.
        let header: RuleHeader = serde_yaml::from_str(source).map_err(|e| RuleError::yaml(path, &e))?;
        if !valid_id(&header.id) {
            return Err(RuleError::at_key(
                path,
                source,
                "id",
                format!("rule id `{}` must be kebab-case (a-z, 0-9, -)", header.id),
            ));
        }
        if self.rules.iter().any(|r| r.header.id == header.id) {
            let first = self.rules.iter().find(|r| r.header.id == header.id).map_or("", |r| r.path.as_str());
            return Err(RuleError::at_key(
                path,
                source,
                "id",
                format!("duplicate rule id `{}`: already defined in {first}", header.id),
            ));
        }
        self.rules.push(RuleSpec { header, path: path.to_string(), source: source.to_string() });
        Ok(())
    }
}

/// Whether a file name is a rule or lexicon file: `*.yaml` or `*.yml`, but not a
/// rule test (`*.test.yaml`).
pub fn is_rule_file_name(name: &str) -> bool {
    (name.ends_with(".yaml") || name.ends_with(".yml")) && !name.ends_with(".test.yaml") && !name.ends_with(".test.yml")
}

fn valid_id(id: &str) -> bool {
    !id.is_empty() && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn collect_yaml(dir: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if path.is_dir() {
            if name != "__snapshots__" {
                collect_yaml(&path, files)?;
            }
        } else if is_rule_file_name(&name) {
            files.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_rules_and_lexicon_load() {
        let set = RuleSet::builtin().expect("built-in rules load");
        assert!(set.rules.iter().any(|r| r.header.id == "change-mismatch"));
        assert!(set.lexicon.change_verbs.up.iter().any(|w| w == "rose"));
    }

    #[test]
    fn unknown_fields_are_errors_with_a_position() {
        let mut set = RuleSet { rules: Vec::new(), lexicon: Lexicon::default() };
        let err = set.add_file("r.yaml", "id: x\nkind: change-mismatch\nmesage: hi\n").unwrap_err();
        assert_eq!((err.line, err.column), (3, 1), "{err}");
        assert!(err.message.contains("unknown field `mesage`"), "{err}");
    }

    #[test]
    fn wrong_types_are_errors_with_a_position() {
        let mut set = RuleSet { rules: Vec::new(), lexicon: Lexicon::default() };
        let err = set.add_file("r.yaml", "id: x\nkind: k\nmessage: m\nseverity: loud\n").unwrap_err();
        assert_eq!(err.line, 4, "{err}");
        assert!(err.message.contains("severity") || err.message.contains("loud"), "{err}");
    }

    #[test]
    fn duplicate_and_malformed_ids_are_refused() {
        let mut set = RuleSet { rules: Vec::new(), lexicon: Lexicon::default() };
        set.add_file("a.yaml", "id: same\nkind: k\nmessage: m\n").unwrap();
        let dup = set.add_file("b.yaml", "kind: k\nid: same\nmessage: m\n").unwrap_err();
        assert_eq!((dup.path.as_str(), dup.line), ("b.yaml", 2));
        assert!(dup.message.contains("a.yaml"), "{dup}");
        let bad = set.add_file("c.yaml", "id: Bad_Id\nkind: k\nmessage: m\n").unwrap_err();
        assert!(bad.message.contains("kebab-case"), "{bad}");
    }

    #[test]
    fn lexicon_files_extend_the_lexicon() {
        let mut set = RuleSet { rules: Vec::new(), lexicon: Lexicon::default() };
        set.add_file("x/lexicons/more.yaml", "change_verbs: {up: [ballooned]}\n").unwrap();
        assert_eq!(set.lexicon.change_verbs.up, ["ballooned"]);
        assert!(set.rules.is_empty());
    }
}
