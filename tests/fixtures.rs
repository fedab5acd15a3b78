//! Every file in `fixtures/`: snapshots of its findings and its claims report, and a
//! check of the expectations written at its top (`expect: RULE "snippet"`).
//!
//! Each test loops over all fixtures and reports every broken one before failing.

mod common;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use factlint::Engine;
use factlint::findings::Finding;
use factlint::input::{Document, Format};

/// The fewest fixtures the directory may hold, so that no test passes on an empty one.
const MIN_FIXTURES: usize = 15;

/// One fixture file, read and parsed.
struct Fixture {
    /// The file stem, used to name snapshots: `01-trade-canonical`.
    stem: String,
    /// The path relative to the crate root with forward slashes: `fixtures/01-trade-canonical.md`.
    path: String,
    text: String,
    doc: Document,
}

fn crate_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every `*.md` and `*.txt` file in `fixtures/`, sorted by name.
fn fixture_paths() -> Vec<PathBuf> {
    let dir = crate_root().join("fixtures");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "md" || e == "txt"))
        .collect();
    paths.sort();
    paths
}

fn format_of(path: &Path) -> Format {
    if path.extension().is_some_and(|e| e == "txt") { Format::PlainText } else { Format::Markdown }
}

fn load_fixtures() -> Vec<Fixture> {
    fixture_paths()
        .into_iter()
        .map(|full| {
            let stem = full.file_stem().and_then(|s| s.to_str()).expect("UTF-8 file name").to_string();
            let name = full.file_name().and_then(|s| s.to_str()).expect("UTF-8 file name");
            let path = format!("fixtures/{name}");
            let text = std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
            let doc = Document::parse(path.clone(), text.clone(), format_of(&full))
                .unwrap_or_else(|e| panic!("cannot parse {path}: {e}"));
            Fixture { stem, path, text, doc }
        })
        .collect()
}

fn engine() -> Engine {
    Engine::builtin().expect("the built-in rules compile")
}

/// Runs `f` for every fixture, catching panics (failed snapshot assertions), and fails
/// at the end naming every fixture that failed.
fn for_each_snapshot(kind: &str, mut f: impl FnMut(&Fixture)) {
    let fixtures = load_fixtures();
    assert!(fixtures.len() >= MIN_FIXTURES, "only {} fixtures found; expected at least {MIN_FIXTURES}", fixtures.len());
    let mut failed = Vec::new();
    insta::with_settings!({snapshot_path => "snapshots", prepend_module_to_snapshot => false}, {
        for fixture in &fixtures {
            if catch_unwind(AssertUnwindSafe(|| f(fixture))).is_err() {
                failed.push(fixture.path.clone());
            }
        }
    });
    assert!(failed.is_empty(), "{kind} snapshots differ for {} fixture(s):\n  {}", failed.len(), failed.join("\n  "));
}

#[test]
fn findings_match_snapshots() {
    let engine = engine();
    for_each_snapshot("findings", |fixture| {
        let findings = engine.check(&fixture.doc);
        insta::assert_json_snapshot!(format!("findings@{}", fixture.stem), findings);
    });
}

#[test]
fn claims_reports_match_snapshots() {
    let engine = engine();
    for_each_snapshot("claims", |fixture| {
        let analysis = engine.analyse(&fixture.doc);
        let mut out: Vec<u8> = Vec::new();
        factlint::report::claims::write_json(&mut out, &fixture.doc, &analysis)
            .unwrap_or_else(|e| panic!("{}: cannot write the claims report: {e}", fixture.path));
        let text =
            String::from_utf8(out).unwrap_or_else(|e| panic!("{}: the claims report is not UTF-8: {e}", fixture.path));
        if let Err(e) = serde_json::from_str::<serde_json::Value>(&text) {
            panic!("{}: the claims report is not JSON: {e}", fixture.path);
        }
        // The text exactly as written, so that key order and layout are pinned too.
        insta::assert_snapshot!(format!("claims@{}", fixture.stem), text);
    });
}

/// One `expect: RULE "snippet"` line of a fixture's header.
#[derive(Debug)]
struct Expectation {
    rule: String,
    snippet: String,
    /// The 1-based line of the snippet in the fixture's body, if found there.
    line: Option<usize>,
}

