//! Running rule tests: load the rules, check every case with an engine that
//! holds only its own rule, compare with the snapshots, and (with `--update`)
//! rewrite them.
//!
//! Everything that can be broken (a rule, a test section, a snapshot file) is
//! read and compiled before any case runs, so a broken file stops the run with
//! one error and no half-written output or snapshots.

use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use similar::TextDiff;

use super::TestError;
use super::cases::{self, Case, Expectation};
use super::snapshot::{self, SNAPSHOT_DIR, SNAPSHOT_SUFFIX, SnapshotFile};
use crate::Engine;
use crate::rules::{RuleSet, RuleSpec};

/// What `factlint test` is asked to do beyond checking.
#[derive(Debug, Clone, Copy, Default)]
pub struct TestOptions {
    /// Write the snapshots of invalid cases that produce findings, and prune
    /// entries whose case or rule is gone.
    pub update: bool,
}

/// How one case fared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// As expected: a valid case was silent, or an invalid one matched its snapshot.
    Validated,
    /// An invalid case's snapshot was written or rewritten (`--update` only).
    Updated,
    /// An invalid case's findings differ from its snapshot.
    Changed,
    /// An invalid case produced findings but has no snapshot yet.
    Unsnapshotted,
    /// An invalid case produced no finding.
    Missing,
    /// A valid case produced a finding.
    Noisy,
}

impl Outcome {
    /// The outcome's name in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Validated => "validated",
            Outcome::Updated => "updated",
            Outcome::Changed => "changed",
            Outcome::Unsnapshotted => "unsnapshotted",
            Outcome::Missing => "missing",
            Outcome::Noisy => "noisy",
        }
    }

    /// Whether the outcome makes the run fail.
    pub fn is_failure(self) -> bool {
        !matches!(self, Outcome::Validated | Outcome::Updated)
    }
}

/// One case's outcome and what a person needs to see about it.
#[derive(Debug, Clone)]
pub struct CaseResult {
    /// The rule's id.
    pub rule: String,
    /// The case's key: its name, or `valid-N` / `invalid-N`.
    pub case: String,
    pub outcome: Outcome,
    /// Shown below the case's line: a diff, the findings, or nothing.
    pub detail: String,
}

/// A snapshot entry whose rule or case no longer exists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaleEntry {
    /// The snapshot file holding it.
    pub file: String,
    /// The rule id it is filed under (empty for a whole stale file).
    pub rule: String,
    /// `None` when the whole file's rule file is gone.
    pub case: Option<String>,
}

/// Everything a run found out.
#[derive(Debug, Clone, Default)]
pub struct RunReport {
    /// Every case's outcome, rule by rule in load order, valid cases first.
    pub results: Vec<CaseResult>,
    /// Rules without tests: id and rule file.
    pub untested: Vec<(String, String)>,
    /// Stale snapshot entries: pruned when `updated`, else only reported.
    pub stale: Vec<StaleEntry>,
    /// Whether the run rewrote snapshots.
    pub updated: bool,
}

impl RunReport {
    /// Whether any case failed.
    pub fn has_failures(&self) -> bool {
        self.results.iter().any(|r| r.outcome.is_failure())
    }
}

/// A rule ready to be tested.
struct Prepared {
    spec: RuleSpec,
    engine: Engine,
    cases: Vec<Case>,
    snapshot_path: PathBuf,
}

/// The snapshots of one rule file (or of two sharing a stem) as read, and the
/// entries the current tests still have.
struct SnapshotState {
    /// Rule file names, for the header comment.
    rule_files: BTreeSet<String>,
    file: SnapshotFile,
    live: BTreeSet<(String, String)>,
}

