//! `factlint test` end to end: a copy of the built-in change-mismatch rule with
//! a tests section, in a temporary folder, through every outcome a rule author
//! meets: no snapshot yet, `--update`, a clean rerun, a snapshot edited by hand,
//! missing and noisy cases, a broken test section, and stale entries pruned.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Figures that agree: 30 × 1.10 = 33.
const CONSISTENT: &str = "Exports rose 10% to $33 billion in 2022 from $30 billion in 2021.";
/// Figures that do not: 30 × 1.12 = 33.6, not 45.
const INCONSISTENT: &str = "Exports rose 12% to $45 billion in 2022 from $30 billion in 2021.";

/// A rule folder in a fresh temporary directory, unique to this process and call.
struct Workspace {
    root: PathBuf,
}

impl Workspace {
    /// `rules/change-mismatch.yaml` holds the built-in rule without its own tests,
    /// followed by `tests`.
    fn new(tag: &str, tests: &str) -> Workspace {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        let root = std::env::temp_dir().join(format!("factlint-ruletest-{tag}-{}-{n}-{nanos}", std::process::id()));
        fs::create_dir_all(root.join("rules")).expect("create a temp dir");
        let workspace = Workspace { root };
        workspace.write_rule(tests);
        workspace
    }

    /// Rewrites the rule file with a new tests section.
    fn write_rule(&self, tests: &str) {
        fs::write(self.rule_file(), format!("{}{tests}", rule_without_tests())).expect("write the rule");
    }

    fn rule_file(&self) -> PathBuf {
        self.root.join("rules/change-mismatch.yaml")
    }

    fn snapshot_file(&self) -> PathBuf {
        self.root.join("rules/__snapshots__/change-mismatch.snap.yaml")
    }

    fn snapshot(&self) -> String {
        fs::read_to_string(self.snapshot_file()).expect("the snapshot file exists")
    }

    /// Runs `factlint test ARGS...` in the workspace; returns (exit code, stdout, stderr).
    fn run(&self, args: &[&str]) -> (i32, String, String) {
        let output = Command::new(env!("CARGO_BIN_EXE_factlint"))
            .arg("test")
            .args(args)
            .current_dir(&self.root)
            .output()
            .expect("the binary runs");
        let stdout = String::from_utf8(output.stdout).expect("UTF-8 stdout");
        let stderr = String::from_utf8(output.stderr).expect("UTF-8 stderr");
        let code = output.status.code().unwrap_or_else(|| panic!("factlint test {args:?} was killed\n{stderr}"));
        (code, stdout, stderr)
    }
}

impl Drop for Workspace {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.root);
    }
}

/// The built-in rule file up to its own `tests:` section, if it has one.
fn rule_without_tests() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/change-mismatch.yaml");
    let text = fs::read_to_string(path).expect("read the built-in rule");
    let end = text.find("\ntests:").map_or(text.len(), |at| at + 1);
    let head = &text[..end];
    if head.ends_with('\n') { head.to_string() } else { format!("{head}\n") }
}

/// A tests section with one valid and one invalid case.
fn one_of_each() -> String {
    format!("tests:\n  valid:\n    - \"{CONSISTENT}\"\n  invalid:\n    - \"{INCONSISTENT}\"\n")
}

