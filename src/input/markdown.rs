//! Markdown: walks pulldown-cmark's events (with their source offsets) and
//! keeps the prose a reader sees.
//!
//! Kept: the text of paragraphs, headings, list items, table cells, block
//! quotes and footnote definitions, including link text and emphasised (or
//! struck-through) text. Each of these is its own block. Dropped: code blocks, HTML blocks, the
//! front matter, link and image destinations, image alt text (it describes a
//! picture, it is not part of the article's prose), autolinks (their text is a
//! URL), footnote labels and references. Inline code, inline HTML (other than
//! phrasing tags such as `<b>` or `<span>`), images and line breaks each become
//! a single space so the words around them stay apart.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use super::offsets::{OffsetMap, ProseBuilder};

/// Inline HTML tags that only style text, so removing them must not split a
/// word: `<b>5</b>%` is "5%". Any other tag or comment counts as a space.
const PHRASING_TAGS: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "cite", "data", "del", "dfn", "em", "i", "ins", "kbd", "mark", "q", "s", "samp",
    "small", "span", "strong", "sub", "sup", "time", "u", "var",
];

/// Reads the Markdown in `source[text_start..]` (the file after any byte-order
/// mark), ignoring everything that starts before `body_start` (the front matter,
/// already read).
pub(crate) fn read(source: &str, text_start: usize, body_start: usize) -> (String, Vec<Range<usize>>, OffsetMap) {
    // The YAML option is on so that pulldown-cmark does not read front matter as
    // a thematic break and a heading. Real front matter is skipped by offset
    // (it ends at `body_start`); pulldown-cmark also takes any later
    // `---`/`---` pair for metadata, but that is a rule and some text in
    // CommonMark, so such blocks are read as prose.
    let options = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES;
    let mut prose = ProseBuilder::new(source);
    // How many enclosing elements hide their text (code block, image, ...).
    let mut hidden = 0usize;
    // For each open link, whether it is an autolink (whose text is hidden).
    let mut links: Vec<bool> = Vec::new();
    // Inside a metadata block after the front matter, read as lines of prose.
    let mut in_metadata = false;
    for (event, range) in Parser::new_ext(&source[text_start..], options).into_offset_iter() {
        let range = range.start + text_start..range.end + text_start;
        if range.start < body_start {
            continue;
        }
        match event {
            Event::Start(tag) => match tag {
                Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Superscript | Tag::Subscript => {}
                Tag::Link { link_type, .. } => {
                    let auto = matches!(link_type, LinkType::Autolink | LinkType::Email);
                    links.push(auto);
                    if auto {
                        hidden += 1;
                        prose.space(range);
                    }
                }
                Tag::Image { .. } => {
                    hidden += 1;
                    prose.space(range);
                }
                Tag::CodeBlock(_) | Tag::HtmlBlock => {
                    prose.end_block();
                    hidden += 1;
                }
                Tag::MetadataBlock(_) => {
                    prose.end_block();
                    in_metadata = true;
                }
                _ => prose.end_block(),
            },
            Event::End(tag) => match tag {
                TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Superscript | TagEnd::Subscript => {
                }
                TagEnd::Link => {
                    if links.pop() == Some(true) {
                        hidden = hidden.saturating_sub(1);
                    }
                }
                TagEnd::Image => hidden = hidden.saturating_sub(1),
                TagEnd::CodeBlock | TagEnd::HtmlBlock => {
                    hidden = hidden.saturating_sub(1);
                    prose.end_block();
                }
                TagEnd::MetadataBlock(_) => {
                    in_metadata = false;
                    prose.end_block();
                }
                _ => prose.end_block(),
            },
            _ if hidden > 0 => {}
            // Metadata text is raw source, line breaks included.
            Event::Text(text) if in_metadata && source.get(range.clone()) == Some(&*text) => {
                prose.lines(range, false);
            }
            Event::Text(text) => prose.text(&text, range),
            Event::Code(_) | Event::InlineMath(_) | Event::DisplayMath(_) | Event::SoftBreak | Event::HardBreak => {
                prose.space(range)
            }
            Event::InlineHtml(html) => {
                if !is_phrasing_tag(&html) {
                    prose.space(range);
                }
            }
            Event::Rule => prose.end_block(),
            // HTML block contents (already hidden), footnote references and task
            // markers are not prose.
            Event::Html(_) | Event::FootnoteReference(_) | Event::TaskListMarker(_) => {}
        }
    }
    prose.finish()
}

/// Whether an inline HTML fragment is an opening or closing phrasing tag.
fn is_phrasing_tag(html: &str) -> bool {
    let Some(rest) = html.strip_prefix('<') else {
        return false;
    };
    let rest = rest.strip_prefix('/').unwrap_or(rest);
    let name = &rest[..rest.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(rest.len())];
    PHRASING_TAGS.iter().any(|tag| tag.eq_ignore_ascii_case(name))
}

