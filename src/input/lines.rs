//! Line index: turns byte offsets in a source file into 1-based line and column
//! numbers.
//!
//! Lines end at `\n` (so a CRLF file's `\r` is the last character of its line).
//! Columns count characters, not bytes, because that is what editors show; a
//! byte-order mark at the very start of the file is not counted, for the same
//! reason.

/// The start offset of every line of one source text, for binary search.
#[derive(Debug, Clone, Default)]
pub(crate) struct LineIndex {
    /// Byte offset where each line starts; always begins with 0.
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the lines of `source`.
    pub(crate) fn new(source: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(source.bytes().enumerate().filter(|&(_, b)| b == b'\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// The 1-based line and column of byte `offset` in `source` (the text this index
    /// was built from). Offsets past the end clamp to the end; offsets inside a
    /// multi-byte character count as that character.
    pub(crate) fn line_col(&self, source: &str, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(source.len());
        while !source.is_char_boundary(offset) {
            offset -= 1;
        }
        // The last line start that is <= offset: partition_point gives the count of
        // starts <= offset, which is at least 1 because starts[0] == 0.
        let line = self.starts.partition_point(|&s| s <= offset);
        let mut line_start = self.starts[line - 1];
        if line == 1 && source.starts_with('\u{feff}') && offset >= 3 {
            line_start = 3;
        }
        let column = source[line_start..offset].chars().count() + 1;
        (line, column)
    }
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
    fn clamps_out_of_range_and_mid_character() {
        let src = "€";
        let idx = LineIndex::new(src);
        assert_eq!(idx.line_col(src, 1), (1, 1));
        assert_eq!(idx.line_col(src, 99), (1, 2));
    }

    #[test]
    fn byte_order_mark_is_not_a_column() {
        let src = "\u{feff}ab";
        let idx = LineIndex::new(src);
        assert_eq!(idx.line_col(src, 3), (1, 1));
        assert_eq!(idx.line_col(src, 4), (1, 2));
    }

    #[test]
    fn empty_source() {
        let idx = LineIndex::new("");
        assert_eq!(idx.line_col("", 0), (1, 1));
    }
}
