//! The `factlint` binary end to end: exit codes, JSON and human output, stdin,
//! directory walking, rule directories and a closed output pipe.

mod common;

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use serde_json::Value;

const CANONICAL: &str = "fixtures/01-trade-canonical.md";
const CLEAN: &str = "fixtures/13-election-tallies.md";
const WITHIN_SENTENCE: &str = "fixtures/03-rise-from-to-mismatch.md";

fn crate_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn command(args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_factlint"));
    cmd.args(args).current_dir(crate_root()).env_remove("NO_COLOR");
    cmd
}

/// How long any one run of the binary may take before the test kills it and fails.
const TIMEOUT: Duration = Duration::from_secs(60);

/// Reads a pipe to the end on its own thread.
fn drain(mut pipe: impl Read + Send + 'static) -> JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        bytes
    })
}

/// Waits for `child` at most `timeout`; kills it and fails the test if it hangs.
fn wait_or_kill(child: &mut Child, what: &str, timeout: Duration) -> ExitStatus {
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(status) = child.try_wait().expect("poll the binary") {
            return status;
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("factlint {what} did not exit within {timeout:?}; killed it");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Runs the binary from the crate root with `stdin` as its input; returns (exit code, stdout, stderr).
fn run_with_stdin(args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut child = command(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut input = child.stdin.take().expect("stdin is piped");
    let text = stdin.to_string();
    let writer = std::thread::spawn(move || {
        // The binary may exit without reading; a broken pipe here is not the test's concern.
        let _ = input.write_all(text.as_bytes());
    });
    let stdout = drain(child.stdout.take().expect("stdout is piped"));
    let stderr = drain(child.stderr.take().expect("stderr is piped"));
    let status = wait_or_kill(&mut child, &format!("{args:?}"), TIMEOUT);
    writer.join().expect("the stdin writer finishes");
    let stdout = String::from_utf8(stdout.join().expect("stdout reader")).expect("UTF-8 stdout");
    let stderr = String::from_utf8(stderr.join().expect("stderr reader")).expect("UTF-8 stderr");
    let code = status.code().unwrap_or_else(|| panic!("factlint {args:?} was killed: {status:?}\nstderr:\n{stderr}"));
    (code, stdout, stderr)
}

/// Runs the binary from the crate root with empty stdin; returns (exit code, stdout, stderr).
fn run(args: &[&str]) -> (i32, String, String) {
    run_with_stdin(args, "")
}

fn parse_json(stdout: &str) -> Value {
    serde_json::from_str(stdout).unwrap_or_else(|e| panic!("output is not JSON ({e}):\n{stdout}"))
}

/// Runs `check --rules DIR ARGS...` where DIR holds one rule file `name` with `yaml`;
/// returns the run's (code, stdout, stderr) and the rule file's path as passed.
fn run_with_rule(tag: &str, name: &str, yaml: &str, args: &[&str]) -> (i32, String, String, String) {
    let dir = common::temp_dir(&format!("test-{tag}"));
    let file = dir.join(name);
    std::fs::write(&file, yaml).unwrap();
    let mut all = vec!["check", "--rules", dir.to_str().unwrap()];
    all.extend_from_slice(args);
    let (code, stdout, stderr) = run(&all);
    (code, stdout, stderr, file.to_string_lossy().into_owned())
}

fn keys(value: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> =
        value.as_object().unwrap_or_else(|| panic!("not an object: {value}")).keys().map(String::as_str).collect();
    keys.sort_unstable();
    keys
}

fn sorted(mut names: Vec<&str>) -> Vec<&str> {
    names.sort_unstable();
    names
}

/// The 1-based line of the first `needle` in a fixture's body (after its header,
/// whose `expect:` lines quote the text).
fn line_of(path: &str, needle: &str) -> u64 {
    let text = std::fs::read_to_string(crate_root().join(path)).expect("read fixture");
    let (_, body) = common::header(path, &text).unwrap_or_else(|e| panic!("{path}: {e}"));
    let line =
        common::line_in_body(&text, body, needle).unwrap_or_else(|| panic!("{needle:?} not in the body of {path}"));
    line as u64
}

#[test]
fn a_clean_fixture_exits_0() {
    let (code, stdout, stderr) = run(&["check", "--color", "never", CLEAN]);
    assert_eq!(code, 0, "stdout:\n{stdout}\nstderr:\n{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}

#[test]
fn the_canonical_fixture_exits_1() {
    let (code, stdout, stderr) = run(&["check", "--color", "never", CANONICAL]);
    assert_eq!(code, 1, "stdout:\n{stdout}\nstderr:\n{stderr}");
}

#[test]
fn json_output_follows_the_schema() {
    let (code, stdout, stderr) = run(&["check", "--format", "json", CANONICAL]);
    assert_eq!(code, 1, "{stderr}");
    let value = parse_json(&stdout);
    assert_eq!(keys(&value), sorted(vec!["version", "findings", "summary"]));
    assert_eq!(value["version"], 1);
    let findings = value["findings"].as_array().expect("findings is an array");
    assert!(!findings.is_empty(), "{stdout}");
    let span_keys = sorted(vec!["start", "end", "line", "column", "end_line", "end_column"]);
    for f in findings {
        assert_eq!(keys(f), sorted(vec!["rule", "severity", "message", "file", "span", "related", "help"]), "{f}");
        assert_eq!(keys(&f["span"]), span_keys, "{f}");
        for r in f["related"].as_array().expect("related is an array") {
            assert_eq!(keys(r), sorted(vec!["label", "span"]), "{r}");
            assert!(r["label"].is_string(), "{r}");
            assert_eq!(keys(&r["span"]), span_keys, "{r}");
        }
        assert!(f["help"].is_string() || f["help"].is_null(), "{f}");
        assert!(["error", "warning", "info"].contains(&f["severity"].as_str().unwrap_or("")), "{f}");
        assert_eq!(f["file"], CANONICAL);
    }
    assert_eq!(keys(&value["summary"]), sorted(vec!["files", "findings", "errors", "warnings"]));
}

#[test]
fn the_canonical_finding_explains_the_arithmetic() {
    let (_, stdout, _) = run(&["check", "--format", "json", CANONICAL]);
    let value = parse_json(&stdout);
    let findings = value["findings"].as_array().expect("findings is an array");
    assert_eq!(findings.len(), 1, "{stdout}");
    let f = &findings[0];
    assert_eq!(f["rule"], "change-mismatch");
    let message = f["message"].as_str().expect("message is a string");
    assert!(message.contains("33.6"), "{message}");
    assert!(message.contains("50%"), "{message}");
    assert_eq!(f["span"]["line"], line_of(CANONICAL, "$45 billion"), "{f}");
}

#[test]
fn the_summary_counts_a_two_file_run() {
    let (code, stdout, stderr) = run(&["check", "--format", "json", CANONICAL, CLEAN]);
    assert_eq!(code, 1, "{stderr}");
    let value = parse_json(&stdout);
    let findings = value["findings"].as_array().expect("findings is an array");
    let count = |severity: &str| findings.iter().filter(|f| f["severity"] == severity).count();
    let summary = &value["summary"];
    assert_eq!(summary["files"], 2, "{summary}");
    assert_eq!(summary["findings"], findings.len(), "{summary}");
    assert_eq!(summary["errors"], count("error"), "{summary}");
    assert_eq!(summary["warnings"], count("warning"), "{summary}");
    assert!(findings.iter().all(|f| f["file"] == CANONICAL), "the clean fixture has findings: {stdout}");
    assert!(!findings.is_empty(), "{stdout}");
}

#[test]
fn directories_are_walked() {
    let (_, stdout, stderr) = run(&["check", "--format", "json", "fixtures"]);
    let value = parse_json(&stdout);
    let files = value["summary"]["files"].as_u64().expect("summary.files is a number");
    assert!(files >= 15, "only {files} files checked; stderr:\n{stderr}");
}

#[test]
fn nested_directories_are_walked_for_md_and_txt_only() {
    let dir = common::temp_dir("test-walk");
    std::fs::create_dir_all(dir.join("a/b")).unwrap();
    std::fs::write(dir.join("top.md"), "Nothing here.\n").unwrap();
    std::fs::write(dir.join("a/mid.txt"), "Nothing here either.\n").unwrap();
    std::fs::write(dir.join("a/b/deep.md"), "Still nothing.\n").unwrap();
    std::fs::write(dir.join("a/b/skip.rs"), "fn main() {}\n").unwrap();
    let (code, stdout, stderr) = run(&["check", "--format", "json", dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(parse_json(&stdout)["summary"]["files"], 3, "{stdout}");
}

#[test]
fn a_dash_reads_stdin() {
    let text = std::fs::read_to_string(crate_root().join(CANONICAL)).unwrap();
    let (code, stdout, stderr) = run_with_stdin(&["check", "--format", "json", "-"], &text);
    assert_eq!(code, 1, "{stderr}");
    let value = parse_json(&stdout);
    assert_eq!(value["summary"]["files"], 1);
    let findings = value["findings"].as_array().expect("findings is an array");
    assert_eq!(findings.len(), 1, "{stdout}");
    assert_eq!(findings[0]["file"], "<stdin>");
    assert_eq!(findings[0]["rule"], "change-mismatch");
}

#[test]
fn a_bad_date_exits_2_with_one_line() {
    let (code, stdout, stderr) = run(&["check", "--date", "2023-13-40", CANONICAL]);
    assert_eq!(code, 2, "stdout:\n{stdout}\nstderr:\n{stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "stderr is not one line:\n{stderr}");
    assert!(stderr.contains("2023-13-40"), "{stderr}");
}

#[test]
fn a_missing_path_exits_2() {
    let (code, _, stderr) = run(&["check", "fixtures/no-such-file.md"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("no-such-file.md"), "{stderr}");
}

/// Whether `text` contains `path:LINE:COLUMN:` with numbers for LINE and COLUMN.
fn names_position(text: &str, path: &str) -> Option<(usize, usize)> {
    text.match_indices(path).find_map(|(at, _)| {
        let rest = text[at + path.len()..].strip_prefix(':')?;
        let (line, rest) = rest.split_once(':')?;
        let (column, _) = rest.split_once(':')?;
        Some((line.parse().ok()?, column.parse().ok()?))
    })
}

#[test]
fn a_broken_rule_file_exits_2_naming_its_position() {
    let yaml = "id: broken\nkind: change-mismatch\nmesage: \"{explanation}\"\n";
    let (code, _, stderr, file) = run_with_rule("broken-rule", "broken.yaml", yaml, &[CLEAN]);
    assert_eq!(code, 2, "{stderr}");
    let position = names_position(&stderr, &file);
    assert_eq!(position, Some((3, 1)), "stderr does not name {file}:3:1:\n{stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
}

#[test]
fn an_unknown_kind_exits_2() {
    let yaml = "id: odd-one\nkind: no-such-kind\nmessage: \"{explanation}\"\n";
    let (code, _, stderr, file) = run_with_rule("unknown-kind", "odd.yaml", yaml, &[CLEAN]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("no-such-kind"), "{stderr}");
    let position = names_position(&stderr, &file);
    assert_eq!(position.map(|(line, _)| line), Some(2), "stderr does not name line 2 of {file}:\n{stderr}");
}

#[test]
fn an_extra_rule_of_an_existing_kind_reports_under_its_own_id() {
    let yaml = "id: change-mismatch-sentence\nkind: change-mismatch\nseverity: warning\nmessage: \"{explanation}\"\nparams: {scope: sentence}\n";
    let (code, stdout, stderr, _) =
        run_with_rule("extra-rule", "sentence.yaml", yaml, &["--format", "json", WITHIN_SENTENCE, CANONICAL]);
    assert_eq!(code, 1, "{stderr}");
    let value = parse_json(&stdout);
    let findings = value["findings"].as_array().expect("findings is an array");
    let extra: Vec<&Value> = findings.iter().filter(|f| f["rule"] == "change-mismatch-sentence").collect();
    assert!(!extra.is_empty(), "no finding of the extra rule:\n{stdout}");
    assert!(extra.iter().all(|f| f["severity"] == "warning"), "{stdout}");
    // Within one sentence it fires where the built-in rule does in fixture 03...
    assert!(extra.iter().any(|f| f["file"] == WITHIN_SENTENCE), "{stdout}");
    // ...but not across sentences, which is all that fixture 01 has.
    assert!(extra.iter().all(|f| f["file"] != CANONICAL), "{stdout}");
    assert!(findings.iter().any(|f| f["rule"] == "change-mismatch" && f["file"] == CANONICAL), "{stdout}");
}

#[test]
fn claims_json_reports_mentions_with_bounds() {
    let (code, stdout, stderr) = run(&["claims", "--format", "json", CANONICAL]);
    assert_eq!(code, 0, "{stderr}");
    let value = parse_json(&stdout);
    for key in ["version", "file", "date", "mentions", "claims"] {
        assert!(value.get(key).is_some(), "no {key:?} in {stdout}");
    }
    assert_eq!(value["version"], 1);
    assert_eq!(value["file"], CANONICAL);
    assert_eq!(value["date"], "2023-02-21");
    assert!(value["claims"].is_array());
    let mentions = value["mentions"].as_array().expect("mentions is an array");
    let close = |v: &Value, want: f64| v.as_f64().is_some_and(|x| (x - want).abs() < 1e-3);
    let found = mentions.iter().any(|m| {
        m["kind"] == "money"
            && close(&m["value"], 30_000_000_000.0)
            && m["unit"] == "USD"
            && close(&m["low"], 29_500_000_000.0)
            && close(&m["high"], 30_500_000_000.0)
    });
    assert!(found, "no money mention of $30 billion [29.5e9, 30.5e9] USD in:\n{stdout}");
}

#[test]
fn a_closed_output_pipe_does_not_panic() {
    // Enough output to overflow the pipe's buffer after the reader has gone.
    let mut args = vec!["check", "--format", "json"];
    args.extend(std::iter::repeat_n("fixtures", 60));
    let mut child = command(&args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut stdout = child.stdout.take().expect("stdout is piped");
    let stderr = drain(child.stderr.take().expect("stderr is piped"));
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).expect("some output arrives");
    drop(stdout);
    // Checking 60 × the fixtures takes well under a second when the output is read.
    let status =
        wait_or_kill(&mut child, "check --format json fixtures (×60) with its reader gone", Duration::from_secs(20));
    let stderr = String::from_utf8_lossy(&stderr.join().expect("stderr reader")).into_owned();
    assert!(first.starts_with(b"{\"version\""), "{:?}", String::from_utf8_lossy(&first));
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_ne!(status.code(), Some(101), "{stderr}");
    assert!(status.code().is_some(), "killed by a signal: {status:?}; stderr:\n{stderr}");
}

#[test]
fn human_output_shows_rule_arithmetic_and_help() {
    let (code, stdout, stderr) = run(&["check", "--color", "never", CANONICAL]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stdout.contains("change-mismatch"), "{stdout}");
    assert!(stdout.contains("33.6"), "{stdout}");
    assert!(
        stdout.lines().any(|l| l.trim_start().starts_with("help:") && l.contains("33.6")),
        "no help line:\n{stdout}"
    );
    assert!(!stdout.contains('\u{1b}'), "colour codes with --color never:\n{stdout}");
}

#[test]
fn the_locale_decides_how_digits_are_grouped() {
    let text = "Der Umsatz lag bei 1.234,5 €.\n";
    let value = |args: &[&str]| {
        let (code, stdout, stderr) = run_with_stdin(args, text);
        assert_eq!(code, 0, "{stderr}");
        parse_json(&stdout)["mentions"][0]["value"].as_f64()
    };
    assert_eq!(value(&["claims", "--format", "json", "--locale", "de", "-"]), Some(1234.5));
    // Read as English, the German form is still understood, and the claim says how.
    let (_, stdout, _) = run_with_stdin(&["claims", "--format", "json", "-"], text);
    let mention = &parse_json(&stdout)["mentions"][0];
    assert_eq!(mention["value"].as_f64(), Some(1234.5), "{mention}");
    assert!(mention["note"].as_str().is_some_and(|n| n.contains("grouping")), "{mention}");
    let (code, _, stderr) = run(&["claims", "--locale", "fr", CLEAN]);
    assert_eq!(code, 2);
    assert!(stderr.contains("fr"), "{stderr}");
}

#[test]
fn claims_say_which_lexicon_entries_read_a_mention() {
    let (code, stdout, stderr) =
        run_with_stdin(&["claims", "--format", "json", "-"], "Profit was about $4.5bn a year.\n");
    assert_eq!(code, 0, "{stderr}");
    let mention = &parse_json(&stdout)["mentions"][0];
    let entries: Vec<&str> = mention["lexicon"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
    assert_eq!(entries, ["currencies: $", "scales: bn", "qualifiers: about", "per_units: year"], "{mention}");
    assert_eq!(mention["per"], "year");
    let (_, human, _) = run_with_stdin(&["claims", "-"], "Profit was about $4.5bn a year.\n");
    assert!(human.contains("via currencies: $; scales: bn; qualifiers: about; per_units: year"), "{human}");
}

#[test]
fn a_lexicon_file_beside_the_rules_extends_what_is_read() {
    let dir = common::temp_dir("test-lexicon");
    std::fs::create_dir_all(dir.join("lexicons")).unwrap();
    let yaml = "currencies:\n  - { code: ISK, words: [\"Icelandic kronur\"] }\nunits:\n  - { unit: furlong, words: [furlongs] }\nvague_amounts: [\"a smattering of\"]\n";
    std::fs::write(dir.join("lexicons/house.yaml"), yaml).unwrap();
    let text = "It cost 400 Icelandic kronur, ran 3 furlongs and drew a smattering of fans.\n";
    let args = ["claims", "--format", "json", "--rules", dir.to_str().unwrap(), "-"];
    let (code, stdout, stderr) = run_with_stdin(&args, text);
    assert_eq!(code, 0, "{stderr}");
    let json = parse_json(&stdout);
    let mentions = json["mentions"].as_array().unwrap();
    let read: Vec<(&str, &str)> =
        mentions.iter().map(|m| (m["text"].as_str().unwrap(), m["unit"].as_str().unwrap_or("-"))).collect();
    assert_eq!(read, [("400 Icelandic kronur", "ISK"), ("3 furlongs", "furlong"), ("a smattering", "fans")], "{json}");
    assert_eq!(mentions[2]["form"], "vague");
    // Without the file, none of them is read as more than a number.
    let (_, plain, _) = run_with_stdin(&["claims", "--format", "json", "-"], text);
    let plain = parse_json(&plain);
    assert!(
        plain["mentions"].as_array().unwrap().iter().all(|m| m["unit"] != "ISK" && m["unit"] != "furlong"),
        "{plain}"
    );
}

#[test]
fn naming_the_built_in_rules_again_loads_them_once() {
    let (code, stdout, stderr) =
        run(&["check", "--rules", "rules", "--format", "json", "fixtures/01-trade-canonical.md"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(parse_json(&stdout)["findings"].as_array().map(Vec::len), Some(1));
}