#[test]
fn the_whole_cycle_of_a_snapshot() {
    let ws = Workspace::new("cycle", &one_of_each());

    // (1) No snapshot yet: the findings are shown, with the way to pin them.
    let (code, stdout, stderr) = ws.run(&["rules"]);
    assert_eq!(code, 1, "stdout:\n{stdout}\nstderr:\n{stderr}");
    assert!(stdout.contains("change-mismatch invalid-1: unsnapshotted"), "{stdout}");
    assert!(stdout.contains("factlint test --update"), "{stdout}");
    assert!(stdout.contains("text: \"$45 billion\""), "{stdout}");
    assert!(stdout.ends_with("2 cases: 1 validated, 0 changed, 1 unsnapshotted, 0 missing, 0 noisy\n"), "{stdout}");
    assert!(!ws.snapshot_file().exists(), "a plain run writes nothing");

    // (2) --update writes the snapshot.
    let (code, stdout, stderr) = ws.run(&["rules", "--update"]);
    assert_eq!(code, 0, "stdout:\n{stdout}\nstderr:\n{stderr}");
    assert!(stdout.contains("change-mismatch invalid-1: updated"), "{stdout}");
    assert!(stdout.ends_with(", 1 updated\n"), "{stdout}");
    let snapshot = ws.snapshot();
    let lines: Vec<&str> = snapshot.lines().collect();
    // The wording of messages belongs to the rule; the layout and positions to the snapshot.
    let fixed = [
        "# Snapshots of `factlint test` for change-mismatch.yaml. Written by `factlint test --update`; review changes like code.",
        "change-mismatch:",
        "  invalid-1:",
        "    - line: 1",
        "      column: 21",
        "      text: \"$45 billion\"",
        "      severity: error",
    ];
    assert_eq!(lines[..fixed.len()], fixed, "{snapshot}");
    assert!(lines[fixed.len()].starts_with("      message: \""), "{snapshot}");
    assert!(lines[fixed.len()].contains("$45 billion") && lines[fixed.len()].contains("12%"), "{snapshot}");
    assert!(snapshot.contains("      related:\n        - label: "), "{snapshot}");
    assert!(snapshot.contains("          line: 1\n          column: 14\n          text: \"12%\"\n"), "{snapshot}");
    assert!(
        snapshot.contains("          line: 1\n          column: 46\n          text: \"$30 billion\"\n"),
        "{snapshot}"
    );

    // (3) A rerun validates both cases and leaves the file alone.
    let (code, stdout, _) = ws.run(&["rules"]);
    assert_eq!(code, 0, "{stdout}");
    assert_eq!(stdout, "2 cases: 2 validated, 0 changed, 0 unsnapshotted, 0 missing, 0 noisy\n");
    let (code, stdout, _) = ws.run(&["rules", "--verbose"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("change-mismatch valid-1: validated\nchange-mismatch invalid-1: validated\n"), "{stdout}");
    assert_eq!(ws.snapshot(), snapshot);

    // (4) A message edited by hand fails, with a diff naming the edited text.
    fs::write(ws.snapshot_file(), snapshot.replace("message: \"", "message: \"EDITED BY HAND ")).unwrap();
    let (code, stdout, _) = ws.run(&["rules"]);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("change-mismatch invalid-1: changed"), "{stdout}");
    assert!(stdout.contains("--- snapshot\n    +++ actual\n"), "{stdout}");
    let removed = stdout.lines().find(|l| l.trim_start().starts_with("-  message:")).expect("a removed line");
    assert!(removed.contains("EDITED BY HAND"), "{stdout}");
    let added = stdout.lines().find(|l| l.trim_start().starts_with("+  message:")).expect("an added line");
    assert!(!added.contains("EDITED BY HAND"), "{stdout}");
    assert!(stdout.ends_with("2 cases: 1 validated, 1 changed, 0 unsnapshotted, 0 missing, 0 noisy\n"), "{stdout}");

    // A change of layout only (quoting, key order) is not a change.
    let relaid = snapshot
        .replace("text: \"$45 billion\"", "text: '$45 billion'")
        .replace("severity: error", "severity: \"error\"");
    fs::write(ws.snapshot_file(), relaid).unwrap();
    assert_eq!(ws.run(&["rules"]).0, 0);
}

#[test]
fn an_invalid_case_that_produces_nothing_is_missing() {
    let tests =
        format!("tests:\n  invalid:\n    - \"{INCONSISTENT}\"\n    - name: agrees\n      text: \"{CONSISTENT}\"\n");
    let ws = Workspace::new("missing", &tests);
    let (code, stdout, _) = ws.run(&["rules", "--update"]);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("change-mismatch agrees: missing\n"), "{stdout}");
    assert!(stdout.contains("produced none"), "{stdout}");
    assert!(
        stdout.ends_with("2 cases: 0 validated, 0 changed, 0 unsnapshotted, 1 missing, 0 noisy, 1 updated\n"),
        "{stdout}"
    );
    assert!(!ws.snapshot().contains("agrees"), "a case with no finding gets no entry");
}

#[test]
fn a_valid_case_that_produces_a_finding_is_noisy() {
    let tests = format!("tests:\n  valid:\n    - \"{CONSISTENT}\"\n    - \"{INCONSISTENT}\"\n");
    let ws = Workspace::new("noisy", &tests);
    let (code, stdout, _) = ws.run(&["rules"]);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("change-mismatch valid-2: noisy\n"), "{stdout}");
    assert!(stdout.contains("text: \"$45 billion\""), "the finding is shown: {stdout}");
    assert!(stdout.ends_with("2 cases: 1 validated, 0 changed, 0 unsnapshotted, 0 missing, 1 noisy\n"), "{stdout}");
}

