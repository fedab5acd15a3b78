//! `factlint test [DIRS...] [--update]`: runs the tests of the rule files in
//! DIRS and compares invalid cases with their snapshots (see [`crate::ruletest`]).
//!
//! Exit codes: 0 every case passed, 1 a case failed, 2 a rule, test section or
//! snapshot file is broken, or output cannot be written.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;

use clap::Args;

use super::Color;
use crate::ruletest::{self, TestOptions};

#[derive(Debug, Args)]
pub(super) struct TestArgs {
    /// Directories of rule files to test (with their lexicons/ folders).
    #[arg(value_name = "DIRS", default_value = "rules")]
    dirs: Vec<PathBuf>,
    /// Write or rewrite the snapshots of invalid cases that produce findings, and
    /// prune entries whose case or rule is gone.
    #[arg(long)]
    update: bool,
    /// Also list passing cases and rules without tests.
    #[arg(long, short)]
    verbose: bool,
    /// When to colour the output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
}

/// Runs the tests and writes the report; the exit code, or a one-line error.
pub(super) fn test(args: TestArgs) -> Result<u8, String> {
    let report = ruletest::run(&args.dirs, TestOptions { update: args.update }).map_err(|e| e.to_string())?;
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let written = ruletest::write_report(&mut out, &report, args.verbose, color).and_then(|()| out.flush());
    // A closed pipe (`factlint test | head`) still ends with the run's verdict.
    if let Err(e) = written
        && e.kind() != io::ErrorKind::BrokenPipe
    {
        return Err(format!("cannot write output: {e}"));
    }
    Ok(if report.has_failures() { 1 } else { 0 })
}
