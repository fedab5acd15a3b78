//! Human output: each finding as an annotated source excerpt, then a one-line summary.
//!
//! ```text
//! warning[change-mismatch]: a rise from 120 to 150 is 25%, not 30%
//!  --> a.md:3:12
//!   |
//! 3 | Sales rose 30% from 120 in 2021 to 150 in 2022.
//!   |            ^^^      --- 2021 level
//!   |            |
//!   |            stated here
//!   |
//! help: state 25% or correct one of the levels
//!
//! 1 finding (1 warning) in 1 file
//! ```
//!
//! The finding's span carries the primary annotation (labelled with `Finding::label`
//! unless that is empty), each related span a context annotation with its own label, and
//! `help` becomes a help line. Only the lines the spans cover are handed to
//! annotate-snippets, numbered as in the file; related spans more than
//! [`MAX_GAP_LINES`] lines away from the others get an excerpt of their own, so the
//! lines in between are neither copied nor rendered. A long line (a paragraph
//! with no line breaks, a minified file) is cropped to [`CONTEXT_BYTES`] either
//! side of its marks, and marks more than [`MAX_GAP_BYTES`] apart on it get
//! excerpts of their own, so a finding's output stays a few lines whatever the line
//! lengths, and the `-->` location still gives the file's line and column.

use std::fmt;
use std::io::{self, Write};
use std::ops::Range;

use annotate_snippets::{Annotation, AnnotationKind, Group, Level, Renderer, Snippet};

use super::Summary;
use crate::findings::{Finding, Severity};
use crate::input::{Document, ceil_char_boundary, floor_char_boundary};

/// Spans whose lines are at most this many lines apart share one excerpt.
pub const MAX_GAP_LINES: usize = 8;

/// Spans on one line more than this many bytes apart get excerpts of their own.
pub const MAX_GAP_BYTES: usize = 600;

/// Spans on different lines with more than this many bytes between them get
/// excerpts of their own, however few the lines: the lines between are folded
/// in the output, but still read.
pub const MAX_GAP_BYTES_ACROSS_LINES: usize = 16 * 1024;

/// How much of a long line is shown either side of the marks on it.
pub const CONTEXT_BYTES: usize = 120;

/// Renders findings with annotate-snippets, styled with ANSI colours or plain.
#[derive(Debug, Clone)]
pub struct HumanReporter {
    renderer: Renderer,
}

impl HumanReporter {
    /// A reporter that uses ANSI styling when `color` is true.
    pub fn new(color: bool) -> HumanReporter {
        let renderer = if color { Renderer::styled() } else { Renderer::plain() };
        HumanReporter { renderer }
    }

    /// Writes nothing: the human format has no header.
    pub fn begin(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    /// Writes each finding of `doc` as an annotated excerpt followed by a blank line.
    pub fn file(&mut self, out: &mut dyn Write, doc: &Document, findings: &[Finding]) -> io::Result<()> {
        if findings.is_empty() {
            return Ok(());
        }
        for finding in findings {
            let text = render_finding(&self.renderer, doc, finding);
            out.write_all(text.as_bytes())?;
            out.write_all(b"\n\n")?;
        }
        Ok(())
    }

    /// Writes the summary line, e.g. `2 findings (1 error, 1 warning) in 3 files`.
    pub fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        writeln!(out, "{}", SummaryLine(summary))
    }
}

/// Renders one finding of `doc` (without a trailing newline).
fn render_finding(renderer: &Renderer, doc: &Document, finding: &Finding) -> String {
    let level = match finding.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    };

    let mut marks = Vec::with_capacity(1 + finding.related.len());
    marks.push(Mark::new(doc, finding.span.start..finding.span.end, &finding.label, true));
    for related in &finding.related {
        marks.push(Mark::new(doc, related.span.start..related.span.end, &related.label, false));
    }

    let (snippets, crops): (Vec<_>, Vec<_>) =
        excerpts(&marks).iter().enumerate().map(|(i, excerpt)| snippet(doc, &finding.file, excerpt, i)).unzip();
    let mut report = vec![level.primary_title(finding.message.as_str()).id(finding.rule.as_str()).elements(snippets)];
    if let Some(help) = &finding.help {
        report.push(Group::with_title(Level::HELP.secondary_title(help.as_str())));
    }
    // The arithmetic, when asked for (`check --explain`), one step per note.
    for step in &finding.explain {
        report.push(Group::with_title(Level::NOTE.secondary_title(step.as_str())));
    }
    let mut rendered = renderer.render(&report);
    for crop in crops.iter().flatten() {
        relocate(&mut rendered, &finding.file, crop);
    }
    rendered
}

