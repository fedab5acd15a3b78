//! The command line: argument parsing, file discovery, parallel checking with
//! ordered, streamed output, and exit codes (0 clean, 1 findings at or above the
//! failing severity, 2 usage or configuration error).

mod files;
mod rules;
mod test;

use std::io::{self, BufWriter, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;

use clap::{Args, Parser, Subcommand, ValueEnum};
use rayon::prelude::*;

use crate::extract::Locale;
use crate::findings::{Finding, Severity};
use crate::input::{Document, Format};
use crate::report::{OutputFormat, Reporter, Summary, claims as claims_report};
use crate::rules::RuleSet;
use crate::{Engine, Gathered};

/// factlint: finds figures and dates in an article that contradict each other.
#[derive(Debug, Parser)]
#[command(name = "factlint", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check articles and report inconsistencies.
    Check(CheckArgs),
    /// Show every mention and claim the engine reads in one file.
    Claims(ClaimsArgs),
    /// Run the tests of rule files and compare them with their snapshots.
    Test(test::TestArgs),
    /// List every rule: id, kind, severity, source file and what it catches.
    Rules(RulesArgs),
    /// Print a rule's documentation.
    Explain(ExplainArgs),
}

#[derive(Debug, Args)]
struct RulesArgs {
    /// A directory of extra rule files (and lexicons/ files); repeatable.
    #[arg(long = "rules", value_name = "DIR")]
    rules: Vec<PathBuf>,
}

#[derive(Debug, Args)]
struct ExplainArgs {
    /// The rule's id, e.g. change-mismatch.
    id: String,
    /// A directory of extra rule files (and lexicons/ files); repeatable.
    #[arg(long = "rules", value_name = "DIR")]
    rules: Vec<PathBuf>,
}

#[derive(Debug, Args)]
struct CommonArgs {
    /// A directory of extra rule files (and lexicons/ files); repeatable.
    #[arg(long = "rules", value_name = "DIR")]
    rules: Vec<PathBuf>,
    /// The publication date, YYYY-MM-DD; overrides front matter.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    date: Option<jiff::civil::Date>,
    /// How the articles write digits and numeric dates: en "1,234.5" and 04/06 as
    /// April 6; de "1.234,5" and 04.06. as 4 June. Overrides front matter `locale:`;
    /// without either, en.
    #[arg(long, value_enum)]
    locale: Option<Locale>,
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// Files or directories (directories recurse to *.md, *.markdown, *.txt); `-` reads stdin.
    #[arg(value_name = "PATHS", default_value = ".")]
    paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,
    #[command(flatten)]
    common: CommonArgs,
    /// Exit 1 when a finding has this severity or higher.
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    fail_on: FailOn,
    /// Worker threads (default: one per core).
    #[arg(long, short = 'j', value_name = "N")]
    threads: Option<usize>,
    /// When to colour human output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// Show the arithmetic behind each finding.
    #[arg(long)]
    explain: bool,
}

#[derive(Debug, Args)]
struct ClaimsArgs {
    /// The file to read; `-` reads stdin.
    file: PathBuf,
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,
    #[command(flatten)]
    common: CommonArgs,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FailOn {
    Info,
    Warning,
    Error,
    /// Never exit 1 for findings.
    Never,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

/// Reads `--date` the way front matter dates are read ([`crate::input::parse_date`]).
fn parse_date(text: &str) -> Result<jiff::civil::Date, String> {
    crate::input::parse_date(text).ok_or_else(|| format!("`{text}` is not a date; write it as YYYY-MM-DD"))
}

/// Parses the arguments and runs; the binary's whole `main`.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) if err.use_stderr() => {
            // A usage error is one line, like every other error factlint reports.
            let rendered = err.render().to_string();
            let first = rendered.lines().find(|l| !l.trim().is_empty()).unwrap_or("invalid arguments");
            eprintln!("factlint: {}", first.trim_start_matches("error: "));
            return ExitCode::from(2);
        }
        Err(help_or_version) => {
            let _ = help_or_version.print();
            return ExitCode::SUCCESS;
        }
    };
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            eprintln!("factlint: {message}");
            ExitCode::from(2)
        }
    }
}

