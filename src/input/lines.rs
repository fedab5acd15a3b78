//! Line index: turns byte offsets in a source file into 1-based line and column
//! numbers.
//!
//! Lines end at `\n` (so a CRLF file's `\r` is the last character of its line).
//! Columns count characters, not bytes, because that is what editors show; a
//! byte-order mark at the very start of the file is not counted, for the same
//! reason.
//!
//! Every lookup is cheap whatever the line length: on an all-ASCII line a column
//! is a byte difference, and elsewhere characters are counted from the nearest
//! checkpoint (one every [`CHECKPOINT`] bytes of the file) rather than from the
//! start of the line.
//!
//! Offsets must be character boundaries of the source; [`Document`](super::Document)
//! clamps what it is given before asking.

use std::ops::Range;

use super::Span;

/// Bytes between two character-count checkpoints.
const CHECKPOINT: usize = 256;

/// Line starts of one source text, for binary search, and what makes columns fast.
#[derive(Debug, Clone, Default)]
pub(crate) struct LineIndex {
    /// Byte offset where each line starts; always begins with 0.
    starts: Vec<usize>,
    /// Whether each line, from where its columns are counted, is all ASCII.
    ascii: Vec<bool>,
    /// Length of the byte-order mark at the start of the file (0 or 3).
    bom: usize,
    /// `chars_before[i]` is the number of characters starting in `source[..i * CHECKPOINT]`.
    chars_before: Vec<usize>,
}

/// Whether `b` starts a character (is not a UTF-8 continuation byte).
fn starts_char(b: u8) -> bool {
    (b as i8) >= -0x40
}

impl LineIndex {
    /// Indexes the lines of `source`. Each line is found with `memchr` and tested
    /// for ASCII as a whole, and characters are counted a checkpoint's bytes at a
    /// time: a loop testing every byte for all three cost more than it needed.
    pub(crate) fn new(source: &str) -> LineIndex {
        let bytes = source.as_bytes();
        let bom = if source.starts_with('\u{feff}') { 3 } else { 0 };
        let mut starts = vec![0];
        let mut ascii = Vec::new();
        let mut start = 0;
        for newline in memchr::memchr_iter(b'\n', bytes) {
            ascii.push(bytes[start.max(bom)..newline].is_ascii());
            start = newline + 1;
            starts.push(start);
        }
        ascii.push(bytes[start.max(bom)..].is_ascii());
        let mut chars_before = Vec::with_capacity(bytes.len() / CHECKPOINT + 1);
        let mut chars = 0;
        for block in bytes.chunks(CHECKPOINT) {
            chars_before.push(chars);
            chars += count_chars(block);
        }
        LineIndex { starts, ascii, bom, chars_before }
    }

    /// The 1-based line holding byte `offset` (the last line for offsets past the end).
    pub(crate) fn line_of(&self, offset: usize) -> usize {
        // The count of line starts <= offset: at least 1 because starts[0] == 0.
        self.starts.partition_point(|&s| s <= offset)
    }

    /// The bytes of 1-based `line` in a source of `len` bytes, without its `\n`
    /// (and, on line 1, without a byte-order mark: the columns of the line).
    ///
    /// # Panics
    ///
    /// If `line` is not a line of the source.
    pub(crate) fn line_range(&self, len: usize, line: usize) -> Range<usize> {
        let start = if line == 1 { self.bom.min(len) } else { self.starts[line - 1] };
        start..self.starts.get(line).map_or(len, |&next| next - 1)
    }

    /// The 1-based line and column of byte `offset` in `source` (the text this
    /// index was built from).
    pub(crate) fn line_col(&self, source: &str, offset: usize) -> (usize, usize) {
        debug_assert!(source.is_char_boundary(offset), "offset {offset} is not a character boundary");
        let line = self.line_of(offset);
        // The byte-order mark is not a column.
        let origin = if line == 1 { self.bom.min(offset) } else { self.starts[line - 1] };
        (line, self.chars_between(source, line, origin, offset) + 1)
    }

    /// The span of the byte range `range` of `source`.
    pub(crate) fn span(&self, source: &str, range: Range<usize>) -> Span {
        debug_assert!(range.start <= range.end && source.is_char_boundary(range.end));
        let (line, column) = self.line_col(source, range.start);
        let next_line_start = self.starts.get(line).copied().unwrap_or(usize::MAX);
        // From the start when both are on one line (and the start is not before a byte-order mark).
        let (end_line, end_column) = if range.end < next_line_start && (line > 1 || range.start >= self.bom) {
            (line, column + self.chars_between(source, line, range.start, range.end))
        } else {
            self.line_col(source, range.end)
        };
        Span { start: range.start, end: range.end, line, column, end_line, end_column }
    }