/// Loads the rules in `dirs` on top of the built-in lexicon and runs their tests.
pub fn run(dirs: &[PathBuf], options: TestOptions) -> Result<RunReport, TestError> {
    let mut set = RuleSet::lexicon_only().map_err(TestError::from_rule)?;
    for dir in dirs {
        if !dir.is_dir() {
            return Err(TestError::file(dir.display().to_string(), "is not a directory of rule files"));
        }
        set.add_dir(dir).map_err(TestError::from_rule)?;
    }
    // Every rule must compile, tested or not: `factlint test` vouches for the folder.
    Engine::new(set.clone()).map_err(TestError::from_rule)?;

    let mut report = RunReport { updated: options.update, ..RunReport::default() };
    let mut prepared = Vec::new();
    let mut snapshots: BTreeMap<PathBuf, SnapshotState> = BTreeMap::new();
    for spec in &set.rules {
        let snapshot_path = snapshot::snapshot_path(Path::new(&spec.path));
        let state = match snapshots.entry(snapshot_path.clone()) {
            Entry::Occupied(known) => known.into_mut(),
            Entry::Vacant(new) => {
                let file = SnapshotFile::read(new.key())?;
                new.insert(SnapshotState { rule_files: BTreeSet::new(), file, live: BTreeSet::new() })
            }
        };
        state.rule_files.insert(file_name(Path::new(&spec.path)));
        let Some(tests) = cases::read_rule_tests(&spec.path, &spec.source)? else {
            report.untested.push((spec.header.id.clone(), spec.path.clone()));
            continue;
        };
        for case in tests.cases.iter().filter(|c| c.expectation == Expectation::Invalid) {
            state.live.insert((spec.header.id.clone(), case.key.clone()));
        }
        let mut only_this_rule = set.clone();
        only_this_rule.rules = vec![spec.clone()];
        let engine = Engine::new(only_this_rule).map_err(TestError::from_rule)?;
        prepared.push(Prepared { spec: spec.clone(), engine, cases: tests.cases, snapshot_path });
    }
    let orphans = orphan_snapshot_files(dirs, &snapshots)?;

    for rule in &prepared {
        // Every rule's snapshot file was read above; a rule without one has no entries.
        let mut none = SnapshotFile::default();
        let snapshots = snapshots.get_mut(&rule.snapshot_path).map_or(&mut none, |state| &mut state.file);
        for case in &rule.cases {
            report.results.push(run_case(rule, case, snapshots, options));
        }
    }

    for (path, state) in &mut snapshots {
        let display = path.display().to_string();
        let live = &state.live;
        let mut file = state.file.clone();
        let dropped = file.prune(|rule, case| live.contains(&(rule.to_string(), case.to_string())));
        report.stale.extend(dropped.into_iter().map(|(rule, case)| StaleEntry {
            file: display.clone(),
            rule,
            case: Some(case),
        }));
        if options.update {
            let names: Vec<&str> = state.rule_files.iter().map(String::as_str).collect();
            file.save(path, &names.join(", "))?;
        }
    }
    for orphan in orphans {
        let display = orphan.display().to_string();
        if options.update {
            fs::remove_file(&orphan).map_err(|e| TestError::file(&display, format!("cannot delete: {e}")))?;
            if let Some(dir) = orphan.parent() {
                // Only an emptied folder goes.
                let _ = fs::remove_dir(dir);
            }
        }
        report.stale.push(StaleEntry { file: display, rule: String::new(), case: None });
    }
    Ok(report)
}

/// Checks one case and compares it with what is expected of it.
fn run_case(rule: &Prepared, case: &Case, snapshots: &mut SnapshotFile, options: TestOptions) -> CaseResult {
    let id = &rule.spec.header.id;
    let findings: Vec<_> = rule.engine.check_documents(&case.documents).into_iter().filter(|f| &f.rule == id).collect();
    let entry = snapshot::findings_entry(&findings, &case.documents, case.has_several_files());
    let actual = snapshot::render_entry(&entry);
    let (outcome, detail) = match case.expectation {
        Expectation::Valid if findings.is_empty() => (Outcome::Validated, String::new()),
        Expectation::Valid => {
            (Outcome::Noisy, format!("a valid case must produce no finding, but it produced:\n{actual}"))
        }
        Expectation::Invalid if findings.is_empty() => {
            (Outcome::Missing, "an invalid case must produce a finding, but it produced none".to_string())
        }
        Expectation::Invalid => {
            let expected = snapshots.entry(id, &case.key).map(snapshot::render_entry);
            match expected {
                Some(expected) if expected == actual => (Outcome::Validated, String::new()),
                _ if options.update => {
                    snapshots.set_entry(id, &case.key, entry);
                    (Outcome::Updated, String::new())
                }
                Some(expected) => {
                    let diff = TextDiff::from_lines(&expected, &actual);
                    let unified = diff.unified_diff().header("snapshot", "actual").to_string();
                    let detail = format!(
                        "the findings differ from the snapshot; if the new ones are right, run `factlint test --update`\n{unified}"
                    );
                    (Outcome::Changed, detail)
                }
                None => (
                    Outcome::Unsnapshotted,
                    format!(
                        "no snapshot yet; check these findings, then run `factlint test --update` to pin them:\n{actual}"
                    ),
                ),
            }
        }
    };
    CaseResult { rule: id.clone(), case: case.key.clone(), outcome, detail }
}

/// Snapshot files under `dirs` that belong to no loaded rule file: their rule
/// file was deleted or renamed.
fn orphan_snapshot_files(
    dirs: &[PathBuf],
    known: &BTreeMap<PathBuf, SnapshotState>,
) -> Result<Vec<PathBuf>, TestError> {
    let mut found = Vec::new();
    for dir in dirs {
        collect_snapshot_files(dir, &mut found)
            .map_err(|e| TestError::file(dir.display().to_string(), format!("cannot read: {e}")))?;
    }
    found.sort();
    found.dedup();
    Ok(found.into_iter().filter(|path| !known.contains_key(path)).collect())
}

fn collect_snapshot_files(dir: &Path, found: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        // Symbolic links are not followed, so a link loop cannot recurse forever.
        if !entry.file_type()?.is_dir() {
            continue;
        }
        let path = entry.path();
        if path.file_name().is_some_and(|n| n == SNAPSHOT_DIR) {
            for snap in fs::read_dir(&path)? {
                let snap = snap?.path();
                if snap.is_file() && file_name(&snap).ends_with(SNAPSHOT_SUFFIX) {
                    found.push(snap);
                }
            }
        } else {
            collect_snapshot_files(&path, found)?;
        }
    }
    Ok(())
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}
