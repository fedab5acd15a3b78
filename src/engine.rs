//! The engine: rules compiled once, then any number of documents checked with them.

use std::fmt;

use crate::checks::{self, CompiledRule};
use crate::claims::{Analysis, Binder};
use crate::findings::Finding;
use crate::input::Document;
use crate::rules::{RuleError, RuleSet};

/// Everything needed to check documents; build once, share across threads.
#[derive(Debug)]
pub struct Engine {
    binder: Binder,
    rules: Vec<CompiledRule>,
}

/// Why an engine could not be built.
#[derive(Debug)]
pub enum EngineError {
    Rule(RuleError),
    /// A lexicon entry made a pattern the regex engine refused.
    Lexicon(regex::Error),
}

impl fmt::Display for EngineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EngineError::Rule(e) => e.fmt(f),
            EngineError::Lexicon(e) => write!(f, "a lexicon entry makes an invalid pattern: {e}"),
        }
    }
}

impl std::error::Error for EngineError {}

impl From<RuleError> for EngineError {
    fn from(e: RuleError) -> EngineError {
        EngineError::Rule(e)
    }
}

impl Engine {
    /// The engine with the built-in rules and lexicon only.
    pub fn builtin() -> Result<Engine, EngineError> {
        Engine::new(RuleSet::builtin()?)
    }

    /// Compiles every rule of `set` and the patterns of its lexicon.
    pub fn new(set: RuleSet) -> Result<Engine, EngineError> {
        let binder = Binder::new(&set.lexicon).map_err(EngineError::Lexicon)?;
        let rules = set.rules.into_iter().map(checks::compile).collect::<Result<Vec<_>, _>>()?;
        Ok(Engine { binder, rules })
    }

    /// The compiled rules, in load order.
    pub fn rules(&self) -> &[CompiledRule] {
        &self.rules
    }

    /// What the engine reads in a document.
    pub fn analyse(&self, doc: &Document) -> Analysis {
        self.binder.analyse(doc)
    }

    /// Every finding of every rule in a document, in order of position.
    pub fn check(&self, doc: &Document) -> Vec<Finding> {
        let analysis = self.analyse(doc);
        self.check_analysed(doc, &analysis)
    }

    /// Every finding in a set of documents checked together, as one run of
    /// `factlint check` would report them: each document's findings in order of
    /// position, documents in the order given.
    pub fn check_documents(&self, docs: &[Document]) -> Vec<Finding> {
        docs.iter().flat_map(|doc| self.check(doc)).collect()
    }

    /// The findings for an analysis already made.
    pub fn check_analysed(&self, doc: &Document, analysis: &Analysis) -> Vec<Finding> {
        let mut findings: Vec<Finding> = self.rules.iter().flat_map(|r| r.run(doc, analysis)).collect();
        findings.sort_by(|a, b| (a.span.start, &a.rule).cmp(&(b.span.start, &b.rule)));
        findings
    }
}
