//! Inputs that cannot be read as text, end to end: an article, or a rule's test
//! file, that is not UTF-8 is refused with one line on stderr naming the file,
//! the line and column of its first invalid byte (columns in characters), what
//! is wrong and how to fix it.

mod common;

use std::fs;
use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Line 2 holds `é` (two bytes, one column) and then a Latin-1 `é` (0xE9): the
/// bad byte is the 16th character of the line, its 17th byte.
const ARTICLE: &[u8] = b"# Storm\nThe caf\xc3\xa9 at caf\xe9 closed after 12 people were hurt.\n";
const AT_THE_BAD_BYTE: &str = "2:16: byte 0xE9 is not valid UTF-8; save the file as UTF-8";

/// Runs factlint with `args` in `root`, feeding `stdin`; returns (exit code, stderr).
fn run(root: &std::path::Path, args: &[&str], stdin: &[u8]) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_factlint"))
        .args(args)
        .current_dir(root)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child.stdin.take().expect("piped stdin").write_all(stdin).expect("write stdin");
    let Output { status, stderr, .. } = child.wait_with_output().expect("the binary exits");
    let stderr = String::from_utf8(stderr).expect("UTF-8 stderr");
    assert!(!stderr.contains("panicked"), "factlint panicked:\n{stderr}");
    (status.code().expect("factlint exits with a code, not a signal"), stderr)
}

#[test]
fn an_article_that_is_not_utf8_is_placed_at_its_first_bad_byte() {
    let root = common::temp_dir("input-errors-article");
    fs::write(root.join("bad.md"), ARTICLE).expect("write the article");
    let (code, stderr) = run(&root, &["check", "bad.md"], b"");
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(stderr, format!("factlint: bad.md:{AT_THE_BAD_BYTE}\n"));
}

#[test]
fn standard_input_that_is_not_utf8_is_placed_at_its_first_bad_byte() {
    let root = common::temp_dir("input-errors-stdin");
    for command in ["check", "claims"] {
        let (code, stderr) = run(&root, &[command, "-"], ARTICLE);
        assert_eq!(code, 2, "{command}: {stderr}");
        assert_eq!(stderr, format!("factlint: <stdin>:{AT_THE_BAD_BYTE}\n"), "{command}");
    }
}

#[test]
fn a_rule_test_file_that_is_not_utf8_is_placed_at_its_first_bad_byte() {
    let root = common::temp_dir("input-errors-test-file");
    fs::create_dir_all(root.join("rules")).expect("create the rules folder");
    let rule = "id: tally\nkind: change-mismatch\nmessage: m\n";
    fs::write(root.join("rules/tally.yaml"), rule).expect("write the rule");
    fs::write(root.join("rules/tally.test.yaml"), b"valid:\n  - \"caf\xe9\"\n").expect("write the tests");
    let (code, stderr) = run(&root, &["test", "rules"], b"");
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(stderr, "factlint: rules/tally.test.yaml:2:9: byte 0xE9 is not valid UTF-8; save the file as UTF-8\n");
}
