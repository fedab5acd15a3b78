//! The rule commands end to end: `factlint rules`, `factlint explain`,
//! `factlint check --explain`, `factlint test` on the example rules, and rules of
//! `scope: repository`, whose findings must not depend on the number of threads.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::{TempDir, temp_dir};
use serde_json::Value;

fn crate_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the binary in `dir`; returns (exit code, stdout, stderr).
fn run_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_factlint"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .output()
        .expect("the binary runs");
    let stdout = String::from_utf8(output.stdout).expect("UTF-8 stdout");
    let stderr = String::from_utf8(output.stderr).expect("UTF-8 stderr");
    assert!(!stderr.contains("panicked"), "factlint {args:?} panicked:\n{stderr}");
    (output.status.code().expect("an exit code"), stdout, stderr)
}

fn run(args: &[&str]) -> (i32, String, String) {
    run_in(crate_root(), args)
}

fn examples() -> String {
    crate_root().join("examples/rules").display().to_string()
}

// factlint rules

#[test]
fn rules_lists_the_built_in_rules() {
    let (code, stdout, stderr) = run(&["rules"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    let ids: Vec<&str> = stdout.lines().map(|l| l.split_whitespace().next().unwrap_or("")).collect();
    assert_eq!(ids, built_in_ids());
    // Columns are as wide as the longest id, so compare words.
    let words = |l: &str| l.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        stdout.lines().map(words).any(|l| l
            == "change-mismatch change-mismatch error rules/change-mismatch.yaml A stated change that the levels it connects do not allow"),
        "{stdout}"
    );
}

/// The ids of the built-in rules: one file per rule in `rules/`, named by its id,
/// listed in the order of their file names.
fn built_in_ids() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let mut ids: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok()?.path().file_name()?.to_str()?.strip_suffix(".yaml").map(String::from))
        .collect();
    ids.sort();
    assert!(ids.len() >= 2, "{ids:?}");
    ids
}

