//! Rules: YAML rule files — their schema, loading and validation.
//!
//! A rule file instantiates one check kind: `id`, `kind`, `severity`, `message`
//! (a template whose `{placeholders}` the kind fills in), `description`, and
//! kind-specific `params`. The built-in rules and lexicons under `rules/` are
//! embedded in the binary; `--rules DIR` adds more. Unknown fields and wrong types
//! are errors that name the file, line and column. Kind-specific parameters are
//! read by the check kind itself (see `checks`), from the same source, so that
//! their errors carry positions too.

mod duplicates;
mod error;
pub mod expr;
mod filters;
pub mod locate;
pub mod schema;
mod suggest;

pub use suggest::closest;

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::Deserialize;

pub use error::RuleError;

use crate::claims::{Confidence, Role};
use crate::extract::Lexicon;
use crate::findings::Severity;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_rules.rs"));
}

/// A rule file: a built-in check kind with its parameters, or a rule written in
/// factlint's rule language (patterns and selectors that bind figures to names,
/// and an assertion over them). `schemas/rule.schema.json` is generated from it.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, expecting = "a rule: a mapping with keys such as `id`, `kind` and `message`")]
pub struct RuleHeader {
    /// Unique, kebab-case: `change-mismatch`.
    pub id: String,
    /// A built-in check kind (`change-mismatch`), or `assert` (the default when the
    /// rule has an `assert:`) for a rule written in the rule language.
    #[serde(default)]
    pub kind: Option<String>,
    /// `info`, `warning` (the default) or `error`; `--fail-on` compares against it.
    #[serde(default = "default_severity")]
    pub severity: Severity,
    /// The finding's message: a template whose `{placeholders}` are checked when the
    /// rule is loaded (the names the rule binds, or the kind's values).
    pub message: String,
    /// What would reconcile the figures: a template like `message`.
    #[serde(default)]
    pub help: Option<String>,
    /// One line for `factlint rules`; the description's first line when absent.
    #[serde(default)]
    pub summary: Option<String>,
    /// What the rule catches and why, for `factlint explain`.
    #[serde(default)]
    pub description: String,
    /// A built-in kind's parameters.
    #[serde(default)]
    #[schemars(with = "Option<std::collections::BTreeMap<String, serde_json::Value>>")]
    pub params: serde_yaml::Value,
    /// Where the figures of one assertion must stand together (rule language only).
    #[serde(default)]
    pub scope: Option<Scope>,
    /// Text patterns with typed placeholders, `{killed:count} killed`; patterns that
    /// bind the same names are alternatives (rule language only).
    #[serde(default)]
    pub patterns: Vec<String>,
    /// Regular expressions (the `regex` crate's syntax, case-sensitive unless `(?i)`)
    /// that may hold typed placeholders too (rule language only).
    #[serde(default)]
    pub regex: Vec<String>,
    /// Claims picked by what they are, without patterns (rule language only).
    #[serde(default)]
    pub select: Vec<Selector>,
    /// A condition the bound figures must meet to be checked at all, such as
    /// `b.period == a.period - 1` (rule language only).
    #[serde(default, rename = "where")]
    pub condition: Option<String>,
    /// What must hold; a finding is reported only when no values the stated
    /// figures allow can make it true (rule language only).
    #[serde(default)]
    pub assert: Option<String>,
    /// The bound name a finding points at; the first figure of the failed
    /// comparison when absent (rule language only).
    #[serde(default)]
    pub at: Option<String>,
    /// Examples the rule must and must not flag; read by `factlint test`.
    #[serde(default)]
    #[schemars(with = "Option<crate::rules::schema::Tests>")]
    pub tests: Option<serde_yaml::Value>,
}

/// Where the figures of one assertion must stand together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// In one sentence.
    Sentence,
    /// In one paragraph (or heading, list item, table cell).
    Paragraph,
    /// Anywhere in one document.
    #[default]
    Document,
    /// Anywhere in the files checked together in one run.
    Repository,
}

impl Scope {
    /// The name used in rule files.
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Sentence => "sentence",
            Scope::Paragraph => "paragraph",
            Scope::Document => "document",
            Scope::Repository => "repository",
        }
    }
}

/// Picks claims by what they are: role, kind of figure, metric, unit, period.
#[derive(Debug, Clone, Deserialize, JsonSchema, serde::Serialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a selector: a mapping with `name` and what to pick (`role`, `kind`, `metric`, `unit`, `period`, `min_confidence`)"
)]
pub struct Selector {
    /// The name the picked figure is bound to in `assert`, `where` and messages.
    pub name: String,
    /// `level` binds a level ("reached $30bn", and the level a change reached:
    /// "rose 12% to $45bn"); `change` binds the size of a change ("12%").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    /// The figure's type, as in pattern placeholders (`money`, `percent`, `count`…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// What the claim measures: a name, a list of aliases, `{regex: …}`, or `same`
    /// (the metric of the selector before).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metric: Option<MetricFilter>,
    /// The figure's unit: a currency code (`USD`), a unit (`MB`) or a counted noun.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// `same`, `previous` or `next`, relative to the selector before; or a year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<PeriodFilter>,
    /// The least sure metric binding accepted: `high` or `medium` (the default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_confidence: Option<Confidence>,
}