/// A span to annotate, clamped to the source and to character boundaries.
#[derive(Debug, Clone, Copy)]
struct Mark<'a> {
    bytes: (usize, usize),
    /// 1-based lines of the first and the last character.
    lines: (usize, usize),
    label: &'a str,
    primary: bool,
}

impl<'a> Mark<'a> {
    fn new(doc: &Document, span: Range<usize>, label: &'a str, primary: bool) -> Mark<'a> {
        // Findings are plain data: their spans are made safe here, once.
        let Range { start, end } = doc.source_range(span);
        let first = doc.line_of(start);
        let last = if end > start { doc.line_of(end - 1) } else { first };
        Mark { bytes: (start, end), lines: (first, last), label, primary }
    }
}

/// Marks that share an excerpt, and the 1-based lines it shows.
#[derive(Debug)]
struct Excerpt<'a> {
    lines: (usize, usize),
    marks: Vec<Mark<'a>>,
}

/// Groups marks into excerpts: marks in line order join the current excerpt while they
/// start at most [`MAX_GAP_LINES`] lines after its end. The excerpt holding the primary
/// mark comes first (so the `-->` location is the finding's), the others in line order.
fn excerpts<'a>(marks: &[Mark<'a>]) -> Vec<Excerpt<'a>> {
    let mut sorted = marks.to_vec();
    sorted.sort_by_key(|m| m.lines);
    let mut out: Vec<Excerpt<'a>> = Vec::new();
    for mark in sorted {
        let near = |current: &Excerpt<'a>| {
            let bytes_end = current.marks.iter().map(|m| m.bytes.1).max().unwrap_or(0);
            let max_gap = if mark.lines.0 == current.lines.1 { MAX_GAP_BYTES } else { MAX_GAP_BYTES_ACROSS_LINES };
            mark.lines.0 <= current.lines.1.saturating_add(MAX_GAP_LINES)
                && mark.bytes.0 <= bytes_end.saturating_add(max_gap)
        };
        match out.last_mut() {
            Some(current) if near(current) => {
                current.lines.1 = current.lines.1.max(mark.lines.1);
                current.marks.push(mark);
            }
            _ => out.push(Excerpt { lines: mark.lines, marks: vec![mark] }),
        }
    }
    if let Some(i) = out.iter().position(|e| e.marks.iter().any(|m| m.primary)) {
        let primary = out.remove(i);
        out.insert(0, primary);
    }
    out
}

/// The excerpt's lines of the source as a snippet, with its marks rebased onto
/// them, and how its first line was cropped, if it was.
fn snippet<'a>(
    doc: &'a Document,
    path: &'a str,
    excerpt: &Excerpt<'a>,
    index: usize,
) -> (Snippet<'a, Annotation<'a>>, Option<Crop>) {
    let source = doc.source.as_str();
    let line_start = doc.line_range(excerpt.lines.0).start;
    // A mark may start before the line's first column (on a byte-order mark).
    let marks_start = excerpt.marks.iter().map(|m| m.bytes.0).min().unwrap_or(usize::MAX);
    let mut start = line_start.min(marks_start);
    let marks_end = excerpt.marks.iter().map(|m| m.bytes.1).max().unwrap_or(start);
    let mut end = doc.line_range(excerpt.lines.1).end.max(marks_end);
    // A CRLF line's `\r` is not part of the text (unless a span covers it).
    if end > marks_end && source.as_bytes()[end - 1] == b'\r' {
        end -= 1;
    }
    let mut crop = None;
    if start + CONTEXT_BYTES < marks_start {
        // The first mark is on the excerpt's first line, so the crop is too.
        start = ceil_char_boundary(source, marks_start - CONTEXT_BYTES);
        let chars = source[line_start..start].chars().count();
        crop = Some(Crop { placeholder: format!("\u{E000}{index}\u{E000}"), line: excerpt.lines.0, chars });
    }
    if marks_end + CONTEXT_BYTES < end {
        end = floor_char_boundary(source, marks_end + CONTEXT_BYTES);
    }
    let shown_path = match &crop {
        Some(crop) => crop.placeholder.clone(),
        None => path.to_string(),
    };
    let mut snippet = Snippet::source(&source[start..end]).path(shown_path).line_start(excerpt.lines.0);
    for mark in &excerpt.marks {
        let kind = if mark.primary { AnnotationKind::Primary } else { AnnotationKind::Context };
        let mut annotation = kind.span(mark.bytes.0 - start..mark.bytes.1 - start);
        if !mark.label.is_empty() {
            annotation = annotation.label(mark.label);
        }
        snippet = snippet.annotation(annotation);
    }
    (snippet, crop)
}

