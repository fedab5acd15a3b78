//! Input: turns a file's bytes into the prose that extraction reads.
//!
//! Owns the [`Document`] (source, prose, blocks, publication date), the
//! [`Span`]s that locate prose in the original file, and [`InputError`]. The
//! work is split by concern:
//!
//! * `frontmatter` finds and parses YAML front matter and its date;
//! * `markdown` and `plain` turn the rest into prose, block by block;
//! * `offsets` holds the prose-to-source map both of them build;
//! * `lines` turns source offsets into lines and columns;
//! * `sentences` splits blocks into sentences.
//!
//! A UTF-8 byte-order mark at the start of the file is skipped: it never reaches
//! the prose, and columns do not count it.
//!
//! Blocks are joined by `"\n\n"` in [`Document::prose`]. Prose copied verbatim
//! from the source maps back byte for byte; prose that differs from its source
//! (an entity like `&amp;`, a space standing for a line break or skipped inline
//! code, the separator between blocks) maps to the whole source construct it
//! came from.

mod frontmatter;
mod lines;
mod markdown;
mod offsets;
mod plain;
mod sentences;

use std::ops::Range;

use serde::Serialize;

pub use frontmatter::parse_date;

use lines::LineIndex;
use offsets::OffsetMap;
use std::sync::OnceLock;

/// How a file's text is to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// CommonMark with YAML front matter.
    Markdown,
    /// Plain text: blocks are separated by blank lines.
    PlainText,
}

/// A location in the original file: byte range plus 1-based line and column
/// (columns count characters, not bytes). `end_line`/`end_column` point just past the
/// last character.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    /// Byte offset of the first byte, in the original file.
    pub start: usize,
    /// Byte offset just past the last byte, in the original file.
    pub end: usize,
    /// 1-based line of `start`.
    pub line: usize,
    /// 1-based column (in characters) of `start`.
    pub column: usize,
    /// 1-based line of `end`.
    pub end_line: usize,
    /// 1-based column (in characters) of `end`.
    pub end_column: usize,
}

/// An error in the input itself (for instance a front-matter date that is not a date).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// The path as given for the document.
    pub path: String,
    /// 1-based line of the problem.
    pub line: usize,
    /// 1-based column (in characters) of the problem.
    pub column: usize,
    /// What is wrong, and how to put it right where that is clear.
    pub message: String,
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}: {}", self.path, self.line, self.column, self.message)
    }
}

impl std::error::Error for InputError {}

/// How digits are grouped and decimals marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    /// "1,234.5", and numeric dates month first (04/06/2023 is April 6).
    #[default]
    En,
    /// "1.234,5", and numeric dates day first (04.06.2023 is 4 June).
    De,
}

impl Locale {
    /// The locale a tag names: "de", "de-DE", "de_AT" are German; "en", "en-GB" English.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let language = tag.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        match language.as_str() {
            "en" => Some(Locale::En),
            "de" => Some(Locale::De),
            _ => None,
        }
    }
}

/// A parsed article: its source, the prose extraction sees, and the way back.
#[derive(Debug, Clone)]
pub struct Document {
    /// The path as given by the user (or `<stdin>`), used in every report.
    pub path: String,
    /// The file exactly as read.
    pub source: String,
    /// The publication date from front matter (`date:`, `published:`, `pubDate:`), if any.
    pub publication_date: Option<jiff::civil::Date>,
    /// How the article writes digits, from front matter (`locale: de`), if it says.
    pub locale: Option<Locale>,
    /// The prose: text of paragraphs, headings, list items and table cells, without code,
    /// HTML, link URLs or front matter. Blocks are separated by "\n\n".
    pub prose: String,
    /// Ranges of `prose` holding one block each (a paragraph, heading, list item, cell).
    pub blocks: Vec<Range<usize>>,
    /// Where each piece of `prose` came from in `source`.
    map: OffsetMap,
    /// Line starts of `source`, built on first use: only findings and the claims
    /// report need lines and columns, and most documents have no findings.
    lines: OnceLock<LineIndex>,
}

