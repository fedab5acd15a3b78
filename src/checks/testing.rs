//! Helpers for the check kinds' unit tests: run one rule, or the built-in rules,
//! on a short text and collect the messages.

use crate::Engine;
use crate::input::{Document, Format};
use crate::rules::RuleSet;

/// The messages the rule in `rule_file` (a rule file's text) reports on `text`.
pub fn rule_messages(rule_file: &str, text: &str) -> Vec<String> {
    let mut set = RuleSet::lexicon_only().expect("the lexicon loads");
    set.add_file("test.yaml", rule_file).expect("the test rule loads");
    let engine = Engine::new(set).expect("the test rule compiles");
    let doc = Document::parse("a.md", text.to_string(), Format::Markdown).expect("test text parses");
    engine.check(&doc).into_iter().map(|f| f.message).collect()
}

/// The messages of built-in rule `rule` on `text`, published on `date` when given.
pub fn builtin_messages(rule: &str, date: Option<&str>, text: &str) -> Vec<String> {
    let source = match date {
        Some(d) => format!("---\ndate: {d}\n---\n\n{text}\n"),
        None => format!("{text}\n"),
    };
    let engine = Engine::builtin().expect("built-in rules compile");
    let doc = Document::parse("t.md", source, Format::Markdown).expect("test text parses");
    engine.check(&doc).into_iter().filter(|f| f.rule == rule).map(|f| f.message).collect()
}
