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

/// What one document contributes to the rules that compare documents: per rule,
/// the figures it binds.
#[derive(Debug, Clone, Default)]
pub struct Gathered {
    file: Option<String>,
    rules: Vec<Option<checks::Gathered>>,
}

impl Gathered {
    /// Whether the document bound no figure for any rule across documents.
    pub fn is_empty(&self) -> bool {
        self.rules.iter().all(|g| g.as_ref().is_none_or(checks::Gathered::is_empty))
    }
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

    /// Every finding of every rule in a document, in order of position; rules of
    /// `scope: repository` need [`Engine::check_gathering`].
    pub fn check(&self, doc: &Document) -> Vec<Finding> {
        let analysis = self.analyse(doc);
        self.check_analysed(doc, &analysis)
    }

    /// Whether any rule compares figures across documents.
    pub fn has_repository_rules(&self) -> bool {
        self.rules.iter().any(CompiledRule::is_repository_wide)
    }

    /// A document's findings, and what it contributes to the rules that compare
    /// documents; hand every document's [`Gathered`], in input order, to
    /// [`Engine::compare_gathered`] once all are checked.
    pub fn check_gathering(&self, doc: &Document) -> (Vec<Finding>, Gathered) {
        let analysis = self.analyse(doc);
        let findings = self.check_analysed(doc, &analysis);
        let rules = self.rules.iter().map(|r| r.gather(doc, &analysis)).collect();
        (findings, Gathered { file: Some(doc.path.clone()), rules })
    }

    /// The findings of the rules that compare documents, among everything
    /// gathered from one run's documents (in input order, so the result does not
    /// depend on which thread checked what); ordered by file, then position.
    pub fn compare_gathered(&self, gathered: &[Gathered]) -> Vec<Finding> {
        let mut findings = Vec::new();
        for (i, rule) in self.rules.iter().enumerate() {
            let of_rule: Vec<checks::Gathered> =
                gathered.iter().filter_map(|g| g.rules.get(i).cloned().flatten()).collect();
            if !of_rule.is_empty() {
                findings.extend(rule.compare_gathered(&of_rule));
            }
        }
        let order = |file: &str| gathered.iter().position(|g| g.file.as_deref() == Some(file));
        findings.sort_by(|a, b| (order(&a.file), a.span.start, &a.rule).cmp(&(order(&b.file), b.span.start, &b.rule)));
        findings
    }

    /// Every finding in a set of documents checked together, as one run of
    /// `factlint check` would report them: each document's findings in order of
    /// position, documents in the order given, then the findings across documents.
    pub fn check_documents(&self, docs: &[Document]) -> Vec<Finding> {
        let mut findings = Vec::new();
        let mut gathered = Vec::new();
        for doc in docs {
            let (found, g) = self.check_gathering(doc);
            findings.extend(found);
            gathered.push(g);
        }
        findings.extend(self.compare_gathered(&gathered));
        findings
    }

    /// The findings for an analysis already made.
    pub fn check_analysed(&self, doc: &Document, analysis: &Analysis) -> Vec<Finding> {
        let mut findings: Vec<Finding> = self.rules.iter().flat_map(|r| r.run(doc, analysis)).collect();
        findings.sort_by(|a, b| (a.span.start, &a.rule).cmp(&(b.span.start, &b.rule)));
        findings
    }
}
