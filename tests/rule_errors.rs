//! Malformed rule files, end to end: each is refused with exit code 2 and one
//! line on stderr, `factlint: PATH:LINE:COLUMN: MESSAGE`, where LINE and COLUMN
//! (1-based, columns in characters) point at the offending text itself.

use std::fs;
use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// An article with a figure in it, so that a rule that loaded would have work.
const ARTICLE: &str = "# Storm\n\nThe storm killed 12 people and wounded 30, 42 casualties in all.\n";

/// A fresh directory under the system's temp dir, unique to this process and call,
/// holding `rules/NAME` for each file and `some.md`.
fn workspace(tag: &str, files: &[(&str, &[u8])]) -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    let root = std::env::temp_dir().join(format!("factlint-rule-errors-{tag}-{}-{n}-{nanos}", std::process::id()));
    fs::create_dir_all(root.join("rules")).expect("create a temp dir");
    fs::write(root.join("some.md"), ARTICLE).expect("write the article");
    for (name, text) in files {
        fs::write(root.join("rules").join(name), text).expect("write a rule file");
    }
    root
}

/// What one run of `factlint check --rules rules some.md` gave.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
    took: Duration,
}

fn check(tag: &str, files: &[(&str, &str)]) -> Run {
    let files: Vec<(&str, &[u8])> = files.iter().map(|(name, text)| (*name, text.as_bytes())).collect();
    check_bytes(tag, &files)
}

/// `check` with rule files given as bytes, which need not be UTF-8.
fn check_bytes(tag: &str, files: &[(&str, &[u8])]) -> Run {
    let root = workspace(tag, files);
    run_in(&root)
}

/// Runs `factlint check --rules rules some.md` in `root`, then removes `root`.
fn run_in(root: &std::path::Path) -> Run {
    let started = Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_factlint"))
        .args(["check", "--rules", "rules", "some.md"])
        .current_dir(root)
        .output()
        .expect("the binary runs");
    let took = started.elapsed();
    let _ = fs::remove_dir_all(root);
    Run {
        code: output.status.code().expect("factlint exits with a code, not a signal"),
        stdout: String::from_utf8(output.stdout).expect("UTF-8 stdout"),
        stderr: String::from_utf8(output.stderr).expect("UTF-8 stderr"),
        took,
    }
}

/// Asserts a run refused the rule `file` with exactly one line, at `line:column`,
/// whose message is `message`; returns nothing, so each test states all it pins.
fn assert_refused(run: &Run, file: &str, (line, column): (usize, usize), message: &str) {
    assert!(!run.stderr.contains("panicked"), "factlint panicked:\n{}", run.stderr);
    assert_eq!(run.code, 2, "exit code; stderr:\n{}", run.stderr);
    assert_eq!(run.stdout, "", "nothing is checked when a rule is broken");
    assert_eq!(run.stderr.lines().count(), 1, "one line on stderr:\n{}", run.stderr);
    assert_eq!(run.stderr, format!("factlint: rules/{file}:{line}:{column}: {message}\n"));
}

// 1. Wrong types.

#[test]
fn a_string_where_a_list_of_patterns_is_expected() {
    let run = check("wrong-type-list", &[("r.yaml", "id: tally\npatterns: \"x\"\nassert: x == 1\nmessage: m\n")]);
    // At the value `"x"`, column 11 of `patterns: "x"`.
    assert_refused(&run, "r.yaml", (2, 11), "patterns: invalid type: string \"x\", expected a sequence");
}

#[test]
fn a_number_where_a_severity_is_expected() {
    let run =
        check("wrong-type-severity", &[("r.yaml", "id: tally\nkind: change-mismatch\nseverity: 3\nmessage: m\n")]);
    assert_refused(&run, "r.yaml", (3, 11), "severity: unknown value `3`, expected one of `info`, `warning`, `error`");
}

// 2. Unknown keys.

#[test]
fn a_misspelt_key_suggests_the_right_one() {
    let run = check("unknown-key", &[("r.yaml", "id: tally\nkind: change-mismatch\nmesage: m\n")]);
    assert_refused(&run, "r.yaml", (3, 1), "unknown field `mesage`, did you mean `message`?");
}

// 3. Bad regexes.

#[test]
fn an_unclosed_group_in_a_regex_is_placed_at_its_parenthesis() {
    let rule = "id: tally\nregex: [\"{a:count} killed (by\"]\nassert: a == 1\nmessage: m\n";
    let run = check("bad-regex", &[("r.yaml", rule)]);
    // `regex: ["{a:count} killed (by"]`: the `(` is column 27.
    assert_refused(&run, "r.yaml", (2, 27), "invalid regex: unclosed group");
}

