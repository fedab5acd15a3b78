//! The human report of a `factlint test` run: one line per failing case with
//! its details indented below, notes on stale snapshots, and a summary line.
//!
//! Plain text; with colour on, only outcome words and diff lines are coloured,
//! so the text reads the same either way.

use std::io::{self, Write};

use super::run::{Outcome, RunReport};

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const CYAN: &str = "\x1b[36m";
const YELLOW: &str = "\x1b[33m";
const RESET: &str = "\x1b[0m";

/// How many cases ended each way.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub cases: usize,
    pub validated: usize,
    pub updated: usize,
    pub changed: usize,
    pub unsnapshotted: usize,
    pub missing: usize,
    pub noisy: usize,
}

impl Counts {
    /// The counts of a run's cases.
    pub fn of(report: &RunReport) -> Counts {
        let mut counts = Counts::default();
        for result in &report.results {
            counts.cases += 1;
            *match result.outcome {
                Outcome::Validated => &mut counts.validated,
                Outcome::Updated => &mut counts.updated,
                Outcome::Changed => &mut counts.changed,
                Outcome::Unsnapshotted => &mut counts.unsnapshotted,
                Outcome::Missing => &mut counts.missing,
                Outcome::Noisy => &mut counts.noisy,
            } += 1;
        }
        counts
    }
}

/// Writes the report: failing cases (and, when `verbose`, passing ones and rules
/// without tests), stale snapshot entries, then the summary line.
pub fn write_report(out: &mut impl Write, report: &RunReport, verbose: bool, color: bool) -> io::Result<()> {
    let paint = |text: &str, code: &str| if color { format!("{code}{text}{RESET}") } else { text.to_string() };
    for result in &report.results {
        let shown = verbose || result.outcome != Outcome::Validated;
        if !shown {
            continue;
        }
        let code = if result.outcome.is_failure() { RED } else { GREEN };
        writeln!(out, "{} {}: {}", result.rule, result.case, paint(result.outcome.as_str(), code))?;
        for line in result.detail.lines() {
            let painted = match line.as_bytes().first() {
                _ if !color || !result.outcome.is_failure() => line.to_string(),
                Some(b'-') if !line.starts_with("---") => paint(line, RED),
                Some(b'+') if !line.starts_with("+++") => paint(line, GREEN),
                Some(b'@') => paint(line, CYAN),
                _ => line.to_string(),
            };
            writeln!(out, "    {painted}")?;
        }
    }
    if verbose {
        for (rule, path) in &report.untested {
            writeln!(out, "{rule}: no tests ({path})")?;
        }
    }
    for stale in &report.stale {
        let what = match &stale.case {
            Some(case) => format!("{}: stale entry {} {} (no such case any more)", stale.file, stale.rule, case),
            None => format!("{}: stale snapshot file (no rule file for it any more)", stale.file),
        };
        if report.updated {
            writeln!(out, "pruned {what}")?;
        } else {
            writeln!(out, "{}: {what}; `factlint test --update` removes it", paint("note", YELLOW))?;
        }
    }
    let counts = Counts::of(report);
    let mut line = format!(
        "{} {}: {} validated, {} changed, {} unsnapshotted, {} missing, {} noisy",
        counts.cases,
        if counts.cases == 1 { "case" } else { "cases" },
        counts.validated,
        counts.changed,
        counts.unsnapshotted,
        counts.missing,
        counts.noisy
    );
    if report.updated {
        line.push_str(&format!(", {} updated", counts.updated));
    }
    writeln!(out, "{line}")
}