/// A snippet whose first line starts `chars` characters into the line.
/// annotate-snippets counts columns from the start of the text it is given, so
/// such a snippet is rendered under a placeholder path, and [`relocate`] puts
/// the real path and column in its place.
#[derive(Debug)]
struct Crop {
    placeholder: String,
    line: usize,
    chars: usize,
}

/// Replaces a cropped snippet's `placeholder:line:column` in `rendered` with the
/// file's path and the column in the whole line.
fn relocate(rendered: &mut String, path: &str, crop: &Crop) {
    let Some(at) = rendered.find(&crop.placeholder) else { return };
    let rest = &rendered[at + crop.placeholder.len()..];
    let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
    let location = rest.strip_prefix(':').and_then(|r| {
        let line_len = digits(r);
        let line: usize = r[..line_len].parse().ok()?;
        let c = r[line_len..].strip_prefix(':')?;
        let column_len = digits(c);
        let column: usize = c[..column_len].parse().ok()?;
        Some((line, column, 1 + line_len + 1 + column_len))
    });
    let replacement = match location {
        Some((line, column, len)) => {
            let column = if line == crop.line { column + crop.chars } else { column };
            (format!("{path}:{line}:{column}"), crop.placeholder.len() + len)
        }
        None => (path.to_string(), crop.placeholder.len()),
    };
    rendered.replace_range(at..at + replacement.1, &replacement.0);
}

/// Formats a [`Summary`] as one line of prose.
struct SummaryLine<'a>(&'a Summary);