#[test]
fn a_bad_regex_in_the_second_item_of_a_block_list() {
    let rule =
        "id: tally\nregex:\n  - \"{a:count} killed\"\n  - \"{a:count} (dead|killed\"\nassert: a == 1\nmessage: m\n";
    let run = check("bad-regex-second", &[("r.yaml", rule)]);
    assert_refused(&run, "r.yaml", (4, 16), "invalid regex: unclosed group");
}

// 4. Undefined placeholders in messages.

#[test]
fn an_undefined_placeholder_is_placed_inside_the_message() {
    let rule = "id: tally\npatterns: [\"{total:count} killed\"]\nassert: total == 1\nmessage: \"{total} killed, not {totl}\"\n";
    let run = check("placeholder", &[("r.yaml", rule)]);
    // `message: "{total} killed, not {totl}"`: `{totl}` starts at column 31.
    assert_refused(
        &run,
        "r.yaml",
        (4, 31),
        "placeholder `{totl}` is not defined by this rule; did you mean `{total}`?",
    );
}

#[test]
fn an_undefined_placeholder_near_the_end_of_a_message_with_escaped_quotes() {
    let rule = "id: tally\npatterns: [\"{total:count} killed\"]\nassert: total == 1\nmessage: \"the \\\"official\\\" toll is {total}, not {totl}\"\n";
    let run = check("placeholder-escaped", &[("r.yaml", rule)]);
    // The escapes `\"` take two columns each in the file: `{totl}` is column 49.
    assert_refused(
        &run,
        "r.yaml",
        (4, 49),
        "placeholder `{totl}` is not defined by this rule; did you mean `{total}`?",
    );
}

#[test]
fn an_undefined_placeholder_in_help_far_from_any_name_lists_what_is_defined() {
    let rule = "id: tally\nkind: change-mismatch\nmessage: m\nhelp: 'it''s {zzz}'\n";
    let run = check("placeholder-help", &[("r.yaml", rule)]);
    assert_refused(
        &run,
        "r.yaml",
        (4, 14),
        "placeholder `{zzz}` is not defined by this rule; it defines: {explanation}, {stated_change}, {the_stated_change}, {applied}, {from}, {to}, {expected}, {actual_change}, {period}, {earlier_period}",
    );
}

// 5. Syntax errors in assertions.

const KILLED: &str = "id: tally\npatterns: [\"{killed:count} killed, {total:count} in all\"]\n";

#[test]
fn an_assertion_that_ends_too_soon_is_placed_just_after_the_operator() {
    let run = check("assert-end", &[("r.yaml", &format!("{KILLED}assert: total == killed +\nmessage: m\n"))]);
    // `assert: total == killed +` is 25 characters; the expression ends at column 26.
    assert_refused(&run, "r.yaml", (3, 26), "expected a value after `+`");
}

#[test]
fn an_assertion_with_a_stray_operator_is_placed_at_it() {
    let run = check("assert-stray", &[("r.yaml", &format!("{KILLED}assert: total == killed + * 2\nmessage: m\n"))]);
    assert_refused(&run, "r.yaml", (3, 27), "expected a value after `+`, found `*`");
}

#[test]
fn an_assertion_in_a_folded_block_scalar_is_placed_on_its_own_line() {
    let rule = format!("{KILLED}assert: >-\n  total ==\n  killed + * 2\nmessage: m\n");
    let run = check("assert-block", &[("r.yaml", &rule)]);
    // The `*` on the block's second line, `  killed + * 2`, column 12.
    assert_refused(&run, "r.yaml", (5, 12), "expected a value after `+`, found `*`");
}

#[test]
fn an_unbound_name_in_an_assertion_suggests_the_bound_one() {
    let run = check("assert-name", &[("r.yaml", &format!("{KILLED}assert: total == kiled\nmessage: m\n"))]);
    assert_refused(
        &run,
        "r.yaml",
        (3, 18),
        "`kiled` is not bound by this rule's patterns or selectors; did you mean `killed`?",
    );
}

// 6. Unknown claim kinds.

#[test]
fn an_unknown_claim_kind_is_placed_at_the_kind() {
    let run = check(
        "claim-kind",
        &[("r.yaml", "id: tally\npatterns: [\"{x:widget} killed\"]\nassert: x == 1\nmessage: m\n")],
    );
    // `patterns: ["{x:widget} killed"]`: `widget` starts at column 16.
    assert_refused(
        &run,
        "r.yaml",
        (2, 16),
        "unknown claim kind `widget` in `{x:widget}`; kinds are number, count, quantity, money, percent, points, multiplier, ordinal, year, date, period, weekday, duration, age, figure",
    );
}