fn engine(common: &CommonArgs) -> Result<Engine, String> {
    Engine::new(rule_set(&common.rules)?).map_err(|e| e.to_string())
}

/// The built-in rules and lexicon, and those of every `--rules` directory.
fn rule_set(dirs: &[PathBuf]) -> Result<RuleSet, String> {
    let mut set = RuleSet::builtin().map_err(|e| e.to_string())?;
    for dir in dirs {
        set.add_dir(dir).map_err(|e| e.to_string())?;
    }
    Ok(set)
}

fn run(cli: Cli) -> Result<u8, String> {
    match cli.command {
        Command::Check(args) => check(args),
        Command::Claims(args) => claims(args),
        Command::Test(args) => test::test(args),
        Command::Rules(args) => rules::list(&args.rules),
        Command::Explain(args) => rules::explain(&args.id, &args.rules),
    }
}

/// What the command line says about every document, over its front matter.
#[derive(Debug, Clone, Copy)]
struct Settings {
    date: Option<jiff::civil::Date>,
    locale: Option<Locale>,
}

impl Settings {
    fn of(common: &CommonArgs) -> Settings {
        Settings { date: common.date, locale: common.locale }
    }
}

/// Reads and parses one input; errors are one line naming the file.
fn load(path: &std::path::Path, common: &Settings) -> Result<Document, String> {
    let (name, bytes) = if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        io::stdin().read_to_end(&mut bytes).map_err(|e| format!("<stdin>: cannot read: {e}"))?;
        ("<stdin>".to_string(), bytes)
    } else {
        let name = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| format!("{name}: cannot read: {e}"))?;
        (name, bytes)
    };
    // Read as bytes, so that text that is not UTF-8 is reported where it breaks.
    let text = crate::rules::locate::utf8(bytes)
        .map_err(|((line, column), message)| format!("{name}:{line}:{column}: {message}"))?;
    let format = if path.extension().is_some_and(|e| e == "txt") { Format::PlainText } else { Format::Markdown };
    let mut doc = Document::parse(name, text, format).map_err(|e| e.to_string())?;
    if common.date.is_some() {
        doc.publication_date = common.date;
    }
    if common.locale.is_some() {
        doc.locale = common.locale;
    }
    Ok(doc)
}

fn claims(args: ClaimsArgs) -> Result<u8, String> {
    let engine = engine(&args.common)?;
    let doc = load(&args.file, &Settings::of(&args.common))?;
    let analysis = engine.analyse(&doc);
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let written = match args.format {
        OutputFormat::Json => claims_report::write_json(&mut out, &doc, &analysis),
        OutputFormat::Human => claims_report::write_human(&mut out, &doc, &analysis),
    };
    match written.and_then(|_| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(format!("cannot write output: {e}")),
        _ => Ok(0),
    }
}

/// One input's outcome, sent from the workers to the writer.
type Outcome = Result<(Document, Vec<Finding>, Gathered), String>;

fn check(args: CheckArgs) -> Result<u8, String> {
    let engine = engine(&args.common)?;
    let paths = files::discover(&args.paths)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()
        .map_err(|e| format!("cannot start worker threads: {e}"))?;
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let threshold = match args.fail_on {
        FailOn::Info => Some(Severity::Info),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Error => Some(Severity::Error),
        FailOn::Never => None,
    };
    let stdout = io::stdout();
    let mut writer = Writer {
        reporter: Reporter::new(args.format, color),
        out: BufWriter::new(stdout.lock()),
        summary: Summary::default(),
        threshold,
        failing: false,
        input_errors: 0,
        gathered: Vec::new(),
        documents: Vec::new(),
    };
    let settings = Settings::of(&args.common);
    let explain = args.explain;
    let check_one = |path: &PathBuf| -> Outcome {
        load(path, &settings).map(|doc| {
            let (mut findings, gathered) = engine.check_gathering(&doc);
            if !explain {
                findings.iter_mut().for_each(|f| f.explain.clear());
            }
            (doc, findings, gathered)
        })
    };
    let write_result = writer.reporter.begin(&mut writer.out).and_then(|()| {
        if pool.current_num_threads() == 1 {
            // One worker: check and write in turn, with no thread to hand results to.
            paths.iter().try_for_each(|path| writer.write(check_one(path)))
        } else {
            check_in_parallel(&pool, &paths, &check_one, &mut writer)
        }
    });
    // Rules across documents report once every document is in, in input order.
    let write_result = write_result.and_then(|()| {
        let gathered = std::mem::take(&mut writer.gathered);
        let mut findings = engine.compare_gathered(&gathered);
        if !explain {
            findings.iter_mut().for_each(|f| f.explain.clear());
        }
        writer.write_across(findings)
    });
    let write_result = write_result.and_then(|()| {
        writer.reporter.finish(&mut writer.out, &writer.summary)?;
        writer.out.flush()
    });
    // A closed pipe (`factlint check | head`) ends the run quietly.
    if let Err(e) = write_result
        && e.kind() != io::ErrorKind::BrokenPipe
    {
        return Err(format!("cannot write output: {e}"));
    }
    Ok(if writer.input_errors > 0 {
        2
    } else if writer.failing {
        1
    } else {
        0
    })
}