impl Document {
    /// Reads `source` as `format`.
    ///
    /// Fails only on bad front matter: YAML that does not parse, or a date key
    /// whose value is not a date.
    pub fn parse(path: impl Into<String>, source: String, format: Format) -> Result<Document, InputError> {
        let path = path.into();
        // The text proper starts after any byte-order mark.
        let text_start = if source.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
        // Leading HTML comments only hide things in Markdown.
        let after_comments = format == Format::Markdown;
        let front = frontmatter::read(&source, text_start, after_comments).map_err(|e| InputError {
            path: path.clone(),
            line: e.line,
            column: e.column,
            message: e.message,
        })?;
        let body_start = front.as_ref().map_or(text_start, |f| f.end);
        let (prose, blocks, map) = match format {
            Format::Markdown => markdown::read(&source, text_start, body_start),
            Format::PlainText => plain::read(&source, body_start),
        };
        let (date, locale) = front.map_or((None, None), |f| (f.date, f.locale));
        Ok(Document { path, publication_date: date, locale, source, prose, blocks, map, lines: OnceLock::new() })
    }

    fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(&self.source))
    }

    /// The source span of a range of `prose`.
    ///
    /// The range is clamped to the prose and widened to its character boundaries,
    /// so this never panics; the span's offsets fall on character boundaries of
    /// `source`.
    pub fn span(&self, prose_range: Range<usize>) -> Span {
        let start = floor_char_boundary(&self.prose, prose_range.start.min(self.prose.len()));
        let end = ceil_char_boundary(&self.prose, prose_range.end.clamp(start, self.prose.len()));
        let source_start = self.map.start_to_source(start);
        let source_end = if end == start { source_start } else { self.map.end_to_source(end).max(source_start) };
        self.lines().span(&self.source, source_start..source_end)
    }

    /// A byte range of `source` made safe to slice and to annotate: clamped to the
    /// source and widened to character boundaries (a reversed range becomes an
    /// empty one at its start). For spans that did not come from [`Document::span`].
    pub fn source_range(&self, range: Range<usize>) -> Range<usize> {
        let start = floor_char_boundary(&self.source, range.start.min(self.source.len()));
        let end = ceil_char_boundary(&self.source, range.end.clamp(start, self.source.len()));
        start..end
    }

    /// The 1-based line of `source` holding byte `offset` (the last line for
    /// offsets past the end).
    pub fn line_of(&self, offset: usize) -> usize {
        self.lines().line_of(offset)
    }

    /// The bytes of 1-based `line` of `source`, without its `\n` (a CRLF line keeps
    /// its `\r`) and, on line 1, without a byte-order mark, which is not a column.
    ///
    /// # Panics
    ///
    /// If the source has no such line (lines run from 1 to `line_of(source.len())`).
    pub fn line_range(&self, line: usize) -> Range<usize> {
        self.lines().line_range(self.source.len(), line)
    }

    /// Sentences of the document, as ranges of `prose`, in order; none crosses a block.
    /// Each is trimmed of surrounding whitespace. The rules are simple ones: a
    /// sentence ends at `.`, `!`, `?` or `…` followed by whitespace and something
    /// that can start one, with care taken after abbreviations and initials.
    pub fn sentences(&self) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        for block in &self.blocks {
            sentences::push_sentences(&self.prose[block.clone()], block.start, &mut out);
        }
        out
    }
}

