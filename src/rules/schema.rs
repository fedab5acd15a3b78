//! The JSON Schema of rule files, generated from the Rust types that read them,
//! so that editors can validate and complete rule YAML. The committed copy in
//! `schemas/rule.schema.json` is checked by a test to be current; regenerate it
//! with `FACTLINT_UPDATE_SCHEMA=1 cargo test rule_schema_is_current`.

use std::collections::BTreeMap;

use schemars::JsonSchema;

use super::RuleHeader;

/// The `tests:` section of a rule file, or the whole of a sibling `*.test.yaml`.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // Describes the format for the schema; `factlint test` reads it.
pub struct Tests {
    /// The publication date of every case, YYYY-MM-DD.
    date: Option<String>,
    /// Texts that must produce no finding of the rule.
    #[serde(default)]
    valid: Vec<TestCase>,
    /// Texts that must produce findings of the rule, pinned by snapshots.
    #[serde(default)]
    invalid: Vec<TestCase>,
}

/// One example: a Markdown text, or a mapping that names it, dates it, or holds
/// several files checked in one run.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
pub enum TestCase {
    /// The Markdown text of one document.
    Text(String),
    /// A named or dated case, or one of several files.
    Case(NamedCase),
}

/// A test case with options.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub struct NamedCase {
    /// The snapshot key; `invalid-N` when absent.
    name: Option<String>,
    /// The Markdown text of one document.
    text: Option<String>,
    /// Several documents checked together (for `scope: repository`): path → text.
    files: Option<BTreeMap<String, String>>,
    /// The publication date, YYYY-MM-DD.
    date: Option<String>,
}

/// The schema of a rule file, as pretty JSON with a trailing newline.
pub fn rule_schema_json() -> String {
    let schema = schemars::schema_for!(RuleHeader);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_schema_is_current() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/schemas/rule.schema.json");
        let current = rule_schema_json();
        if std::env::var_os("FACTLINT_UPDATE_SCHEMA").is_some() {
            std::fs::write(path, &current).expect("write the schema");
        }
        let committed = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            committed == current,
            "schemas/rule.schema.json is stale; run FACTLINT_UPDATE_SCHEMA=1 cargo test rule_schema_is_current"
        );
    }

    #[test]
    fn schema_names_every_rule_key_and_refuses_others() {
        let schema: serde_json::Value = serde_json::from_str(&rule_schema_json()).unwrap();
        let properties = schema["properties"].as_object().expect("properties");
        for key in ["id", "kind", "severity", "message", "patterns", "select", "where", "assert", "scope", "tests"] {
            assert!(properties.contains_key(key), "missing {key}");
        }
        assert_eq!(schema["additionalProperties"], serde_json::Value::Bool(false));
        assert_eq!(schema["required"], serde_json::json!(["id", "message"]));
    }
}
