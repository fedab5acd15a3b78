//! Plain text: blocks are runs of non-blank lines, separated by blank lines.
//!
//! Inside a block each line is kept verbatim without its leading and trailing
//! whitespace, and each line break becomes one space (mapped to the break and
//! the whitespace around it).

use std::ops::Range;

use super::offsets::{OffsetMap, ProseBuilder};

/// Reads the plain text in `source` from `body_start` (just past any front
/// matter) to the end.
pub(crate) fn read(source: &str, body_start: usize) -> (String, Vec<Range<usize>>, OffsetMap) {
    let mut prose = ProseBuilder::new(source);
    prose.lines(body_start..source.len(), true);
    prose.finish()
}

#[cfg(test)]
mod tests {
    use super::super::{Document, Format};

    fn parse(src: &str) -> Document {
        Document::parse("t.txt", src.to_string(), Format::PlainText).unwrap()
    }

    fn blocks(doc: &Document) -> Vec<&str> {
        doc.blocks.iter().map(|r| &doc.prose[r.clone()]).collect()
    }

    #[test]
    fn blank_lines_separate_blocks() {
        let doc = parse("First line\nsecond line.\n\n  \t\nThird *block* 5.\n\n\n");
        assert_eq!(blocks(&doc), vec!["First line second line.", "Third *block* 5."]);
        assert_eq!(doc.prose, "First line second line.\n\nThird *block* 5.");
    }

    #[test]
    fn text_maps_verbatim() {
        let doc = parse("Intro.\n\nIt cost $30\nin 2020.\n");
        let at = doc.prose.find("2020").unwrap();
        let span = doc.span(at..at + 4);
        assert_eq!(&doc.source[span.start..span.end], "2020");
        assert_eq!((span.line, span.column), (4, 4));
        let at = doc.prose.find("$30 in").unwrap();
        let span = doc.span(at..at + 6);
        assert_eq!(&doc.source[span.start..span.end], "$30\nin");
    }

    #[test]
    fn indentation_and_trailing_space_dropped() {
        let doc = parse("  one  \n\ttwo\n");
        assert_eq!(doc.prose, "one two");
        let span = doc.span(4..7);
        assert_eq!(&doc.source[span.start..span.end], "two");
        assert_eq!((span.line, span.column), (2, 2));
    }

    #[test]
    fn crlf_lines() {
        let doc = parse("A €5 fee\r\nrose.\r\n\r\nNext.\r\n");
        assert_eq!(blocks(&doc), vec!["A €5 fee rose.", "Next."]);
        let at = doc.prose.find("rose").unwrap();
        let span = doc.span(at..at + 4);
        assert_eq!(&doc.source[span.start..span.end], "rose");
        assert_eq!((span.line, span.column), (2, 1));
        let at = doc.prose.find("fee").unwrap();
        assert_eq!(doc.span(at..at + 3).column, 6);
    }

    #[test]
    fn markup_is_not_interpreted() {
        let doc = parse("# Not a heading\n`not code` &amp;\n");
        assert_eq!(doc.prose, "# Not a heading `not code` &amp;");
    }

    #[test]
    fn front_matter_applies() {
        let doc = parse("---\npubDate: \"2023-01-02T08:00:00Z\"\n---\nBody 9.\n");
        assert_eq!(doc.publication_date, Some(jiff::civil::date(2023, 1, 2)));
        assert_eq!(doc.prose, "Body 9.");
        let span = doc.span(5..6);
        assert_eq!(&doc.source[span.start..span.end], "9");
        assert_eq!(span.line, 4);
    }

    #[test]
    fn bad_front_matter_date_is_an_error() {
        let err = Document::parse("a.txt", "---\ndate: tomorrow\n---\nx\n".into(), Format::PlainText).unwrap_err();
        assert_eq!((err.line, err.column), (2, 7));
        assert!(err.to_string().starts_with("a.txt:2:7: front matter `date` is \"tomorrow\""));
    }

    #[test]
    fn empty_and_blank_files() {
        assert_eq!(parse("").prose, "");
        assert!(parse("\n \n\t\n").blocks.is_empty());
    }
}