    /// The number of characters in `source[from..to]`, which lies within 1-based `line`.
    fn chars_between(&self, source: &str, line: usize, from: usize, to: usize) -> usize {
        if self.ascii[line - 1] {
            to - from
        } else if to - from <= CHECKPOINT {
            count_chars(&source.as_bytes()[from..to])
        } else {
            self.chars_before(source, to) - self.chars_before(source, from)
        }
    }

    /// The number of characters starting in `source[..offset]`.
    fn chars_before(&self, source: &str, offset: usize) -> usize {
        let block = offset / CHECKPOINT;
        self.chars_before[block] + count_chars(&source.as_bytes()[block * CHECKPOINT..offset])
    }
}

/// The number of characters starting in `bytes`.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| starts_char(b)).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_line_and_column() {
        let src = "abc\ndef\n";
        let idx = LineIndex::new(src);
        assert_eq!(idx.line_col(src, 0), (1, 1));
        assert_eq!(idx.line_col(src, 2), (1, 3));
        // The newline itself is the last column of its line.
        assert_eq!(idx.line_col(src, 3), (1, 4));
        assert_eq!(idx.line_col(src, 4), (2, 1));
        assert_eq!(idx.line_col(src, 6), (2, 3));
        // Just past the final newline is an (empty) third line.
        assert_eq!(idx.line_col(src, 8), (3, 1));
    }

    #[test]
    fn columns_count_characters() {
        let src = "x\n€30 and é5";
        let idx = LineIndex::new(src);
        let three = src.find('3').unwrap();
        assert_eq!(idx.line_col(src, three), (2, 2));
        let five = src.find('5').unwrap();
        assert_eq!(idx.line_col(src, five), (2, 10));
    }

    #[test]
    fn crlf_lines() {
        let src = "ab\r\ncd\r\n";
        let idx = LineIndex::new(src);
        assert_eq!(idx.line_col(src, 4), (2, 1));
        assert_eq!(idx.line_col(src, 5), (2, 2));
    }

    #[test]
    fn byte_order_mark_is_not_a_column() {
        let src = "\u{feff}ab";
        let idx = LineIndex::new(src);
        assert_eq!(idx.line_col(src, 3), (1, 1));
        assert_eq!(idx.line_col(src, 4), (1, 2));
        // The mark alone does not make the line non-ASCII.
        assert_eq!(idx.span(src, 3..5), Span { start: 3, end: 5, line: 1, column: 1, end_line: 1, end_column: 3 });
        assert_eq!(idx.line_range(src.len(), 1), 3..5);
    }

    #[test]
    fn empty_source() {
        let idx = LineIndex::new("");
        assert_eq!(idx.line_col("", 0), (1, 1));
        assert_eq!(idx.line_range(0, 1), 0..0);
    }

    #[test]
    fn lines_and_their_ranges() {
        let src = "ab\r\n\ncd";
        let idx = LineIndex::new(src);
        assert_eq!((idx.line_of(0), idx.line_of(3), idx.line_of(4), idx.line_of(5), idx.line_of(99)), (1, 1, 2, 3, 3));
        assert_eq!(idx.line_range(src.len(), 1), 0..3);
        assert_eq!(idx.line_range(src.len(), 2), 4..4);
        assert_eq!(idx.line_range(src.len(), 3), 5..7);
    }

    /// Columns computed the slow way, from the start of the line.
    fn naive(src: &str, offset: usize) -> (usize, usize) {
        let before = &src[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let line_start = if line_start == 0 && offset >= 3 && src.starts_with('\u{feff}') { 3 } else { line_start };
        (before.matches('\n').count() + 1, src[line_start..offset].chars().count() + 1)
    }

    #[test]
    fn long_non_ascii_lines() {
        // Long enough to cross many checkpoints, with characters of every width
        // straddling them, and an ASCII line in between.
        let mut src = String::from("\u{feff}");
        for i in 0..700 {
            src.push_str(["a", "é", "€", "𝄞", " "][i % 5]);
        }
        src.push_str("\nplain ascii line\n");
        for i in 0..500 {
            src.push_str(["€", "b", "ß", "𝄞"][i % 4]);
        }
        let idx = LineIndex::new(&src);
        let offsets: Vec<usize> = (0..=src.len()).filter(|&i| src.is_char_boundary(i)).collect();
        for &i in &offsets {
            assert_eq!(idx.line_col(&src, i), naive(&src, i), "offset {i}");
        }
        for (k, &a) in offsets.iter().enumerate().step_by(7) {
            for &b in offsets[k..].iter().step_by(97) {
                let span = idx.span(&src, a..b);
                assert_eq!((span.line, span.column), naive(&src, a), "{a}..{b}");
                assert_eq!((span.end_line, span.end_column), naive(&src, b), "{a}..{b}");
            }
        }
    }
}
