//! `assert`: rules written in factlint's rule language.
//!
//! Patterns and selectors bind figures to names; an assertion in interval
//! arithmetic says what must hold among them. Within each unit of the rule's scope
//! (a sentence, a paragraph, a document, or every document of a run), every
//! combination of the figures the sources bound is checked, and a finding is
//! reported only when no values the figures' rounding allows make the assertion
//! true. A rule that refers to `first.name` compares every later statement with
//! the first one instead.
//!
//! A YAML rule reads, for instance:
//!
//! ```yaml
//! id: casualty-total
//! patterns: ["{killed:count} killed and {wounded:count} wounded, {total:count} casualties"]
//! assert: total == killed + wounded
//! message: "{killed} killed and {wounded} wounded make {computed}, not {total}"
//! ```

mod bind;
mod combine;
mod figure;
mod pattern;
mod select;
#[cfg(test)]
mod tests;

use super::{Check, Hit, Kind, LocatedHit};
use crate::claims::Analysis;
use crate::input::Document;
use crate::rules::expr::{self, Expr};
use crate::rules::locate::{key_position, within_value};
use crate::rules::{RuleError, RuleSpec, Scope};
use bind::{FIELDS, MESSAGE_FIELDS};
use pattern::Pattern;
use select::CompiledSelector;

pub use combine::Gathered;

/// The `assert` kind: every rule written in the rule language.
pub const KIND: Kind = Kind { name: "assert", summary: "A rule written in the rule language", compile };

/// A compiled rule of the rule language.
#[derive(Debug)]
struct Assertion {
    scope: Scope,
    /// Every bound name; sources and bindings refer to names by index.
    names: Vec<String>,
    sources: Vec<Source>,
    condition: Option<Expr>,
    assertion: Expr,
    /// The source whose first statement `first.` refers to.
    first_source: Option<usize>,
    /// The name a finding points at, when the rule says.
    at: Option<usize>,
    /// The name whose figure an assertion is about: `at`, else the first name the
    /// assertion uses; a figure some pairing explains is never reported.
    anchor: usize,
}

/// Where figures come from: patterns binding the same names (alternatives), or
/// a selector.
#[derive(Debug)]
enum Source {
    Patterns { patterns: Vec<Pattern>, names: Vec<usize> },
    Select { selector: CompiledSelector, name: usize, previous: Option<usize> },
}

fn compile(spec: &RuleSpec) -> Result<Box<dyn Check>, RuleError> {
    let header = &spec.header;
    let error_at = |key: &str, text: &str, skip: usize, offset: usize, message: String| {
        RuleError::at(&spec.path, within_value(&spec.source, key, text, skip, offset), message)
    };
    let Some(assert_text) = &header.assert else {
        return Err(RuleError::at_key(
            &spec.path,
            &spec.source,
            "kind",
            "a rule of kind `assert` needs an `assert:` saying what must hold, e.g. `total == a + b`".into(),
        ));
    };
    let mut names: Vec<String> = Vec::new();
    let mut sources: Vec<Source> = Vec::new();
    for (key, texts) in [("patterns", &header.patterns), ("regex", &header.regex)] {
        for (i, text) in texts.iter().enumerate() {
            let skip = texts[..i].iter().filter(|t| *t == text).count();
            let compiled = if key == "patterns" { Pattern::literal(text) } else { Pattern::regex(text) };
            let pattern = compiled.map_err(|e| error_at(key, text, skip, e.offset, e.message))?;
            let mut wanted: Vec<&str> = pattern.names.iter().map(|(n, _)| n.as_str()).collect();
            wanted.sort_unstable();
            // Patterns that bind the same names are alternatives; one that shares only
            // some names with another would leave the others unbound.
            let same_group = sources.iter_mut().find_map(|source| match source {
                Source::Patterns { patterns, names: group } => {
                    let mut theirs: Vec<&str> = group.iter().map(|&n| names[n].as_str()).collect();
                    theirs.sort_unstable();
                    (theirs == wanted).then_some(patterns)
                }
                Source::Select { .. } => None,
            });
            if let Some(patterns) = same_group {
                patterns.push(pattern);
                continue;
            }
            if let Some(clash) = wanted.iter().find(|w| names.iter().any(|n| n == *w)) {
                return Err(error_at(
                    key,
                    text,
                    skip,
                    text.find(&format!("{{{clash}")).unwrap_or(0),
                    format!(
                        "`{clash}` is bound by another pattern with other placeholders; patterns that bind the same names are alternatives, so give them the same placeholders or rename this one"
                    ),
                ));
            }
            let indices = pattern.names.iter().map(|(n, _)| push_name(&mut names, n)).collect();
            sources.push(Source::Patterns { patterns: vec![pattern], names: indices });
        }
    }
    let mut previous_selector = None;
    for (i, selector) in header.select.iter().enumerate() {
        let compiled = CompiledSelector::new(selector, i)
            .map_err(|e| error_at("select", &e.near, 0, 0, format!("selector `{}`: {}", selector.name, e.message)))?;
        if names.contains(&selector.name) {
            // The repeated `name: …` line, found by its text: a short name alone
            // would be found inside other words.
            let earlier = header.select[..i].iter().filter(|s| s.name == selector.name).count();
            let line = format!("name: {}", selector.name);
            let at = crate::rules::locate::value_offset(&spec.source, "select", &line, earlier) + "name: ".len();
            return Err(RuleError::at(
                &spec.path,
                crate::rules::locate::position(&spec.source, at),
                format!("`{}` is bound twice; names must be unique", selector.name),
            ));
        }
        let name = push_name(&mut names, &selector.name);
        sources.push(Source::Select { selector: compiled, name, previous: previous_selector });
        previous_selector = Some(name);
    }
    if sources.is_empty() {
        return Err(RuleError::at_key(
            &spec.path,
            &spec.source,
            "assert",
            "the rule binds no figures; add `patterns:` (e.g. `{total:count} in all`) or `select:`".into(),
        ));
    }
    let parse = |key: &str, text: &str| -> Result<Expr, RuleError> {
        let expr = expr::parse(text).map_err(|e| error_at(key, text, 0, e.offset, e.message))?;
        for reference in expr.references() {
            let problem = check_reference(&names, &reference);
            if let Some(message) = problem {
                return Err(error_at(key, text, 0, reference.offset, message));
            }
        }
        // "2 injured" reads as 2 in the unit "injured": almost surely a missing `*`.
        if let Some((unit, offset)) = expr.literal_units().iter().find(|(u, _)| names.contains(u)) {
            let message = format!("`{unit}` after a number reads as a unit, but it is a bound name; write `* {unit}`");
            return Err(error_at(key, text, 0, *offset, message));
        }
        Ok(expr)
    };
    let assertion = parse("assert", assert_text)?;
    let condition = header.condition.as_ref().map(|w| parse("where", w)).transpose()?;
    let mut first_source = None;
    let expressions = [("assert", Some(&assertion)), ("where", condition.as_ref())];
    let references = expressions
        .iter()
        .filter_map(|(key, expr)| expr.map(|e| (*key, e)))
        .flat_map(|(key, expr)| expr.references().into_iter().map(move |r| (key, expr.text(), r)));
    for (key, text, reference) in references {
        let Some(field) = reference.field.as_deref().filter(|_| reference.name == "first") else { continue };
        let index = names.iter().position(|n| n == field).unwrap_or(0);
        let source = sources.iter().position(|s| s.binds(index)).unwrap_or(0);
        if first_source.is_some_and(|f| f != source) {
            return Err(error_at(
                key,
                text,
                0,
                reference.offset,
                "`first.` names must all come from one pattern or selector".into(),
            ));
        }
        first_source = Some(source);
    }
    let at =
        match &header.at {
            None => None,
            Some(name) => Some(names.iter().position(|n| n == name).ok_or_else(|| {
                RuleError::at(&spec.path, key_position(&spec.source, "at"), unknown_name(&names, name))
            })?),
        };
    let first_used = assertion.references().into_iter().find(|r| r.name != "first");
    let anchor =
        at.or_else(|| names.iter().position(|n| first_used.as_ref().is_some_and(|r| r.name == *n))).unwrap_or(0);
    Ok(Box::new(Assertion {
        anchor,
        scope: header.scope.unwrap_or_default(),
        names,
        sources,
        condition,
        assertion,
        first_source,
        at,
    }))
}