/// Checks `paths` on the pool's threads and writes each outcome in input order
/// as soon as it and all before it are done.
fn check_in_parallel(
    pool: &rayon::ThreadPool,
    paths: &[PathBuf],
    check_one: &(dyn Fn(&PathBuf) -> Outcome + Sync),
    writer: &mut Writer<'_>,
) -> io::Result<()> {
    let (sender, receiver) = mpsc::sync_channel::<(usize, Outcome)>(64);
    let cancelled = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let cancelled = &cancelled;
        scope.spawn(move || {
            pool.install(|| {
                paths.par_iter().enumerate().for_each_with(sender, |sender, (i, path)| {
                    if cancelled.load(Ordering::Relaxed) {
                        return;
                    }
                    // The writer hangs up only when output is gone; the rest of the work is moot.
                    if sender.send((i, check_one(path))).is_err() {
                        cancelled.store(true, Ordering::Relaxed);
                    }
                });
            });
        });
        // Owned here, so that an early return on a closed output hangs up on the workers.
        let receiver = receiver;
        // Results arrive in any order; write them in input order as soon as each is next.
        let mut pending = std::collections::BTreeMap::new();
        let mut next = 0;
        for (i, outcome) in receiver.iter() {
            pending.insert(i, outcome);
            while let Some(outcome) = pending.remove(&next) {
                next += 1;
                writer.write(outcome)?;
            }
        }
        Ok(())
    })
}

/// Where results go: the report, the summary and what the exit code will be.
struct Writer<'a> {
    reporter: Reporter,
    out: BufWriter<io::StdoutLock<'a>>,
    summary: Summary,
    threshold: Option<Severity>,
    failing: bool,
    input_errors: usize,
    /// What each document contributes to rules across documents, in input order.
    gathered: Vec<Gathered>,
    /// The documents that contributed, kept to show findings across documents.
    documents: Vec<Document>,
}

impl Writer<'_> {
    /// Writes one input's findings, or reports why it could not be read.
    fn write(&mut self, outcome: Outcome) -> io::Result<()> {
        match outcome {
            Ok((doc, findings, gathered)) => {
                self.summary.add(&findings);
                self.failing |= self.threshold.is_some_and(|t| findings.iter().any(|f| f.severity >= t));
                self.reporter.file(&mut self.out, &doc, &findings)?;
                if !gathered.is_empty() {
                    self.gathered.push(gathered);
                    self.documents.push(doc);
                }
                Ok(())
            }
            Err(message) => {
                self.input_errors += 1;
                self.out.flush()?;
                eprintln!("factlint: {message}");
                Ok(())
            }
        }
    }

    /// Writes the findings across documents, grouped by the file they point at.
    fn write_across(&mut self, findings: Vec<Finding>) -> io::Result<()> {
        self.summary.add_findings_only(&findings);
        self.failing |= self.threshold.is_some_and(|t| findings.iter().any(|f| f.severity >= t));
        for doc in &self.documents {
            let of_doc: Vec<Finding> = findings.iter().filter(|f| f.file == doc.path).cloned().collect();
            if !of_doc.is_empty() {
                self.reporter.file(&mut self.out, doc, &of_doc)?;
            }
        }
        Ok(())
    }
}
