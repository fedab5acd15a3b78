//! `factlint rules` and `factlint explain`: what the loaded rules are and do.

use std::io::{self, Write};
use std::path::PathBuf;

use crate::checks::{self, KINDS};
use crate::rules::RuleSpec;

/// Lists every rule, one per line: id, kind, severity, file, summary. Loading
/// compiles every rule, so a broken one is reported as it would be by `check`.
pub fn list(dirs: &[PathBuf]) -> Result<u8, String> {
    let set = super::rule_set(dirs)?;
    crate::Engine::new(set.clone()).map_err(|e| e.to_string())?;
    let width = |f: fn(&RuleSpec) -> usize| set.rules.iter().map(f).max().unwrap_or(0);
    let id_width = width(|r| r.header.id.len());
    let kind_width = width(|r| checks::kind_name(r).map_or(0, str::len));
    let path_width = width(|r| r.path.len());
    let mut out = io::stdout().lock();
    for rule in &set.rules {
        let kind = checks::kind_name(rule).unwrap_or("");
        let line = format!(
            "{:id_width$}  {:kind_width$}  {:7}  {:path_width$}  {}",
            rule.header.id,
            kind,
            rule.header.severity.as_str(),
            rule.path,
            summary(rule)
        );
        if writeln!(out, "{}", line.trim_end()).is_err() {
            break;
        }
    }
    Ok(0)
}

/// Prints one rule's documentation: summary, kind, severity, where it is
/// defined, its description, message and parameters.
pub fn explain(id: &str, dirs: &[PathBuf]) -> Result<u8, String> {
    let set = super::rule_set(dirs)?;
    let Some(rule) = set.rules.iter().find(|r| r.header.id == id) else {
        let ids = set.rules.iter().map(|r| r.header.id.as_str());
        let hint = crate::rules::closest(id, ids)
            .map_or_else(|| "`factlint rules` lists them".to_string(), |c| format!("did you mean `{c}`?"));
        return Err(format!("no rule has the id `{id}`; {hint}"));
    };
    let header = &rule.header;
    let kind = checks::kind_name(rule).unwrap_or("");
    let mut text = format!("{}: {}\n\n", header.id, summary(rule));
    text.push_str(&format!("kind: {kind}\nseverity: {}\ndefined in: {}\n", header.severity.as_str(), rule.path));
    if let Some(scope) = header.scope {
        text.push_str(&format!("scope: {}\n", scope.as_str()));
    }
    if !header.description.trim().is_empty() {
        text.push_str(&format!("\n{}\n", header.description.trim_end()));
    }
    for pattern in header.patterns.iter().chain(&header.regex) {
        text.push_str(&format!("\npattern: {pattern}"));
    }
    for selector in &header.select {
        let yaml = serde_yaml::to_string(selector).unwrap_or_default();
        text.push_str(&format!("\nselect {}:\n{}", selector.name, indent(&yaml)));
    }
    if let Some(condition) = &header.condition {
        text.push_str(&format!("\nwhere: {condition}"));
    }
    if let Some(assert) = &header.assert {
        text.push_str(&format!("\nassert: {assert}\n"));
    }
    if let Some(at) = &header.at {
        text.push_str(&format!("at: {at}\n"));
    }
    text.push_str(&format!("\nmessage: {}\n", header.message));
    if let Some(help) = &header.help {
        text.push_str(&format!("help: {help}\n"));
    }
    let compiled = checks::compile(rule.clone()).map_err(|e| e.to_string())?;
    let placeholders: Vec<String> = compiled.placeholders().iter().map(|p| format!("{{{p}}}")).collect();
    text.push_str(&format!("placeholders: {}\n", placeholders.join(", ")));
    if let Ok(params) = serde_yaml::to_string(&header.params)
        && !header.params.is_null()
    {
        text.push_str(&format!("\nparameters:\n{}", indent(&params)));
    }
    let _ = io::stdout().lock().write_all(text.as_bytes());
    Ok(0)
}

/// The rule's summary, else its description's first line, else its kind's.
fn summary(rule: &RuleSpec) -> String {
    let header = &rule.header;
    if let Some(summary) = &header.summary {
        return summary.trim().to_string();
    }
    if let Some(first) = header.description.lines().map(str::trim).find(|l| !l.is_empty()) {
        return first.to_string();
    }
    let kind = checks::kind_name(rule).and_then(|k| KINDS.iter().find(|kind| kind.name == k));
    kind.map_or_else(String::new, |k| k.summary.to_string())
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("  {l}\n")).collect()
}
