//! Checks: the kinds of inconsistency factlint knows, one file each.
//!
//! A check kind reads its parameters from a rule file and, given a document's
//! claims, reports [`Hit`]s: the ranges involved, the values its message template
//! may use, and a help line. This module compiles rule specs into checks and turns
//! hits into findings; adding a kind is one file plus one line in [`KINDS`].

mod change_mismatch;
pub mod describe;

use std::collections::BTreeMap;
use std::ops::Range;

use serde::de::DeserializeOwned;

use crate::claims::Analysis;
use crate::findings::{Finding, Related};
use crate::input::Document;
use crate::rules::{RuleError, RuleSpec};

/// What a check found, before the rule's message template is applied.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// The inconsistent figure, in prose offsets.
    pub primary: Range<usize>,
    pub label: String,
    /// Figures it was checked against, labelled.
    pub related: Vec<(String, Range<usize>)>,
    /// Values for the message template's placeholders.
    pub values: BTreeMap<&'static str, String>,
    pub help: Option<String>,
}

/// A compiled check: a kind with its parameters.
pub trait Check: Send + Sync + std::fmt::Debug {
    /// Every inconsistency of this kind in one document.
    fn run(&self, doc: &Document, analysis: &Analysis) -> Vec<Hit>;
}

/// A check kind: its name, the placeholders its messages may use, and how to
/// read its parameters.
pub struct Kind {
    pub name: &'static str,
    pub placeholders: &'static [&'static str],
    pub compile: fn(&RuleSpec) -> Result<Box<dyn Check>, RuleError>,
}

/// Every check kind, by name.
pub const KINDS: &[Kind] = &[change_mismatch::KIND];

/// A rule compiled into a check, ready to run.
#[derive(Debug)]
pub struct CompiledRule {
    pub spec: RuleSpec,
    check: Box<dyn Check>,
}

/// Compiles a rule: finds its kind, reads its parameters, checks its template.
pub fn compile(spec: RuleSpec) -> Result<CompiledRule, RuleError> {
    let Some(kind) = KINDS.iter().find(|k| k.name == spec.header.kind) else {
        let known: Vec<&str> = KINDS.iter().map(|k| k.name).collect();
        return Err(RuleError::at_key(
            &spec.path,
            &spec.source,
            "kind",
            format!("unknown check kind `{}`; known kinds: {}", spec.header.kind, known.join(", ")),
        ));
    };
    for name in placeholders(&spec.header.message) {
        if !kind.placeholders.contains(&name) {
            return Err(RuleError::at_key(
                &spec.path,
                &spec.source,
                "message",
                format!(
                    "placeholder `{{{name}}}` is not defined by kind `{}`; it defines: {}",
                    kind.name,
                    kind.placeholders.join(", ")
                ),
            ));
        }
    }
    let check = (kind.compile)(&spec)?;
    Ok(CompiledRule { spec, check })
}

/// Reads a kind's parameters from the rule's `params:` with positions in the file.
pub fn read_params<P: DeserializeOwned + Default>(spec: &RuleSpec) -> Result<P, RuleError> {
    #[derive(serde::Deserialize)]
    struct WithParams<P> {
        #[serde(default)]
        params: Option<P>,
    }
    // Re-reading the whole file keeps serde_yaml's line and column for errors
    // inside `params`; the header fields were validated already.
    let parsed: WithParams<P> = serde_yaml::from_str(&spec.source).map_err(|e| RuleError::yaml(&spec.path, &e))?;
    Ok(parsed.params.unwrap_or_default())
}

impl CompiledRule {
    /// Runs the check on one document and renders its findings.
    pub fn run(&self, doc: &Document, analysis: &Analysis) -> Vec<Finding> {
        let header = &self.spec.header;
        self.check
            .run(doc, analysis)
            .into_iter()
            .map(|hit| Finding {
                rule: header.id.clone(),
                severity: header.severity,
                message: fill(&header.message, &hit.values),
                file: doc.path.clone(),
                span: doc.span(hit.primary.clone()),
                label: hit.label,
                related: hit.related.into_iter().map(|(label, r)| Related { label, span: doc.span(r) }).collect(),
                help: hit.help,
            })
            .collect()
    }
}

/// The `{name}` placeholders of a template; `{{` and `}}` are literal braces.
fn placeholders(template: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        if rest[open..].starts_with("{{") {
            rest = &rest[open + 2..];
            continue;
        }
        let Some(close) = rest[open..].find('}') else { break };
        names.push(&rest[open + 1..open + close]);
        rest = &rest[open + close + 1..];
    }
    names
}

/// Fills a template's placeholders.
fn fill(template: &str, values: &BTreeMap<&'static str, String>) -> String {
    let mut out = template.to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out.replace("{{", "{").replace("}}", "}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_found_and_braces_escape() {
        assert_eq!(placeholders("{a} and {b} but not {{c}}"), ["a", "b"]);
        let values = BTreeMap::from([("a", "1".to_string())]);
        assert_eq!(fill("{a} {{x}}", &values), "1 {x}");
    }

    fn spec(source: &str) -> RuleSpec {
        let header = serde_yaml::from_str(source).unwrap();
        RuleSpec { header, path: "r.yaml".into(), source: source.into() }
    }

    #[test]
    fn unknown_kinds_and_placeholders_are_refused_at_their_line() {
        let err = compile(spec("id: a\nkind: nope\nmessage: m\n")).unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.message.contains("change-mismatch"), "{err}");
        let err = compile(spec("id: a\nkind: change-mismatch\nmessage: '{nope}'\n")).unwrap_err();
        assert_eq!(err.line, 3);
        assert!(err.message.contains("`{nope}`"), "{err}");
    }

    #[test]
    fn bad_params_are_refused_with_a_position() {
        let err = compile(spec("id: a\nkind: change-mismatch\nmessage: m\nparams:\n  scope: galaxy\n")).unwrap_err();
        assert_eq!(err.line, 5, "{err}");
        let err = compile(spec("id: a\nkind: change-mismatch\nmessage: m\nparams:\n  tolerence: 1\n")).unwrap_err();
        assert!(err.message.contains("unknown field `tolerence`"), "{err}");
    }
}
