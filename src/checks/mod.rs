//! Checks: the kinds of inconsistency factlint knows, one file each.
//!
//! A check kind reads its parameters from a rule file and, given a document's
//! claims, reports [`Hit`]s: the ranges involved, the values its message template
//! may use, and the arithmetic behind them. This module compiles rule specs into
//! checks and turns hits into findings; adding a kind is one file plus one line in
//! [`KINDS`]. Rules of `scope: repository` compare figures across documents: each
//! document's figures are [`Gathered`] as it is checked, and compared once all are.

mod age_mismatch;
mod assertion;
mod change_mismatch;
pub mod describe;
mod direction_mismatch;
mod elapsed_mismatch;
mod points_vs_percent;
mod share_mismatch;
mod temporal;
#[cfg(test)]
mod testing;
mod weekday_mismatch;

use std::collections::BTreeMap;
use std::ops::Range;

use serde::de::DeserializeOwned;

use crate::claims::Analysis;
use crate::findings::{Finding, Related};
use crate::input::{Document, Span};
use crate::rules::{RuleError, RuleSpec};

/// What a check found, before the rule's message template is applied.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// The inconsistent figure, in prose offsets.
    pub primary: Range<usize>,
    pub label: String,
    /// Figures it was checked against, labelled.
    pub related: Vec<(String, Range<usize>)>,
    /// Values for the message and help templates' placeholders.
    pub values: BTreeMap<String, String>,
    /// The kind's own help line, used when the rule has no `help:` template.
    pub help: Option<String>,
    /// The arithmetic that proves it, a line per step, for `check --explain`.
    pub explain: Vec<String>,
}

/// A compiled check: a kind with its parameters.
pub trait Check: Send + Sync + std::fmt::Debug {
    /// Every inconsistency of this kind in one document.
    fn run(&self, doc: &Document, analysis: &Analysis) -> Vec<Hit>;

    /// The placeholders its message and help templates may use.
    fn placeholders(&self) -> Vec<String>;

    /// For checks across documents: what one document contributes.
    fn gather(&self, _doc: &Document, _analysis: &Analysis) -> Option<Gathered> {
        None
    }

    /// For checks across documents: the findings among everything gathered, in
    /// the order the documents were given.
    fn compare_gathered(&self, _gathered: &[Gathered]) -> Vec<LocatedHit> {
        Vec::new()
    }
}

pub use assertion::Gathered;

/// A hit with its spans resolved in its file: what checks across documents
/// report (the documents may be gone by the time it is found), and what every
/// hit becomes before the rule's templates make it a finding.
#[derive(Debug, Clone, PartialEq)]
pub struct LocatedHit {
    /// The display path of the file the inconsistent figure is in.
    pub file: String,
    /// The inconsistent figure.
    pub span: Span,
    /// The label under it.
    pub label: String,
    /// Figures it was checked against, in the same file.
    pub related: Vec<Related>,
    /// Values for the message and help templates' placeholders.
    pub values: BTreeMap<String, String>,
    /// The arithmetic that proves it, for `check --explain`.
    pub explain: Vec<String>,
}

/// A check kind: its name, what it finds, and how to read its parameters.
pub struct Kind {
    /// The name rule files give in `kind:`.
    pub name: &'static str,
    /// One line for `factlint rules` when the rule has no summary of its own.
    pub summary: &'static str,
    /// Reads a rule's parameters (with positions for errors) into a check.
    pub compile: fn(&RuleSpec) -> Result<Box<dyn Check>, RuleError>,
}

/// Every check kind, by name.
pub const KINDS: &[Kind] = &[
    change_mismatch::KIND,
    direction_mismatch::KIND,
    points_vs_percent::KIND,
    share_mismatch::KIND,
    weekday_mismatch::KIND,
    age_mismatch::KIND,
    elapsed_mismatch::KIND,
    assertion::KIND,
];

/// A rule compiled into a check, ready to run.
#[derive(Debug)]
pub struct CompiledRule {
    pub spec: RuleSpec,
    check: Box<dyn Check>,
}

/// The kind a rule instantiates: its `kind:`, else `assert` for a rule with an
/// assertion.
pub fn kind_name(spec: &RuleSpec) -> Option<&str> {
    spec.header.kind.as_deref().or(spec.header.assert.as_ref().map(|_| assertion::KIND.name))
}