#[test]
fn a_misspelt_claim_kind_suggests_the_right_one() {
    let run = check(
        "claim-kind-close",
        &[("r.yaml", "id: tally\npatterns:\n  - \"{x:cuont} killed\"\nassert: x == 1\nmessage: m\n")],
    );
    assert_refused(&run, "r.yaml", (3, 9), "unknown claim kind `cuont` in `{x:cuont}`; did you mean `count`?");
}

// 7. Duplicate ids.

#[test]
fn a_duplicate_id_is_placed_at_the_second_files_id() {
    let first = "id: tally\nkind: change-mismatch\nmessage: m\n";
    let second = "# The same id again, under a comment.\nkind: change-mismatch\nid: tally\nmessage: m\n";
    let run = check("duplicate", &[("a.yaml", first), ("b.yaml", second)]);
    assert_refused(&run, "b.yaml", (3, 5), "duplicate rule id `tally`: already defined in rules/a.yaml");
}

#[test]
fn an_id_that_a_built_in_rule_has_is_a_duplicate_too() {
    let run = check("duplicate-builtin", &[("mine.yaml", "id: change-mismatch\nkind: change-mismatch\nmessage: m\n")]);
    assert_refused(
        &run,
        "mine.yaml",
        (1, 5),
        "duplicate rule id `change-mismatch`: already defined in rules/change-mismatch.yaml",
    );
}

// 8. Empty patterns.

const EMPTY_PATTERN: &str =
    "the pattern is empty; write the words around a placeholder, e.g. `{total:count} casualties`";

#[test]
fn an_empty_pattern_is_placed_at_its_quotes() {
    let run = check("empty-pattern", &[("r.yaml", "id: tally\npatterns: [\"\"]\nassert: x == 1\nmessage: m\n")]);
    assert_refused(&run, "r.yaml", (2, 12), EMPTY_PATTERN);
}

#[test]
fn an_empty_pattern_as_the_second_item_of_a_block_list() {
    let rule = "id: tally\npatterns:\n  - \"{a:count} dead\"\n  - \"\"\nassert: a == 1\nmessage: m\n";
    let run = check("empty-pattern-second", &[("r.yaml", rule)]);
    assert_refused(&run, "r.yaml", (4, 5), EMPTY_PATTERN);
}

// 9. Files that are not YAML.

#[test]
fn an_unclosed_bracket_is_placed_where_it_opens() {
    let run = check("unclosed-bracket", &[("r.yaml", "id: [unclosed\nkind: change-mismatch\nmessage: m\n")]);
    assert_refused(&run, "r.yaml", (1, 5), "`[` is not closed: did not find expected ',' or ']' at line 2 column 5");
}

#[test]
fn an_unclosed_quote_is_placed_where_it_opens() {
    let run = check("unclosed-quote", &[("r.yaml", "id: tally\nkind: change-mismatch\nmessage: \"never closed\n")]);
    assert_refused(&run, "r.yaml", (3, 10), "this quoted string is never closed; add the closing quote");
}

#[test]
fn a_tab_in_the_indentation_says_to_use_spaces() {
    let run = check("tab", &[("r.yaml", "id: tally\n\tmessage: m\n")]);
    assert_refused(
        &run,
        "r.yaml",
        (2, 1),
        "found a tab character that violates indentation; indent with spaces, not tabs",
    );
}

#[test]
fn garbage_is_placed_where_the_mapping_breaks() {
    let run = check("garbage", &[("r.yaml", "id: tally\n: : :\n{{{ ]]]\n")]);
    assert_refused(&run, "r.yaml", (2, 1), "did not find expected key");
}

// 10. Alias bombs.