/// The largest character boundary of `s` at or before `i` (which is at most `s.len()`).
pub(crate) fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest character boundary of `s` at or after `i` (which is at most `s.len()`).
pub(crate) fn ceil_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(src: &str) -> Document {
        Document::parse("doc.md", src.to_string(), Format::Markdown).unwrap()
    }

    #[test]
    fn span_of_number_mid_paragraph() {
        let doc = md("Intro line.\n\nIn 2021 the town spent **€4,500** on roads, up 12%.\n");
        for needle in ["4,500", "12%", "2021"] {
            let at = doc.prose.find(needle).unwrap();
            let span = doc.span(at..at + needle.len());
            assert_eq!(&doc.source[span.start..span.end], needle);
        }
        let at = doc.prose.find("4,500").unwrap();
        let span = doc.span(at..at + 5);
        assert_eq!((span.line, span.column, span.end_line, span.end_column), (3, 27, 3, 32));
    }

    #[test]
    fn span_never_panics() {
        let doc = md("A &amp; b € `c` d\n\n| x | é |\n|--|--|\n| 1 | 2 |\n\n---\ntext\n");
        let n = doc.prose.len();
        for start in 0..=n + 2 {
            for end in 0..=n + 2 {
                let span = doc.span(start..end);
                assert!(span.start <= span.end && span.end <= doc.source.len());
                assert!(doc.source.is_char_boundary(span.start) && doc.source.is_char_boundary(span.end));
                assert!((span.line, span.column) <= (span.end_line, span.end_column));
            }
        }
    }

    /// Random documents made of Markdown-significant pieces: parsing and mapping
    /// must hold together for all of them.
    #[test]
    fn random_documents_hold_together() {
        const PIECES: &[&str] = &[
            "word",
            " ",
            "  ",
            "\n",
            "\r\n",
            "\n\n",
            "5%",
            "€30",
            "é",
            "\\*",
            "*",
            "_",
            "`",
            "```\n",
            "&amp;",
            "&#36;",
            "&bogus;",
            "<!--",
            "-->",
            "<b>",
            "</b>",
            "<div>\n",
            "[",
            "](http://x/1)",
            "![",
            "<http://a.b/2>",
            "# ",
            "- ",
            "1. ",
            "> ",
            "| a | b |\n|---|---|\n",
            "|",
            "---\n",
            "...\n",
            "date: 2020-01-01\n",
            "[^1]",
            "[^1]: ",
            "    ",
            "\t",
            ". ",
            "Mr. ",
            "U.S. ",
            "? ",
            "\"",
            "\\\n",
            "~~",
            "\u{feff}",
        ];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..400 {
            let len = (next() % 40) as usize;
            let src: String = (0..len).map(|_| PIECES[(next() % PIECES.len() as u64) as usize]).collect();
            for format in [Format::Markdown, Format::PlainText] {
                let Ok(doc) = Document::parse("r", src.clone(), format) else { continue };
                doc.map.assert_consistent(&doc.prose, &doc.source);
                let mut last_end = 0;
                for b in &doc.blocks {
                    assert!(b.start < b.end && b.end <= doc.prose.len(), "{src:?}");
                    assert!(b.start == 0 || &doc.prose[last_end..b.start] == "\n\n", "{src:?}");
                    let text = &doc.prose[b.clone()];
                    assert_eq!(text.trim(), text, "{src:?}");
                    last_end = b.end;
                }
                for s in doc.sentences() {
                    assert!(!doc.prose[s.clone()].trim().is_empty());
                }
                let n = doc.prose.len();
                for _ in 0..50 {
                    let a = (next() % (n as u64 + 3)) as usize;
                    let b = (next() % (n as u64 + 3)) as usize;
                    let span = doc.span(a.min(b)..a.max(b));
                    assert!(span.start <= span.end && span.end <= doc.source.len());
                    let _ = &doc.source[span.start..span.end];
                }
            }
        }
    }

    #[test]
    fn empty_range_is_a_point() {
        let doc = md("abc def\n");
        let span = doc.span(4..4);
        assert_eq!((span.start, span.end, span.column, span.end_column), (4, 4, 5, 5));
        // A reversed range is clamped to an empty one at its start.
        let span = doc.span(Range { start: 6, end: 2 });
        assert_eq!((span.start, span.end), (6, 6));
    }

    #[test]
    fn sentences_stay_within_blocks() {
        let doc = md("# Costs rose\n\nIt cost $5. Mr. Li paid. Then\nit fell.\n\n- No. 1 item\n");
        let got: Vec<&str> = doc.sentences().into_iter().map(|r| &doc.prose[r]).collect();
        assert_eq!(got, vec!["Costs rose", "It cost $5.", "Mr. Li paid.", "Then it fell.", "No. 1 item"]);
    }

    #[test]
    fn byte_order_mark_is_skipped_without_front_matter() {
        let src = "\u{feff}Exports rose 10% from 100 to 130.";
        for format in [Format::Markdown, Format::PlainText] {
            let doc = Document::parse("bom", src.to_string(), format).unwrap();
            assert!(doc.prose.starts_with("Exports"), "{format:?}: {:?}", doc.prose);
            assert!(!doc.prose.contains('\u{feff}'), "{format:?}");
            let at = doc.prose.find("10%").unwrap();
            let span = doc.span(at..at + 3);
            assert_eq!((span.start, span.end), (16, 19), "{format:?}");
            assert_eq!(&doc.source[span.start..span.end], "10%", "{format:?}");
            assert_eq!((span.line, span.column, span.end_line, span.end_column), (1, 14, 1, 17), "{format:?}");
            let whole = doc.span(doc.blocks[0].clone());
            assert_eq!((whole.start, whole.column), (3, 1), "{format:?}");
        }
    }

    #[test]
    fn byte_order_mark_before_front_matter() {
        for format in [Format::Markdown, Format::PlainText] {
            let src = "\u{feff}---\ndate: 2022-11-15\n---\nBody 5.\n";
            let doc = Document::parse("bom", src.to_string(), format).unwrap();
            assert_eq!(doc.publication_date, Some(jiff::civil::date(2022, 11, 15)), "{format:?}");
            assert_eq!(doc.prose, "Body 5.", "{format:?}");
        }
    }

    #[test]
    fn source_ranges_are_clamped_to_the_source_and_characters() {
        // What `LineIndex` used to clamp itself: a range inside a character or past
        // the end becomes one the line index (and slicing) can take.
        let doc = md("€");
        assert_eq!(doc.source_range(1..99), 0..3);
        assert_eq!(doc.source_range(1..1), 0..3);
        assert_eq!(doc.source_range(Range { start: 99, end: 2 }), 3..3);
        let span = doc.span(1..99);
        assert_eq!((span.start, span.end, span.column, span.end_column), (0, 3, 1, 2));
    }

    #[test]
    fn lines_of_the_source() {
        let doc = md("One.\r\n\nTwo €.\n");
        assert_eq!((doc.line_of(0), doc.line_of(6), doc.line_of(7), doc.line_of(99)), (1, 2, 3, 4));
        assert_eq!(doc.line_range(1), 0..5);
        assert_eq!(&doc.source[doc.line_range(3)], "Two €.");
        assert_eq!(doc.line_range(4), doc.source.len()..doc.source.len());
    }

    #[test]
    fn front_matter_names_the_locale() {
        let doc = Document::parse("a.md", "---\nlocale: de-AT\n---\nText.\n".into(), Format::Markdown).unwrap();
        assert_eq!(doc.locale, Some(Locale::De));
        assert_eq!(md("Text.\n").locale, None);
        let err = Document::parse("a.md", "---\nlocale: fr\n---\nx".into(), Format::Markdown).unwrap_err();
        assert_eq!(
            err.to_string(),
            "a.md:2:9: front matter `locale` is `fr`, which factlint cannot read; write en or de"
        );
    }

    #[test]
    fn input_error_display() {
        let err = Document::parse("post.md", "---\ndate: next week\n---\nx".into(), Format::Markdown).unwrap_err();
        assert_eq!(
            err.to_string(),
            "post.md:2:7: front matter `date` is \"next week\", which is not a date; write it as YYYY-MM-DD"
        );
    }

    #[test]
    fn malformed_yaml_error_location() {
        let err = Document::parse("p.md", "---\na: 1\nb: [x\n---\nbody".into(), Format::Markdown).unwrap_err();
        assert_eq!(err.path, "p.md");
        assert_eq!(err.line, 4);
        assert!(err.message.starts_with("front matter is not valid YAML"), "{}", err.message);
    }

    #[test]
    fn each_date_key_in_markdown() {
        for key in ["date", "published", "pubDate"] {
            let doc = md(&format!("---\n{key}: '2022-11-15T10:00:00+01:00'\n---\nText.\n"));
            assert_eq!(doc.publication_date, Some(jiff::civil::date(2022, 11, 15)), "{key}");
            assert_eq!(doc.prose, "Text.");
        }
    }
}