impl fmt::Display for SummaryLine<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.0;
        let plural = |n: usize, one: &'static str, many: &'static str| if n == 1 { one } else { many };
        let files = format!("{} {}", s.files, plural(s.files, "file", "files"));
        if s.findings == 0 {
            return write!(f, "no findings in {files}");
        }
        let mut parts = Vec::new();
        if s.errors > 0 {
            parts.push(format!("{} {}", s.errors, plural(s.errors, "error", "errors")));
        }
        if s.warnings > 0 {
            parts.push(format!("{} {}", s.warnings, plural(s.warnings, "warning", "warnings")));
        }
        if s.infos() > 0 {
            parts.push(format!("{} info", s.infos()));
        }
        write!(f, "{} {} ({}) in {files}", s.findings, plural(s.findings, "finding", "findings"), parts.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::findings::Related;
    use crate::report::tests::{doc, finding, span_of};
    use crate::report::{OutputFormat, Reporter};

    const ARTICLE: &str = "# Sales\n\nSales rose 30% from 120 in 2021 to 150 in 2022.\n";

    fn render(docs: &[(&Document, &[Finding])], color: bool) -> String {
        let mut reporter = Reporter::new(OutputFormat::Human, color);
        let mut summary = Summary::default();
        let mut out: Vec<u8> = Vec::new();
        reporter.begin(&mut out).unwrap();
        for (d, findings) in docs {
            reporter.file(&mut out, d, findings).unwrap();
            summary.add(findings);
        }
        reporter.finish(&mut out, &summary).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// The rendered line whose gutter holds `number`, e.g. `3 | Sales rose …`.
    fn numbered_line(text: &str, number: usize) -> Option<&str> {
        text.lines()
            .find(|l| l.trim_start().strip_prefix(&number.to_string()).is_some_and(|rest| rest.starts_with(" |")))
    }

    #[test]
    fn renders_every_part_of_a_finding() {
        let d = doc("a.md", ARTICLE);
        let f = finding(&d, Severity::Warning, "30%", "120");
        let text = render(&[(&d, std::slice::from_ref(&f))], false);

        assert!(text.starts_with("warning[change-mismatch]: a rise from 120 to 150 is 25%, not 30%\n"), "{text}");
        assert!(text.contains("--> a.md:3:12"), "{text}");
        let line = numbered_line(&text, 3).unwrap_or_else(|| panic!("no line 3 in\n{text}"));
        assert!(line.ends_with("| Sales rose 30% from 120 in 2021 to 150 in 2022."), "{text}");
        assert!(text.contains("stated here"), "{text}");
        assert!(text.contains("2021 level"), "{text}");
        assert!(text.contains("help: state 25% or correct one of the levels"), "{text}");
        // Only the covered line is shown: not the heading on line 1.
        assert!(!text.contains("# Sales"), "{text}");
        // Plain means no ANSI escapes.
        assert!(!text.contains('\x1b'), "{text}");
        assert!(text.ends_with("\n\n1 finding (1 warning) in 1 file\n"), "{text}");
    }

    #[test]
    fn primary_and_related_are_marked_under_their_columns() {
        let d = doc("a.md", ARTICLE);
        let f = finding(&d, Severity::Error, "30%", "120");
        let text = render(&[(&d, &[f])], false);
        let lines: Vec<&str> = text.lines().collect();
        let source =
            lines.iter().position(|l| l.ends_with("| Sales rose 30% from 120 in 2021 to 150 in 2022.")).unwrap();
        let marks = lines[source + 1];
        let text_col = lines[source].find("Sales").unwrap();
        assert_eq!(marks.find('^'), Some(text_col + 11), "{text}");
        assert_eq!(marks.find('-'), Some(text_col + 20), "{text}");
        assert!(text.starts_with("error[change-mismatch]:"), "{text}");
    }

    #[test]
    fn line_numbers_are_the_file_lines_and_only_covered_lines_are_passed() {
        let mut src = String::new();
        for i in 1..=60 {
            if i == 40 {
                src.push_str("Revenue grew 30% from 120 to 150.\n");
            } else {
                src.push_str(&format!("Filler line number {i}.\n"));
            }
        }
        let d = doc("long.md", &src);
        let start_of_40 = src.find("Revenue").unwrap();
        let f = Finding {
            span: span_of(&src, "30%", start_of_40),
            related: vec![Related { label: "earlier".to_string(), span: span_of(&src, "120", start_of_40) }],
            ..finding(&d, Severity::Info, "30%", "120")
        };
        assert_eq!(f.span.line, 40);

        let text = render(&[(&d, &[f])], false);
        assert!(text.starts_with("info[change-mismatch]:"), "{text}");
        assert!(text.contains("--> long.md:40:14"), "{text}");
        let line = numbered_line(&text, 40).unwrap_or_else(|| panic!("no line 40 in\n{text}"));
        assert!(line.ends_with("| Revenue grew 30% from 120 to 150."), "{text}");
        // Nothing else from the file: neither neighbours nor a line numbered 1.
        assert!(!text.contains("Filler"), "{text}");
        assert!(numbered_line(&text, 1).is_none(), "{text}");
    }

    #[test]
    fn far_related_spans_get_their_own_excerpt() {
        let mut src = String::new();
        for i in 1..=60 {
            match i {
                5 => src.push_str("In 2021 sales were 120 units.\n"),
                50 => src.push_str("Sales rose 30% to 150 units.\n"),
                52 => src.push_str("That is 150 units in 2022.\n"),
                _ => src.push_str(&format!("Filler line number {i}.\n")),
            }
        }
        let d = doc("far.md", &src);
        let f = Finding {
            related: vec![
                Related { label: "2021 level".to_string(), span: span_of(&src, "120", 0) },
                Related { label: "2022 level".to_string(), span: span_of(&src, "150", src.find("That").unwrap()) },
            ],
            ..finding(&d, Severity::Warning, "30%", "120")
        };
        let text = render(&[(&d, &[f])], false);

        // The primary's excerpt comes first and includes the nearby related line.
        let at = |needle: &str| text.find(needle).unwrap_or_else(|| panic!("{needle:?} missing in\n{text}"));
        assert!(at("--> far.md:50:12") < at("::: far.md:5:20"), "{text}");
        assert!(numbered_line(&text, 50).is_some_and(|l| l.ends_with("| Sales rose 30% to 150 units.")), "{text}");
        assert!(numbered_line(&text, 52).is_some_and(|l| l.ends_with("| That is 150 units in 2022.")), "{text}");
        assert!(numbered_line(&text, 5).is_some_and(|l| l.ends_with("| In 2021 sales were 120 units.")), "{text}");
        assert!(text.contains("2021 level") && text.contains("2022 level"), "{text}");
        // The 44 lines between the excerpts are not rendered (line 51 may be, within one).
        for n in [6, 20, 49] {
            assert!(!text.contains(&format!("Filler line number {n}.")), "line {n} in\n{text}");
        }
    }

    #[test]
    fn a_long_line_is_cropped_around_its_marks_with_the_real_columns() {
        // One 100 KB paragraph with no line break; accented filler so that
        // columns (characters) and bytes differ.
        let filler = "Déjà vu, encore une fois. ".repeat(2_000);
        let src = format!("# Title\n\n{filler}Sales rose 30% to 150 units. {filler}In 2021 sales were 120 units.\n");
        let d = doc("long.md", &src);
        let rose = src.find("30%").unwrap();
        let f = Finding {
            related: vec![Related { label: "2021 level".to_string(), span: span_of(&src, "120", rose) }],
            ..finding(&d, Severity::Warning, "30%", "120")
        };
        let column = |at: usize| src[src[..at].rfind('\n').unwrap() + 1..at].chars().count() + 1;
        let text = render(&[(&d, &[f])], false);

        // A few lines, not the whole paragraph twice over.
        assert!(text.len() < 2_000, "{} bytes:\n{text}", text.len());
        assert!(text.lines().count() < 20, "{text}");
        // The locations are the file's line and column, as JSON gives them.
        let related = src[rose..].find("120").unwrap() + rose;
        assert!(text.contains(&format!("--> long.md:3:{}", column(rose))), "{text}");
        assert!(text.contains(&format!("::: long.md:3:{}", column(related))), "{text}");
        assert!(!text.contains('\u{E000}'), "{text}");
        assert!(text.contains("Sales rose 30% to 150 units.") && text.contains("2021 level"), "{text}");
        // The gutter still numbers the file's line.
        assert!(numbered_line(&text, 3).is_some(), "{text}");
    }

    #[test]
    fn marks_on_nearby_lines_of_long_prose_share_one_excerpt() {
        // Paragraph lines of a few hundred bytes put the two marks well over
        // MAX_GAP_BYTES apart, but only four lines: one excerpt, as for short lines.
        let prose = "Shipments by rail and road were counted at every border post that week. ".repeat(5);
        let src = format!("In 2021 sales were 120 units. {prose}\n\n{prose}\n\n{prose}Sales rose 30% to 150 units.\n");
        let d = doc("near.md", &src);
        let f = finding(&d, Severity::Warning, "30%", "120");
        assert!(f.span.start - f.related[0].span.end > MAX_GAP_BYTES);
        let text = render(&[(&d, &[f])], false);
        assert!(text.contains("--> near.md:5:"), "{text}");
        assert!(!text.contains(":::"), "{text}");
    }

    #[test]
    fn empty_labels_and_missing_help_are_left_out() {
        let d = doc("a.md", ARTICLE);
        let mut f = finding(&d, Severity::Warning, "30%", "120");
        f.label.clear();
        f.related[0].label.clear();
        f.help = None;
        let text = render(&[(&d, &[f])], false);
        assert!(!text.contains("help"), "{text}");
        let lines: Vec<&str> = text.lines().collect();
        let source = lines.iter().position(|l| l.contains("| Sales rose")).unwrap();
        // The marks line holds only the markers, no label text.
        assert_eq!(lines[source + 1].trim_end().rsplit(' ').next(), Some("---"), "{text}");
        assert!(!lines[source + 2].chars().any(char::is_alphanumeric), "{text}");
    }

    #[test]
    fn out_of_range_and_mid_character_spans_do_not_panic() {
        let src = "Prix : 30 € en 2021.\n";
        let d = doc("e.md", src);
        let euro = src.find('€').unwrap();
        let mut f = finding(&d, Severity::Warning, "30", "2021");
        f.span.start = euro + 1;
        f.span.end = euro + 2;
        f.related[0].span.start = src.len() + 10;
        f.related[0].span.end = src.len() + 3;
        let text = render(&[(&d, &[f])], false);
        assert!(text.contains("| Prix : 30 € en 2021."), "{text}");
    }

    #[test]
    fn a_byte_order_mark_is_not_a_column() {
        let src = "\u{feff}Sales rose 30% from 120 in 2021 to 150 in 2022.\n";
        let d = doc("bom.md", src);
        let at = d.prose.find("30%").unwrap();
        let f = Finding { span: d.span(at..at + 3), ..finding(&d, Severity::Warning, "30%", "120") };
        let text = render(&[(&d, std::slice::from_ref(&f))], false);
        // The same column as the span (and the JSON) gives.
        assert_eq!((f.span.line, f.span.column), (1, 12));
        assert!(text.contains("--> bom.md:1:12"), "{text}");
        assert!(!text.contains('\u{feff}'), "{text}");
        // A span on the mark itself still renders.
        let mut f = f;
        f.span.start = 0;
        let text = render(&[(&d, &[f])], false);
        assert!(text.contains("Sales rose 30%"), "{text}");
    }

    #[test]
    fn color_adds_ansi_styles() {
        let d = doc("a.md", ARTICLE);
        let f = finding(&d, Severity::Warning, "30%", "120");
        let text = render(&[(&d, &[f])], true);
        assert!(text.contains('\x1b'), "{text}");
        assert!(text.contains("change-mismatch") && text.contains("2021 level"), "{text}");
    }

    #[test]
    fn findings_of_several_files_use_their_own_source() {
        let a = doc("a.md", ARTICLE);
        let b = doc("b.md", "Costs fell 10% from 200 to 150.\n");
        let fa = finding(&a, Severity::Warning, "30%", "120");
        let fb = finding(&b, Severity::Error, "10%", "200");
        let text = render(&[(&a, &[fa]), (&b, &[]), (&b, &[fb])], false);
        assert!(text.contains("--> a.md:3:12"), "{text}");
        assert!(text.contains("--> b.md:1:12"), "{text}");
        assert!(numbered_line(&text, 1).is_some_and(|l| l.ends_with("| Costs fell 10% from 200 to 150.")), "{text}");
        assert!(text.ends_with("\n\n2 findings (1 error, 1 warning) in 3 files\n"), "{text}");
    }

    #[test]
    fn summary_line_wording() {
        let line =
            |files, findings, errors, warnings| SummaryLine(&Summary { files, findings, errors, warnings }).to_string();
        assert_eq!(line(3, 2, 1, 1), "2 findings (1 error, 1 warning) in 3 files");
        assert_eq!(line(3, 0, 0, 0), "no findings in 3 files");
        assert_eq!(line(1, 0, 0, 0), "no findings in 1 file");
        assert_eq!(line(1, 1, 0, 1), "1 finding (1 warning) in 1 file");
        assert_eq!(line(2, 5, 2, 0), "5 findings (2 errors, 3 info) in 2 files");

        let mut out = Vec::new();
        HumanReporter::new(false).finish(&mut out, &Summary { files: 3, ..Summary::default() }).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "no findings in 3 files\n");
    }

    #[test]
    fn write_errors_are_returned() {
        struct Closed;
        impl Write for Closed {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::Error::from(io::ErrorKind::BrokenPipe))
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let d = doc("a.md", ARTICLE);
        let f = finding(&d, Severity::Warning, "30%", "120");
        let mut reporter = HumanReporter::new(false);
        let err = reporter.file(&mut Closed, &d, &[f]).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::BrokenPipe);
        let err = reporter.finish(&mut Closed, &Summary::default()).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::BrokenPipe);
    }
}