/// What a selected claim must measure.
// Deserialized by hand in `filters`, which places errors at the value.
#[derive(Debug, Clone, JsonSchema, serde::Serialize)]
#[serde(untagged)]
pub enum MetricFilter {
    /// One name, matched the way metrics are ("trade volume" meets "bilateral
    /// trade"); `same` means the metric of the selector before.
    Name(String),
    /// Any of several names.
    Aliases(Vec<String>),
    /// A regular expression over the metric's normalised words.
    Pattern {
        /// The pattern, in the `regex` crate's syntax.
        regex: String,
    },
}

/// Which period a selected claim must be for.
// Deserialized by hand in `filters`.
#[derive(Debug, Clone, JsonSchema, serde::Serialize)]
#[serde(untagged)]
pub enum PeriodFilter {
    /// A calendar year.
    Year(i32),
    /// `same`, `previous` or `next`, relative to the selector before.
    Relation(PeriodRelation),
}

/// A period relative to the selector before's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PeriodRelation {
    Same,
    Previous,
    Next,
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

    /// Adds every `*.yaml`/`*.yml` file under `dir`, each once however many links
    /// lead to it: files under a `lexicons` folder extend the lexicon, the others
    /// are rules. Rule tests (`*.test.yaml`)
    /// and `__snapshots__` folders are `factlint test`'s, and a lexicon file that is
    /// one of the embedded ones (`--rules rules/`) is not merged twice.
    pub fn add_dir(&mut self, dir: &Path) -> Result<(), RuleError> {
        if !dir.is_dir() {
            return Err(RuleError::file(
                dir.display().to_string(),
                "is not a directory; --rules takes a directory of *.yaml rule files",
            ));
        }
        let files = collect_yaml(dir).map_err(|e| RuleError::file(dir.display().to_string(), e.to_string()))?;
        for file in files {
            let path = file.display().to_string();
            let bytes = fs::read(&file).map_err(|e| RuleError::file(path.clone(), e.to_string()))?;
            let source = locate::utf8(bytes).map_err(|(at, message)| RuleError::at(&path, at, message))?;
            // `--rules rules/` names built-in files again: the lexicons are always
            // loaded, and a built-in rule is when it is in the set already.
            let embedded = embedded::EMBEDDED.iter().any(|(_, text)| *text == source);
            let loaded = self.rules.iter().any(|r| r.source == source);
            if embedded && (loaded || Path::new(&path).components().any(|c| c.as_os_str() == "lexicons")) {
                continue;
            }
            self.add_file(&path, &source)?;
        }
        Ok(())
    }

    /// Adds one file's text, read as a lexicon or a rule by where it stands.
    pub fn add_file(&mut self, path: &str, source: &str) -> Result<(), RuleError> {
        let is_lexicon = Path::new(path).components().any(|c| c.as_os_str() == "lexicons");
        if is_lexicon {
            let lexicon: Lexicon =
                serde_yaml::from_str(source).map_err(|e| RuleError::document(path, source, &e, LEXICON_FILE))?;
            self.lexicon.merge(lexicon);
            return Ok(());
        }
        // The tests section belongs to `factlint test`; everything else is the header.
        let header: RuleHeader =
            serde_yaml::from_str(source).map_err(|e| RuleError::document(path, source, &e, RULE_FILE))?;
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

/// What a rule file holds, for one that holds something else.
const RULE_FILE: &str = "a rule file holds one rule, a mapping with keys such as `id`, `kind` and `message`";

/// What a lexicon file holds, for one that holds something else.
const LEXICON_FILE: &str = "a lexicon file holds a mapping of word lists, such as `scales` and `currencies`";

/// Whether a file name is a rule or lexicon file: `*.yaml` or `*.yml`, but not a
/// rule test (`*.test.yaml`).
pub fn is_rule_file_name(name: &str) -> bool {
    (name.ends_with(".yaml") || name.ends_with(".yml")) && !name.ends_with(".test.yaml") && !name.ends_with(".test.yml")
}

fn valid_id(id: &str) -> bool {
    !id.is_empty() && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The rule and lexicon files under `dir`, sorted, each once. Links are followed,
/// but each directory is read once, by its canonical path: a link back to a folder
/// above would otherwise be walked until the system gives up (some 40 levels),
/// loading the same rules under ever longer paths and failing as duplicate ids.
/// A folder or file reached by two paths is read under the first in sorted order.
fn collect_yaml(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let canonical = |path: &Path| fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let mut read = HashSet::from([canonical(dir)]);
    let mut files = Vec::new();
    walk_yaml(dir, &canonical, &mut read, &mut files)?;
    files.sort();
    let mut loaded = HashSet::new();
    files.retain(|file| loaded.insert(canonical(file)));
    Ok(files)
}

/// Depth-first in sorted order, so that which path a folder is read under does
/// not depend on the order the file system lists entries in.
fn walk_yaml(
    dir: &Path,
    canonical: &dyn Fn(&Path) -> PathBuf,
    read: &mut HashSet<PathBuf>,
    files: &mut Vec<PathBuf>,
) -> std::io::Result<()> {
    let mut entries = fs::read_dir(dir)?.map(|entry| entry.map(|e| e.path())).collect::<std::io::Result<Vec<_>>>()?;
    entries.sort();
    for path in entries {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if path.is_dir() {
            if name != "__snapshots__" && read.insert(canonical(&path)) {
                walk_yaml(&path, canonical, read, files)?;
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
        assert!(set.lexicon.change_verbs.up.iter().any(|w| w == "rise"));
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