#[cfg(test)]
mod tests {
    use super::super::{Document, Format};

    fn parse(src: &str) -> Document {
        Document::parse("t.md", src.to_string(), Format::Markdown).unwrap()
    }

    /// The text of each block.
    fn blocks(doc: &Document) -> Vec<&str> {
        doc.blocks.iter().map(|r| &doc.prose[r.clone()]).collect()
    }

    /// The source text a prose substring (its first occurrence) maps to.
    fn source_of<'d>(doc: &'d Document, needle: &str) -> &'d str {
        let at = doc.prose.find(needle).unwrap_or_else(|| panic!("{needle:?} not in {:?}", doc.prose));
        let span = doc.span(at..at + needle.len());
        &doc.source[span.start..span.end]
    }

    #[test]
    fn backslash_escapes() {
        let doc = parse("a \\*b\\* 5%\n");
        assert_eq!(doc.prose, "a *b* 5%");
        assert_eq!(source_of(&doc, "5%"), "5%");
        assert_eq!(source_of(&doc, "*b*"), "*b\\*");
        let span = doc.span(6..8);
        assert_eq!((span.start, span.end, span.column, span.end_column), (8, 10, 9, 11));
    }

    #[test]
    fn entities_map_to_whole_entity() {
        let doc = parse("Fish &amp; chips cost &#36;30.\n");
        assert_eq!(doc.prose, "Fish & chips cost $30.");
        assert_eq!(source_of(&doc, "&"), "&amp;");
        assert_eq!(source_of(&doc, "$30"), "&#36;30");
        assert_eq!(source_of(&doc, "30"), "30");
        let at = doc.prose.find('$').unwrap();
        assert_eq!(doc.span(at..at + 1).column, 23);
    }

    #[test]
    fn hard_breaks_become_spaces() {
        let doc = parse("one  \ntwo\\\nthree 7\n");
        assert_eq!(doc.prose, "one two three 7");
        assert_eq!(source_of(&doc, "one two"), "one  \ntwo");
        assert_eq!(source_of(&doc, "7"), "7");
        assert_eq!(doc.span(14..15).line, 3);
    }

    #[test]
    fn soft_breaks_become_spaces() {
        let doc = parse("rose by\n12% last year\n");
        assert_eq!(doc.prose, "rose by 12% last year");
        assert_eq!(doc.blocks.len(), 1);
        let span = doc.span(8..11);
        assert_eq!(&doc.source[span.start..span.end], "12%");
        assert_eq!((span.line, span.column, span.end_line, span.end_column), (2, 1, 2, 4));
    }

    #[test]
    fn inline_code_becomes_one_space() {
        let doc = parse("run`ls`now and `x` then\n");
        assert_eq!(doc.prose, "run now and then");
        assert_eq!(source_of(&doc, "run now"), "run`ls`now");
    }

    #[test]
    fn code_blocks_skipped() {
        let doc = parse("Before 1.\n\n```\nlet x = 2;\n```\n\n    indented 3\n\nAfter 4.\n");
        assert_eq!(blocks(&doc), vec!["Before 1.", "After 4."]);
        assert_eq!(doc.prose, "Before 1.\n\nAfter 4.");
        assert_eq!(source_of(&doc, "4"), "4");
    }

    #[test]
    fn html_skipped() {
        let doc = parse("<!-- note 5 -->\n\nA<!-- x -->B <b>6</b>% x<br>y\n\n<div>\nblock 7\n</div>\n");
        assert_eq!(doc.prose, "A B 6% x y");
        assert_eq!(source_of(&doc, "6"), "6");
    }

    #[test]
    fn links_keep_text_only() {
        let doc = parse("See [the *report* 9](http://x.com/2020 \"t 3\") and <https://a.com/1> or ![pic 4](p.png).\n");
        assert_eq!(doc.prose, "See the report 9 and or .");
        assert_eq!(source_of(&doc, "9"), "9");
        assert_eq!(source_of(&doc, "report"), "report");
    }

    #[test]
    fn reference_links() {
        let doc = parse("Read [this][r].\n\n[r]: http://example.com/42\n");
        assert_eq!(doc.prose, "Read this.");
    }

    #[test]
    fn front_matter_skipped_and_date_read() {
        let doc = parse("---\ntitle: Hello 2\ndate: 2022-11-15\n---\n# Heading\n\nText 5.\n");
        assert_eq!(doc.prose, "Heading\n\nText 5.");
        assert_eq!(doc.publication_date, Some(jiff::civil::date(2022, 11, 15)));
        let span = doc.span(14..15);
        assert_eq!(&doc.source[span.start..span.end], "5");
        assert_eq!((span.line, span.column), (7, 6));
    }

    #[test]
    fn front_matter_with_blank_first_line_still_skipped() {
        // pulldown-cmark would not call this metadata; it must not leak anyway.
        let doc = parse("---\n\ntitle: x\n---\nBody.\n");
        assert_eq!(doc.prose, "Body.");
    }

    #[test]
    fn later_dash_blocks_are_prose() {
        let doc = parse("One.\n\n---\nTwo 2.\nand  \n  more\n---\n\nThree.\n");
        assert_eq!(blocks(&doc), vec!["One.", "Two 2. and more", "Three."]);
        assert_eq!(source_of(&doc, "more"), "more");
    }

    #[test]
    fn front_matter_after_comment() {
        let doc = parse("<!--\nnote: 12% in 2022\n-->\n---\ntitle: T 1\ndate: 2024-02-06\n---\n\n# Head\n\nBody 3.\n");
        assert_eq!(doc.publication_date, Some(jiff::civil::date(2024, 2, 6)));
        assert_eq!(doc.prose, "Head\n\nBody 3.");
        assert_eq!(source_of(&doc, "3"), "3");
    }

    #[test]
    fn unclosed_front_matter_is_text() {
        let doc = parse("---\nJust text.\n");
        assert_eq!(doc.prose, "Just text.");
        assert_eq!(doc.publication_date, None);
    }

    #[test]
    fn crlf_file() {
        let doc = parse("---\r\ndate: 2021-03-04\r\n---\r\nCost rose\r\nby €30.\r\n\r\nNext 1.\r\n");
        assert_eq!(doc.prose, "Cost rose by €30.\n\nNext 1.");
        let at = doc.prose.find("30").unwrap();
        let span = doc.span(at..at + 2);
        assert_eq!(&doc.source[span.start..span.end], "30");
        assert_eq!((span.line, span.column, span.end_column), (5, 5, 7));
        let span = doc.span(doc.blocks[1].clone());
        assert_eq!((span.line, span.column), (7, 1));
    }

    #[test]
    fn non_ascii_columns_count_chars() {
        let doc = parse("Prix: €30 — ou ½ 40.\n");
        let at = doc.prose.find("40").unwrap();
        let span = doc.span(at..at + 2);
        assert_eq!(&doc.source[span.start..span.end], "40");
        assert_eq!((span.column, span.end_column), (18, 20));
        let at = doc.prose.find('€').unwrap();
        let span = doc.span(at..at + '€'.len_utf8() + 2);
        assert_eq!((span.column, span.end_column), (7, 10));
    }

    #[test]
    fn table_cells_are_blocks() {
        let doc = parse("| Year | Sales |\n|---|---|\n| 2020 | 5 \\| 6 |\n");
        assert_eq!(blocks(&doc), vec!["Year", "Sales", "2020", "5 | 6"]);
        assert_eq!(source_of(&doc, "2020"), "2020");
        assert_eq!(source_of(&doc, "5 | 6"), "5 \\| 6");
    }

    #[test]
    fn list_items_are_blocks() {
        let doc = parse("- one 1\n- two 2\n  - nested 3\n\n1. loose\n\n   second para\n");
        assert_eq!(blocks(&doc), vec!["one 1", "two 2", "nested 3", "loose", "second para"]);
        assert_eq!(source_of(&doc, "3"), "3");
    }

    #[test]
    fn headings_are_blocks() {
        let doc = parse("# Title *7*\n\nSetext 8\n===\n\nBody.\n");
        assert_eq!(blocks(&doc), vec!["Title 7", "Setext 8", "Body."]);
        assert_eq!(source_of(&doc, "7"), "7");
    }

    #[test]
    fn block_quotes_and_footnotes() {
        let doc = parse("> Quoted 5\n> more.\n\nClaim[^n] here.\n\n[^n]: Source 6.\n");
        assert_eq!(blocks(&doc), vec!["Quoted 5 more.", "Claim here.", "Source 6."]);
        assert_eq!(source_of(&doc, "more"), "more");
    }

    #[test]
    fn separators_map_between_blocks() {
        let doc = parse("One.\n\nTwo.\n");
        let span = doc.span(4..6);
        assert_eq!((span.start, span.end), (4, 6));
        let whole = doc.span(0..doc.prose.len());
        assert_eq!(&doc.source[whole.start..whole.end], "One.\n\nTwo.");
    }

    #[test]
    fn span_number_mid_paragraph() {
        let doc = parse("The company said revenue grew *sharply*, to $4.2 billion, in 2023.\n");
        let at = doc.prose.find("4.2").unwrap();
        let span = doc.span(at..at + 3);
        assert_eq!(&doc.source[span.start..span.end], "4.2");
        assert_eq!(span.column, 46);
    }

    #[test]
    fn empty_document() {
        let doc = parse("```\ncode\n```\n");
        assert_eq!(doc.prose, "");
        assert!(doc.blocks.is_empty());
        assert_eq!(doc.span(0..0).line, 1);
    }
}