/// "Billion laughs": nine levels of nine aliases each, 9^9 strings if expanded.
fn alias_bomb() -> String {
    let mut text = String::from("id: tally\nkind: change-mismatch\nmessage: m\ntests:\n");
    text.push_str("  l0: &l0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
    for level in 1..9 {
        let items = vec![format!("*l{}", level - 1); 9].join(", ");
        text.push_str(&format!("  l{level}: &l{level} [{items}]\n"));
    }
    text
}

#[test]
fn an_alias_bomb_is_refused_fast_at_its_first_alias() {
    let run = check("alias-bomb", &[("r.yaml", &alias_bomb())]);
    assert!(run.took < Duration::from_secs(5), "took {:?}", run.took);
    // `  l1: &l1 [*l0, ...`: the first alias is column 12 of line 6.
    assert_refused(
        &run,
        "r.yaml",
        (6, 12),
        "aliases expand past the size limit; write the values out instead of repeating `*alias` references",
    );
}

// 11. Files that are not UTF-8.

#[test]
fn invalid_utf8_in_a_rule_file_is_placed_at_its_first_bad_byte() {
    // Latin-1 `é` (0xE9) in `message: "→ café"`, after `caf`: column 16, counted
    // in characters (the `→` before it is one column, three bytes).
    let rule = b"id: tally\nkind: change-mismatch\nmessage: \"\xe2\x86\x92 caf\xe9\"\n";
    let run = check_bytes("utf8", &[("r.yaml", rule)]);
    assert_refused(&run, "r.yaml", (3, 16), "byte 0xE9 is not valid UTF-8; save the file as UTF-8");
}

// 12. Links that lead to a folder or file twice are not errors: each is read once.

/// A rule that fires on the article: "12 people" is not 1.
const PEOPLE: &str = "id: tally\npatterns: [\"{a:count} people\"]\nassert: a == 1\nmessage: \"{a} people\"\n";

#[cfg(unix)]
#[test]
fn a_link_loop_in_a_rules_folder_loads_each_rule_once() {
    use std::os::unix::fs::symlink;
    let root = workspace("link-loop", &[("tally.yaml", PEOPLE.as_bytes())]);
    fs::create_dir_all(root.join("rules/nested")).expect("create a folder");
    // A link back to the folder above: a loop. Before, it was followed some 40
    // levels deep and `tally` was refused as a duplicate of itself.
    symlink("..", root.join("rules/nested/loop")).expect("link to the folder above");
    // Another link to the same rule file, and one to the same folder.
    symlink("../tally.yaml", root.join("rules/nested/again.yaml")).expect("link to the rule file");
    symlink(root.join("rules"), root.join("rules/nested/same")).expect("link to the rules folder");
    let run = run_in(&root);
    assert_eq!(run.stderr, "", "nothing on stderr");
    assert_eq!(run.code, 1, "the rule fires:\n{}", run.stdout);
    assert_eq!(run.stdout.matches("warning[tally]: 12 people").count(), 1, "once:\n{}", run.stdout);
}

// 13. Division by zero.

const MARGIN: &str = "id: margin\npatterns: [\"{margin:percent} margin on {income:money}\"]\nmessage: m\n";

#[test]
fn a_division_by_zero_is_placed_at_the_divisor() {
    // Before, this loaded and never fired: a quotient by zero may be anything.
    let run = check("divide-zero", &[("r.yaml", &format!("{MARGIN}assert: margin == income / 0\n"))]);
    assert_refused(
        &run,
        "r.yaml",
        (4, 28),
        "division by `0`: the rule could never report; divide by a value that is not zero",
    );
}

#[test]
fn a_division_by_what_is_always_zero_is_placed_at_the_divisor() {
    let run =
        check("divide-folded", &[("r.yaml", &format!("{MARGIN}where: margin / (2 - 2) > 0\nassert: margin < 1\n"))]);
    assert_refused(
        &run,
        "r.yaml",
        (4, 17),
        "division by `(2 - 2)`, which is always 0: the rule could never report; divide by a value that is not zero",
    );
}

// 14. Duplicate keys, placed at the repeat: before, at the start of their mapping.

#[test]
fn a_duplicate_top_level_key_is_placed_at_the_repeat() {
    let run = check("duplicate-key", &[("r.yaml", "id: tally\nkind: change-mismatch\nmessage: m\nid: other\n")]);
    assert_refused(&run, "r.yaml", (4, 1), "duplicate key `id`: already set at line 1 column 1; keep only one");
}

#[test]
fn a_duplicate_key_in_a_nested_mapping_is_placed_at_the_repeat() {
    // Two selectors each with one `name`, then `name` twice in the third.
    let rule =
        "id: tally\nassert: a == b\nmessage: m\nselect:\n  - name: a\n  - name: b\n    role: level\n    \"name\": c\n";
    let run = check("duplicate-nested", &[("r.yaml", rule)]);
    assert_refused(&run, "r.yaml", (8, 5), "duplicate key `name`: already set at line 6 column 5; keep only one");
}

#[test]
fn a_duplicate_key_in_a_flow_mapping_of_the_tests_is_placed_at_the_repeat() {
    let rule = "id: tally\nkind: change-mismatch\nmessage: m\ntests:\n  valid: [{text: a, name: n, text: b}]\n";
    let run = check("duplicate-flow", &[("r.yaml", rule)]);
    assert_refused(&run, "r.yaml", (5, 30), "duplicate key `text`: already set at line 5 column 12; keep only one");
}

// 15. Files and values of the wrong shape, in a rule author's words, not Rust's.

const RULE_FILE: &str = "a rule file holds one rule, a mapping with keys such as `id`, `kind` and `message`";

#[test]
fn a_rule_file_that_is_a_list_says_it_holds_one_rule() {
    // Before: "invalid type: sequence, expected struct RuleHeader".
    let run = check("list-file", &[("r.yaml", "- id: tally\n  kind: change-mismatch\n  message: m\n")]);
    assert_refused(&run, "r.yaml", (1, 1), &format!("{RULE_FILE}; this file is a list"));
}

#[test]
fn a_rule_file_that_is_one_string_or_nothing_says_so() {
    let run = check("scalar-file", &[("r.yaml", "change-mismatch\n")]);
    assert_refused(&run, "r.yaml", (1, 1), &format!("{RULE_FILE}; this file is a string"));
    let run = check("empty-file", &[("r.yaml", "# nothing yet\n")]);
    assert_refused(&run, "r.yaml", (1, 1), &format!("{RULE_FILE}; this file is empty"));
}

#[test]
fn a_selector_that_is_not_a_mapping_says_what_one_is() {
    let run = check("selector-shape", &[("r.yaml", "id: tally\nassert: a == 1\nmessage: m\nselect: [a]\n")]);
    assert_refused(
        &run,
        "r.yaml",
        (4, 10),
        "select[0]: invalid type: string \"a\", expected a selector: a mapping with `name` and what to pick (`role`, `kind`, `metric`, `unit`, `period`, `min_confidence`)",
    );
}

#[test]
fn a_metric_of_no_form_is_placed_at_itself_and_lists_the_forms() {
    // Before: "select[0]: data did not match any variant of untagged enum
    // MetricFilter", at the selector.
    let rule = "id: tally\nassert: a == 1\nmessage: m\nselect:\n  - name: a\n    metric: 5\n";
    let run = check("metric-shape", &[("r.yaml", rule)]);
    assert_refused(
        &run,
        "r.yaml",
        (6, 13),
        "select[0].metric: invalid type: integer `5`, expected a metric: a name, a list of names, or `{regex: ...}`",
    );
}

#[test]
fn a_word_where_a_number_is_expected_says_number_not_f64() {
    let rule = "id: tally\nkind: change-mismatch\nmessage: m\nparams:\n  tolerance: big\n";
    let run = check("number-shape", &[("r.yaml", rule)]);
    assert_refused(&run, "r.yaml", (5, 14), "params.tolerance: invalid type: string \"big\", expected a number");
}

#[test]
fn no_error_names_a_rust_type() {
    let files = [
        "id: x\nmessage: m\nseverity: [a]\n",
        "id: x\nmessage: m\nseverity: ~\n",
        "id: x\nmessage: m\nscope: {a: 1}\n",
        "id: x\nmessage: m\nassert: a == 1\nselect: [~]\n",
        "id: x\nmessage: m\nassert: a == 1\nselect: [{name: a, role: [x]}]\n",
        "id: x\nmessage: m\nassert: a == 1\nselect: [{name: a, metric: {foo: 1}}]\n",
        "id: x\nmessage: m\nassert: a == 1\nselect: [{name: a, period: lastyear}]\n",
        "id: x\nmessage: m\nassert: a == 1\nselect: [{name: a, min_confidence: [x]}]\n",
        "id: x\nkind: change-mismatch\nmessage: m\nparams: 5\n",
        "id: x\nkind: change-mismatch\nmessage: m\nparams: {tolerance: ~}\n",
        "id: x\nkind: change-mismatch\nmessage: m\nparams: {scope: [x]}\n",
        "true\n",
        "12\n",
    ];
    let lexicons = ["- a\n", "grammar: [a]\n", "scales: [5]\n", "approximate_tolerance: big\n"];
    let runs = files.iter().map(|f| ("r.yaml", *f)).chain(lexicons.iter().map(|f| ("lexicons/l.yaml", *f)));
    for (i, (name, text)) in runs.enumerate() {
        let root = workspace(&format!("rust-names-{i}"), &[]);
        fs::create_dir_all(root.join("rules/lexicons")).expect("create the lexicons folder");
        fs::write(root.join("rules").join(name), text).expect("write the file");
        let run = run_in(&root);
        assert_eq!(run.code, 2, "{text:?} is refused: {}", run.stderr);
        for rust in ["struct ", "enum ", "variant", "Option<", "f64", "unit value", "YAML tag"] {
            assert!(!run.stderr.contains(rust), "{text:?}: {}", run.stderr);
        }
    }
}