#[test]
fn rules_lists_the_example_rules_after_the_built_in_one() {
    // A relative directory, so that the paths in the listing do not depend on the checkout.
    let (code, stdout, stderr) = run(&["rules", "--rules", "examples/rules"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    insta::assert_snapshot!(stdout);
}

#[test]
fn rules_takes_an_absolute_directory_too() {
    let (code, stdout, _) = run(&["rules", "--rules", &examples()]);
    assert_eq!(code, 0);
    let ids: Vec<&str> = stdout.lines().map(|l| l.split_whitespace().next().unwrap_or("")).collect();
    let mut expected = built_in_ids();
    expected
        .extend(["casualty-total", "council-seats", "operating-margin", "upload-limit-consistent"].map(String::from));
    assert_eq!(ids, expected);
}

// factlint explain

#[test]
fn explain_prints_a_rules_documentation() {
    let (code, stdout, stderr) = run(&["explain", "change-mismatch"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    let expected = "\
change-mismatch: A stated change that the levels it connects do not allow

kind: change-mismatch
severity: error
defined in: rules/change-mismatch.yaml

A stated change that the levels it connects do not allow: \"rose 12% to $45
billion from $40 billion\", or a level stated for one year and a change for the
next (\"reached $30 billion in 2021\" ... \"rose 12% in 2022 to $45 billion\":
30 × 1.12 = 33.6, not 45). Every figure stands for the interval its rounding and
qualifiers allow, so the rule fires only when no values inside those intervals
reconcile the statement. Levels across sentences are compared only when both
are bound to the same metric and to consecutive periods.

message: {applied} gives {expected}, not {to}; {from} → {to} is {actual_change}
help: if {to} is right, the change was {actual_change}; if {the_stated_change} is right, the level was about {expected}
placeholders: {explanation}, {stated_change}, {the_stated_change}, {applied}, {from}, {to}, {expected}, {actual_change}, {period}, {earlier_period}

parameters:
  scope: document
  min_confidence: medium
  tolerance: 0
  metric: []
";
    assert_eq!(stdout, expected);
}

#[test]
fn explain_of_an_unknown_id_is_a_one_line_error() {
    let (code, stdout, stderr) = run(&["explain", "nope"]);
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert_eq!(stderr, "factlint: no rule has the id `nope`; `factlint rules` lists them\n");
}

#[test]
fn explain_of_a_misspelt_id_suggests_the_right_one() {
    let (code, stdout, stderr) = run(&["explain", "chnage-mismatch"]);
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert_eq!(stderr, "factlint: no rule has the id `chnage-mismatch`; did you mean `change-mismatch`?\n");
}

#[test]
fn explain_finds_rules_in_a_rules_directory() {
    let (code, stdout, _) = run(&["explain", "council-seats", "--rules", "examples/rules"]);
    assert_eq!(code, 0);
    assert!(
        stdout.starts_with("council-seats: The city council has 48 seats (house figure)\n\nkind: assert\n"),
        "{stdout}"
    );
    assert!(stdout.contains("\nassert: seats == 48\n"), "{stdout}");
    assert!(stdout.contains("\nmessage: the city council has 48 seats (house figure), not {seats}\n"), "{stdout}");
}

// factlint check --explain

/// 30 × 1.12 = 33.6, not 45.
const MISMATCH: &str = "Exports rose 12% to $45 billion in 2022 from $30 billion in 2021.\n";

const NOTES: &[&str] = &[
    "earlier level $30 billion: $29.5 billion to $30.5 billion",
    "a 12% rise from $30 billion: $32.9 billion to $34.3 billion",
    "stated level $45 billion: $44.5 billion to $45.5 billion",
    "the two do not meet: no values the figures' rounding allows reconcile them",
];

fn mismatch_dir(tag: &str) -> TempDir {
    let dir = temp_dir(&format!("rule-commands-{tag}"));
    fs::write(dir.join("trade.md"), MISMATCH).expect("write the article");
    dir
}

#[test]
fn check_explain_adds_the_arithmetic_to_human_output() {
    let dir = mismatch_dir("explain-human");
    let (code, with, _) = run_in(&dir, &["check", "--color", "never", "--explain", "trade.md"]);
    let (_, without, _) = run_in(&dir, &["check", "--color", "never", "trade.md"]);
    assert_eq!(code, 1);
    let notes: Vec<&str> = with.lines().filter(|l| l.starts_with("note: ")).collect();
    let expected: Vec<String> = NOTES.iter().map(|n| format!("note: {n}")).collect();
    assert_eq!(notes, expected);
    assert!(!without.contains("note:"), "{without}");
    // The notes come after the help line, and are all that --explain adds.
    let added: String = expected.iter().map(|n| format!("{n}\n")).collect();
    let help_end = without.find("\n\n1 finding").expect("the summary follows a blank line") + 1;
    assert_eq!(with, format!("{}{added}{}", &without[..help_end], &without[help_end..]));
}

#[test]
fn check_explain_adds_an_explain_array_to_json() {
    let dir = mismatch_dir("explain-json");
    let (code, with, _) = run_in(&dir, &["check", "--format", "json", "--explain", "trade.md"]);
    let (_, without, _) = run_in(&dir, &["check", "--format", "json", "trade.md"]);
    assert_eq!(code, 1);
    let with: Value = serde_json::from_str(&with).expect("JSON");
    let without: Value = serde_json::from_str(&without).expect("JSON");
    let findings = with["findings"].as_array().expect("findings");
    assert_eq!(findings.len(), 1);
    let explain: Vec<&str> =
        findings[0]["explain"].as_array().expect("an explain array").iter().map(|l| l.as_str().unwrap()).collect();
    assert_eq!(explain, NOTES);
    let plain = without["findings"][0].as_object().expect("a finding");
    assert!(!plain.contains_key("explain"), "{plain:?}");
    // Otherwise the two documents are the same.
    let mut stripped = findings[0].clone();
    stripped.as_object_mut().unwrap().remove("explain");
    assert_eq!(&stripped, &without["findings"][0]);
}

// factlint test

#[test]
fn the_example_rules_pass_their_tests() {
    let (code, stdout, stderr) = run(&["test", "examples/rules", "--color", "never"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert_eq!(stdout, "23 cases: 23 validated, 0 changed, 0 unsnapshotted, 0 missing, 0 noisy\n");
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create the copy");
    for entry in fs::read_dir(from).expect("read the examples") {
        let path = entry.expect("an entry").path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            fs::copy(&path, &target).expect("copy a file");
        }
    }
}

#[test]
fn a_snapshot_edited_by_hand_fails_with_a_diff_of_the_edited_line() {
    let dir = temp_dir("rule-commands-edited-snapshot");
    copy_dir(&crate_root().join("examples/rules"), &dir.join("rules"));
    let snapshot = dir.join("rules/__snapshots__/upload-limit.snap.yaml");
    let text = fs::read_to_string(&snapshot).expect("the snapshot");
    let edited = text.replace("but 25 MB in docs/uploads.md", "but 20 MB in docs/uploads.md");
    assert_ne!(edited, text, "the edit applies");
    fs::write(&snapshot, edited).expect("edit the snapshot");

    let (code, stdout, stderr) = run_in(&dir, &["test", "rules", "--color", "never"]);
    assert_eq!((code, stderr.as_str()), (1, ""));
    let expected = "\
upload-limit-consistent faq-behind: changed
    the findings differ from the snapshot; if the new ones are right, run `factlint test --update`
    --- snapshot
    +++ actual
    @@ -3,5 +3,5 @@
       column: 37
       text: \"10 MB\"
       severity: error
    -  message: \"the upload limit is 10 MB here but 20 MB in docs/uploads.md (line 1)\"
    +  message: \"the upload limit is 10 MB here but 25 MB in docs/uploads.md (line 1)\"
       help: \"state the same limit in every page, or say why this one differs\"
23 cases: 22 validated, 1 changed, 0 unsnapshotted, 0 missing, 0 noisy
";
    assert_eq!(stdout, expected);
    // The run reports; it does not rewrite the snapshot without --update.
    assert!(fs::read_to_string(&snapshot).unwrap().contains("but 20 MB"));
}

// Rules of scope: repository

/// The pages that state 10 MB; the others, the first among them, state 25 MB.
const BEHIND: &[usize] = &[3, 7, 12, 18];

fn upload_pages() -> TempDir {
    let dir = temp_dir("rule-commands-repository");
    for i in 0..20 {
        let limit = if BEHIND.contains(&i) { 10 } else { 25 };
        let text = format!("# Page {i}\n\nSee the guide for details.\n\nThe maximum upload size is {limit} MB.\n");
        fs::write(dir.join(format!("page-{i:02}.md")), text).expect("write a page");
    }
    dir
}

#[test]
fn repository_findings_are_the_same_whatever_the_threads() {
    let dir = upload_pages();
    let rules = examples();
    let args = |threads: &'static str| {
        ["check", "--rules", &rules, "--format", "json", "--threads", threads, "."].map(String::from)
    };
    let runs: Vec<(i32, String, String)> = ["1", "4", "1", "4", "4", "2"]
        .iter()
        .map(|t| {
            let args = args(t);
            run_in(&dir, &args.iter().map(String::as_str).collect::<Vec<_>>())
        })
        .collect();
    let (code, first, stderr) = &runs[0];
    assert_eq!((*code, stderr.as_str()), (1, ""));
    for (i, (code, stdout, _)) in runs.iter().enumerate().skip(1) {
        assert_eq!(*code, 1);
        assert!(stdout == first, "run {i} differs from the first:\n{stdout}\n---\n{first}");
    }

    let report: Value = serde_json::from_str(first).expect("JSON");
    let findings = report["findings"].as_array().expect("findings");
    let files: Vec<&str> = findings.iter().map(|f| f["file"].as_str().unwrap()).collect();
    assert_eq!(files, ["./page-03.md", "./page-07.md", "./page-12.md", "./page-18.md"]);
    for finding in findings {
        assert_eq!(finding["rule"], "upload-limit-consistent");
        assert_eq!(finding["message"], "the upload limit is 10 MB here but 25 MB in ./page-00.md (line 5)");
        assert_eq!((finding["span"]["line"].as_u64(), finding["span"]["column"].as_u64()), (Some(5), Some(28)));
    }
    assert_eq!(report["summary"]["files"], 20);
    assert_eq!(report["summary"]["findings"], 4);
}