/// Compiles a rule: finds its kind, reads its parameters, checks its templates.
pub fn compile(spec: RuleSpec) -> Result<CompiledRule, RuleError> {
    let known = || KINDS.iter().map(|k| format!("`{}`", k.name)).collect::<Vec<_>>().join(", ");
    let Some(name) = kind_name(&spec) else {
        return Err(RuleError::at_key(
            &spec.path,
            &spec.source,
            "id",
            format!(
                "rule `{}` has neither `kind:` nor `assert:`; name a kind ({}) or write an assertion",
                spec.header.id,
                known()
            ),
        ));
    };
    let Some(kind) = KINDS.iter().find(|k| k.name == name) else {
        let hint = crate::rules::closest(name, KINDS.iter().map(|k| k.name))
            .map_or_else(|| format!("known kinds: {}", known()), |k| format!("did you mean `{k}`?"));
        return Err(RuleError::at_key(
            &spec.path,
            &spec.source,
            "kind",
            format!("unknown check kind `{name}`; {hint}"),
        ));
    };
    if kind.name != assertion::KIND.name {
        let h = &spec.header;
        let language = [
            ("scope", h.scope.is_some()),
            ("patterns", !h.patterns.is_empty()),
            ("regex", !h.regex.is_empty()),
            ("select", !h.select.is_empty()),
            ("where", h.condition.is_some()),
            ("assert", h.assert.is_some()),
            ("at", h.at.is_some()),
        ];
        if let Some((key, _)) = language.iter().find(|(_, set)| *set) {
            return Err(RuleError::at_key(
                &spec.path,
                &spec.source,
                key,
                format!(
                    "`{key}` belongs to rules written in the rule language; kind `{}` takes its settings under `params:`",
                    kind.name
                ),
            ));
        }
    }
    let check = (kind.compile)(&spec)?;
    let defined = check.placeholders();
    for key in ["message", "help"] {
        let template = if key == "message" { Some(&spec.header.message) } else { spec.header.help.as_ref() };
        let Some(template) = template else { continue };
        if let Some(name) = placeholders(template).into_iter().find(|n| !defined.iter().any(|d| d == n)) {
            let at = template.find(&format!("{{{name}}}")).unwrap_or(0);
            let hint = match crate::rules::closest(name, defined.iter().map(String::as_str)) {
                Some(close) => format!("did you mean `{{{close}}}`?"),
                None => {
                    format!("it defines: {}", defined.iter().map(|d| format!("{{{d}}}")).collect::<Vec<_>>().join(", "))
                }
            };
            return Err(RuleError::at(
                &spec.path,
                crate::rules::locate::within_value(&spec.source, key, template, 0, at),
                format!("placeholder `{{{name}}}` is not defined by this rule; {hint}"),
            ));
        }
    }
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
    let parsed: WithParams<P> =
        serde_yaml::from_str(&spec.source).map_err(|e| RuleError::yaml(&spec.path, &spec.source, &e))?;
    Ok(parsed.params.unwrap_or_default())
}

impl CompiledRule {
    /// Runs the check on one document and renders its findings.
    pub fn run(&self, doc: &Document, analysis: &Analysis) -> Vec<Finding> {
        self.check
            .run(doc, analysis)
            .into_iter()
            .map(|hit| {
                let located = LocatedHit {
                    file: doc.path.clone(),
                    span: doc.span(hit.primary),
                    label: hit.label,
                    related: hit.related.into_iter().map(|(label, r)| Related { label, span: doc.span(r) }).collect(),
                    values: hit.values,
                    explain: hit.explain,
                };
                self.finding(located, hit.help)
            })
            .collect()
    }

    /// A hit rendered with the rule's templates; `help` is the kind's own help
    /// line, used when the rule has no `help:`.
    fn finding(&self, hit: LocatedHit, help: Option<String>) -> Finding {
        let header = &self.spec.header;
        Finding {
            rule: header.id.clone(),
            severity: header.severity,
            message: fill(&header.message, &hit.values),
            file: hit.file,
            span: hit.span,
            label: hit.label,
            related: hit.related,
            help: header.help.as_ref().map(|h| fill(h, &hit.values)).or(help),
            explain: hit.explain,
        }
    }

    /// The placeholders the rule's message and help may use.
    pub fn placeholders(&self) -> Vec<String> {
        self.check.placeholders()
    }

    /// Whether the rule compares figures across documents.
    pub fn is_repository_wide(&self) -> bool {
        self.spec.header.scope == Some(crate::rules::Scope::Repository)
    }

    /// What one document contributes to a check across documents.
    pub fn gather(&self, doc: &Document, analysis: &Analysis) -> Option<Gathered> {
        self.check.gather(doc, analysis)
    }

    /// The findings among everything gathered from the documents of one run.
    pub fn compare_gathered(&self, gathered: &[Gathered]) -> Vec<Finding> {
        self.check.compare_gathered(gathered).into_iter().map(|hit| self.finding(hit, None)).collect()
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

/// Fills a template's placeholders in one pass; `{{` and `}}` are literal braces.
fn fill(template: &str, values: &BTreeMap<String, String>) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find(['{', '}']) {
        out.push_str(&rest[..open]);
        let tail = &rest[open..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push_str(&tail[..1]);
            rest = &tail[2..];
        } else if let Some(close) = tail.find('}').filter(|_| tail.starts_with('{')) {
            out.push_str(values.get(&tail[1..close]).map_or("", String::as_str));
            rest = &tail[close + 1..];
        } else {
            out.push_str(&tail[..1]);
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_found_and_braces_escape() {
        assert_eq!(placeholders("{a} and {b} but not {{c}}"), ["a", "b"]);
        let values = BTreeMap::from([("a".to_string(), "1".to_string())]);
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
        assert!(err.message.contains("it defines: {explanation}, {stated_change}"), "{err}");
    }

    #[test]
    fn a_mistyped_placeholder_is_named_and_placed_inside_the_template() {
        let source = "id: a\nkind: change-mismatch\nmessage: \"a \\\"quoted\\\" {expectd}\"\n";
        let err = compile(spec(source)).unwrap_err();
        assert_eq!((err.line, err.column), (3, 24), "{err}");
        assert_eq!(err.message, "placeholder `{expectd}` is not defined by this rule; did you mean `{expected}`?");
    }

    #[test]
    fn bad_params_are_refused_with_a_position() {
        let err = compile(spec("id: a\nkind: change-mismatch\nmessage: m\nparams:\n  scope: galaxy\n")).unwrap_err();
        assert_eq!(err.line, 5, "{err}");
        let err = compile(spec("id: a\nkind: change-mismatch\nmessage: m\nparams:\n  tolerence: 1\n")).unwrap_err();
        assert!(err.message.contains("unknown field `tolerence`"), "{err}");
    }
}