fn push_name(names: &mut Vec<String>, name: &str) -> usize {
    names.push(name.to_string());
    names.len() - 1
}

/// Why a reference in an assertion cannot be resolved, if it cannot.
fn check_reference(names: &[String], reference: &expr::Reference) -> Option<String> {
    let bound = |n: &str| names.iter().any(|b| b == n);
    match (reference.name.as_str(), reference.field.as_deref()) {
        ("first", Some(name)) if bound(name) => None,
        ("first", Some(name)) => Some(unknown_name(names, name)),
        ("first", None) => Some("`first` needs the name it refers to: `first.total`".into()),
        (name, _) if !bound(name) => Some(unknown_name(names, name)),
        (name, Some(field)) if !FIELDS.contains(&field) => {
            let hint = crate::rules::closest(field, FIELDS.iter().copied())
                .map_or_else(|| format!("fields are {}", FIELDS.join(", ")), |f| format!("did you mean `{f}`?"));
            Some(format!("`{name}` has no field `{field}`; {hint}"))
        }
        _ => None,
    }
}

fn unknown_name(names: &[String], name: &str) -> String {
    let hint = crate::rules::closest(name, names.iter().map(String::as_str))
        .map_or_else(|| format!("bound names are {}", names.join(", ")), |n| format!("did you mean `{n}`?"));
    format!("`{name}` is not bound by this rule's patterns or selectors; {hint}")
}

impl Source {
    fn binds(&self, name: usize) -> bool {
        match self {
            Source::Patterns { names, .. } => names.contains(&name),
            Source::Select { name: n, .. } => *n == name,
        }
    }
}

impl Check for Assertion {
    fn run(&self, doc: &Document, analysis: &Analysis) -> Vec<Hit> {
        if self.scope == Scope::Repository {
            return Vec::new();
        }
        combine::run(self, doc, analysis)
    }

    fn placeholders(&self) -> Vec<String> {
        let mut all: Vec<String> = ["expected", "computed", "left", "right"].map(String::from).to_vec();
        let first_names: Vec<&String> = match self.first_source.map(|s| &self.sources[s]) {
            Some(Source::Patterns { names, .. }) => names.iter().map(|&n| &self.names[n]).collect(),
            Some(Source::Select { name, .. }) => vec![&self.names[*name]],
            None => Vec::new(),
        };
        let prefixes = self.names.iter().cloned().chain(first_names.into_iter().map(|n| format!("first.{n}")));
        for prefix in prefixes {
            all.extend(MESSAGE_FIELDS.iter().map(|f| format!("{prefix}.{f}")));
            all.push(prefix);
        }
        all
    }

    fn gather(&self, doc: &Document, analysis: &Analysis) -> Option<Gathered> {
        (self.scope == Scope::Repository).then(|| combine::gather(self, doc, analysis))
    }

    fn compare_gathered(&self, gathered: &[Gathered]) -> Vec<LocatedHit> {
        combine::across(self, gathered)
    }
}