/// Parses the `expect:` lines of a fixture's header and finds each snippet's line in
/// the body.
fn expectations(fixture: &Fixture) -> Result<Vec<Expectation>, String> {
    let (head, body_start) = common::header(&fixture.path, &fixture.text)?;
    let mut out = Vec::new();
    for raw in head.lines() {
        let Some(rest) = raw.trim().strip_prefix("expect:") else { continue };
        let rest = rest.trim();
        let (rule, quoted) = rest.split_once(char::is_whitespace).ok_or_else(|| format!("malformed line {raw:?}"))?;
        let snippet = quoted
            .trim()
            .strip_prefix('"')
            .and_then(|s| s.strip_suffix('"'))
            .ok_or_else(|| format!("malformed line {raw:?}: the snippet must be in double quotes"))?;
        let line = common::line_in_body(&fixture.text, body_start, snippet);
        out.push(Expectation { rule: rule.to_string(), snippet: snippet.to_string(), line });
    }
    Ok(out)
}

/// Whether `finding` satisfies `expectation`: same rule, and its primary span or one of
/// its related spans on the snippet's line.
fn satisfies(finding: &Finding, expectation: &Expectation) -> bool {
    let Some(line) = expectation.line else { return false };
    finding.rule == expectation.rule
        && (finding.span.line == line || finding.related.iter().any(|r| r.span.line == line))
}

/// A maximum one-to-one matching of expectations to findings (augmenting paths);
/// returns, for each finding, the expectation it is matched to.
fn match_findings(expectations: &[Expectation], findings: &[Finding]) -> Vec<Option<usize>> {
    fn augment(
        e: usize,
        expectations: &[Expectation],
        findings: &[Finding],
        seen: &mut [bool],
        owner: &mut [Option<usize>],
    ) -> bool {
        for (f, finding) in findings.iter().enumerate() {
            if seen[f] || !satisfies(finding, &expectations[e]) {
                continue;
            }
            seen[f] = true;
            if owner[f].is_none_or(|other| augment(other, expectations, findings, seen, owner)) {
                owner[f] = Some(e);
                return true;
            }
        }
        false
    }
    let mut owner = vec![None; findings.len()];
    for e in 0..expectations.len() {
        let mut seen = vec![false; findings.len()];
        augment(e, expectations, findings, &mut seen, &mut owner);
    }
    owner
}

fn describe(fixture: &Fixture, expectations: &[Expectation], findings: &[Finding], problems: &[String]) -> String {
    let mut s = format!("{}:\n", fixture.path);
    for p in problems {
        s += &format!("    problem: {p}\n");
    }
    if expectations.is_empty() {
        s += "    expected: no findings\n";
    }
    for e in expectations {
        let line = e.line.map_or("?".to_string(), |l| l.to_string());
        s += &format!("    expected: {} {:?} (line {line})\n", e.rule, e.snippet);
    }
    if findings.is_empty() {
        s += "    found: no findings\n";
    }
    for f in findings {
        let related: Vec<String> = f.related.iter().map(|r| format!("{} @ line {}", r.label, r.span.line)).collect();
        s += &format!(
            "    found: {} at line {} (related: {}): {}\n",
            f.rule,
            f.span.line,
            if related.is_empty() { "none".to_string() } else { related.join(", ") },
            f.message
        );
    }
    s
}

#[test]
fn findings_meet_fixture_expectations() {
    let engine = engine();
    let fixtures = load_fixtures();
    assert!(fixtures.len() >= MIN_FIXTURES, "only {} fixtures found; expected at least {MIN_FIXTURES}", fixtures.len());
    let mut failures = Vec::new();
    for fixture in &fixtures {
        let findings = engine.check(&fixture.doc);
        let expectations = match expectations(fixture) {
            Ok(e) => e,
            Err(problem) => {
                failures.push(describe(fixture, &[], &findings, &[problem]));
                continue;
            }
        };
        let mut problems = Vec::new();
        for e in expectations.iter().filter(|e| e.line.is_none()) {
            problems.push(format!("snippet {:?} does not occur after the header", e.snippet));
        }
        let owner = match_findings(&expectations, &findings);
        for (i, e) in expectations.iter().enumerate() {
            if e.line.is_some() && !owner.contains(&Some(i)) {
                problems.push(format!("no {} finding on line {} ({:?})", e.rule, e.line.unwrap_or(0), e.snippet));
            }
        }
        for (finding, o) in findings.iter().zip(&owner) {
            if o.is_none() {
                problems.push(format!("unexpected {} finding at line {}", finding.rule, finding.span.line));
            }
        }
        if !problems.is_empty() {
            failures.push(describe(fixture, &expectations, &findings, &problems));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} fixtures do not meet their expectations:\n\n{}",
        failures.len(),
        fixtures.len(),
        failures.join("\n")
    );
}