#[test]
fn a_broken_test_section_is_an_error_at_its_position() {
    let base_lines = rule_without_tests().lines().count();
    let ws = Workspace::new("broken", "tests:\n  valid:\n    - text: A.\n      dat: 2024-01-01\n");
    let (code, stdout, stderr) = ws.run(&["rules"]);
    assert_eq!(code, 2, "stdout:\n{stdout}\nstderr:\n{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    let expected = format!("factlint: rules/change-mismatch.yaml:{}:7: ", base_lines + 4);
    assert!(stderr.starts_with(&expected), "expected {expected:?}, got {stderr:?}");
    assert!(stderr.contains("unknown field `dat`"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");

    ws.write_rule("tests:\n  date: 2024-02-30\n  valid: [A.]\n");
    let (code, _, stderr) = ws.run(&["rules"]);
    assert_eq!(code, 2, "{stderr}");
    let expected = format!("factlint: rules/change-mismatch.yaml:{}:9: ", base_lines + 2);
    assert!(stderr.starts_with(&expected) && stderr.contains("not a date"), "{stderr}");

    // Tests in the rule file and beside it at once.
    ws.write_rule(&one_of_each());
    fs::write(ws.root.join("rules/change-mismatch.test.yaml"), "valid: [A.]\n").unwrap();
    let (code, _, stderr) = ws.run(&["rules"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("keep the tests in one of them"), "{stderr}");

    let (code, _, stderr) = ws.run(&["no-such-folder"]);
    assert_eq!((code, stderr.as_str()), (2, "factlint: no-such-folder: is not a directory of rule files\n"));
}

#[test]
fn stale_entries_are_reported_then_pruned_by_update() {
    let ws = Workspace::new("stale", &one_of_each());
    assert_eq!(ws.run(&["rules", "--update"]).0, 0);
    // The invalid case gets a name: its old positional entry is stale.
    ws.write_rule(&format!("tests:\n  invalid:\n    - name: trade\n      text: \"{INCONSISTENT}\"\n"));
    // And a snapshot file whose rule file is gone.
    let orphan = ws.root.join("rules/__snapshots__/deleted-rule.snap.yaml");
    fs::write(&orphan, "deleted-rule:\n  invalid-1: []\n").unwrap();

    let (code, stdout, _) = ws.run(&["rules"]);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("change-mismatch trade: unsnapshotted"), "{stdout}");
    assert!(stdout.contains("stale entry change-mismatch invalid-1"), "{stdout}");
    assert!(stdout.contains("deleted-rule.snap.yaml: stale snapshot file"), "{stdout}");

    let (code, stdout, _) = ws.run(&["rules", "--update"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("pruned "), "{stdout}");
    let snapshot = ws.snapshot();
    assert!(snapshot.contains("  trade:\n") && !snapshot.contains("invalid-1"), "{snapshot}");
    assert!(!orphan.exists());

    // With no invalid case left, the snapshot file (and its folder) goes.
    ws.write_rule(&format!("tests:\n  valid:\n    - \"{CONSISTENT}\"\n"));
    let (code, stdout, _) = ws.run(&["rules", "--update"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(!ws.snapshot_file().exists() && !ws.root.join("rules/__snapshots__").exists());
}

#[test]
fn a_sibling_test_file_and_several_files_per_case() {
    let ws = Workspace::new("sibling", "");
    let tests = format!(
        "date: 2023-03-01\ninvalid:\n  - name: two-pages\n    files:\n      b.md: \"{CONSISTENT}\"\n      a.md: \"{INCONSISTENT}\"\n"
    );
    fs::write(ws.root.join("rules/change-mismatch.test.yaml"), tests).unwrap();
    let (code, stdout, stderr) = ws.run(&["rules", "--update"]);
    assert_eq!(code, 0, "stdout:\n{stdout}\nstderr:\n{stderr}");
    let snapshot = ws.snapshot();
    assert!(snapshot.contains("  two-pages:\n    - file: a.md\n      line: 1\n"), "{snapshot}");

    // Errors in a sibling file are placed in it.
    fs::write(ws.root.join("rules/change-mismatch.test.yaml"), "invalid:\n  - A.\n  - [x]\n").unwrap();
    let (code, _, stderr) = ws.run(&["rules"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.starts_with("factlint: rules/change-mismatch.test.yaml:3:5: "), "{stderr}");
}

#[test]
fn the_built_in_rules_pass_their_own_tests() {
    let output = Command::new(env!("CARGO_BIN_EXE_factlint"))
        .args(["test", "rules"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "stdout:\n{stdout}\nstderr:\n{stderr}");
    assert!(stdout.contains(" validated, 0 changed, 0 unsnapshotted, 0 missing, 0 noisy"), "{stdout}");
}

#[test]
fn a_test_file_of_the_wrong_shape_says_what_it_holds() {
    let ws = Workspace::new("test-file-shape", "");
    let tests = ws.root.join("rules/change-mismatch.test.yaml");
    // Before: "invalid type: sequence, expected struct TestSection".
    fs::write(&tests, format!("- \"{CONSISTENT}\"\n")).expect("write the test file");
    let (code, _, stderr) = ws.run(&["rules"]);
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(
        stderr,
        "factlint: rules/change-mismatch.test.yaml:1:1: a test file holds a mapping with `valid` and `invalid` lists of cases; this file is a list\n"
    );
    // A section given twice is placed at the second.
    fs::write(&tests, format!("valid: [\"{CONSISTENT}\"]\ninvalid: []\nvalid: []\n")).expect("write the test file");
    let (code, _, stderr) = ws.run(&["rules"]);
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(
        stderr,
        "factlint: rules/change-mismatch.test.yaml:3:1: duplicate key `valid`: already set at line 1 column 1; keep only one\n"
    );
}
