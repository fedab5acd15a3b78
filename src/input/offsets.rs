//! The map from prose offsets back to source offsets, and the builder that the
//! Markdown and plain-text readers use to assemble prose and map together.
//!
//! The map is a sorted list of chunks that tile the prose. A *verbatim* chunk is
//! a run of prose copied byte for byte from the source, so any offset inside it
//! maps exactly. A non-verbatim chunk is prose that differs from the source it
//! came from (an entity such as `&amp;`, a space standing for a line break or for
//! skipped inline code, the `"\n\n"` between blocks): its start maps to the
//! start of its source range and its end to the end, so a span that covers it
//! covers the whole source construct.

use std::ops::Range;

/// One piece of prose and the source it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Chunk {
    prose_start: usize,
    prose_len: usize,
    source_start: usize,
    source_len: usize,
    /// Whether the prose bytes equal the source bytes (then the lengths match).
    verbatim: bool,
}

impl Chunk {
    fn prose_end(&self) -> usize {
        self.prose_start + self.prose_len
    }

    fn source_end(&self) -> usize {
        self.source_start + self.source_len
    }
}

/// Maps byte offsets in the prose to byte offsets in the source.
#[derive(Debug, Clone, Default)]
pub(crate) struct OffsetMap {
    /// Sorted by `prose_start`, contiguous, covering `0..prose.len()`.
    chunks: Vec<Chunk>,
}

impl OffsetMap {
    /// Index of the chunk holding prose byte `p` (the last chunk if `p` is past the
    /// end). `None` only when there is no prose at all.
    fn chunk_at(&self, p: usize) -> Option<usize> {
        if self.chunks.is_empty() {
            return None;
        }
        // Count of chunks starting at or before p; at least 1 because the first
        // chunk starts at 0.
        let n = self.chunks.partition_point(|c| c.prose_start <= p);
        Some(n.max(1) - 1)
    }

    /// Where a range starting at prose offset `p` starts in the source.
    pub(crate) fn start_to_source(&self, p: usize) -> usize {
        // The chunk holding the first byte of the range decides.
        self.chunk_at(p).map_or(0, |i| self.chunks[i].source_at(p, Edge::Start))
    }

    /// Where a range ending (exclusively) at prose offset `p` ends in the source.
    pub(crate) fn end_to_source(&self, p: usize) -> usize {
        if p == 0 {
            return self.chunks.first().map_or(0, |c| c.source_start);
        }
        // The chunk holding the last byte of the range decides.
        self.chunk_at(p - 1).map_or(0, |i| self.chunks[i].source_at(p, Edge::End))
    }
}

/// Which end of a range a prose offset is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Edge {
    Start,
    End,
}

impl Chunk {
    /// Where prose offset `p` (at or after this chunk's start) maps in the source, as
    /// the `edge` of a range. Offsets past the chunk map to its source end; inside
    /// a rewritten chunk, a range takes all of the construct it came from.
    fn source_at(&self, p: usize, edge: Edge) -> usize {
        if p >= self.prose_end() {
            self.source_end()
        } else if self.verbatim {
            self.source_start + (p - self.prose_start)
        } else if edge == Edge::Start {
            self.source_start
        } else {
            self.source_end()
        }
    }
}

#[cfg(test)]
impl OffsetMap {
    /// Panics unless the chunks tile `prose`, stay inside `source`, and verbatim
    /// chunks really are verbatim.
    pub(crate) fn assert_consistent(&self, prose: &str, source: &str) {
        let mut next = 0;
        for c in &self.chunks {
            assert_eq!(c.prose_start, next, "chunks must be contiguous: {c:?}");
            assert!(c.prose_len > 0, "empty chunk {c:?}");
            assert!(c.source_end() <= source.len(), "chunk past source end {c:?}");
            if c.verbatim {
                assert_eq!(c.prose_len, c.source_len);
                assert_eq!(
                    prose.as_bytes()[c.prose_start..c.prose_end()],
                    source.as_bytes()[c.source_start..c.source_end()]
                );
            }
            next = c.prose_end();
        }
        assert_eq!(next, prose.len(), "chunks must cover the prose");
    }
}

/// Builds prose block by block while recording where each piece came from.
///
/// Readers feed it text with its source range, ask for a separating space
/// (for a line break or something skipped), and end blocks. It takes care of
/// the rules every reader shares: no whitespace at either end of a block, at most
/// one inserted space between words, empty blocks dropped, and blocks joined by
/// `"\n\n"`.
#[derive(Debug)]
pub(crate) struct ProseBuilder<'s> {
    source: &'s str,
    prose: String,
    map: OffsetMap,
    blocks: Vec<Range<usize>>,
    /// Prose offset where the open block's content starts; `None` until the block
    /// has some non-whitespace content.
    block_start: Option<usize>,
    /// Source of a space asked for but not yet written: it is only written when
    /// more text follows in the same block, so blocks never end with it.
    pending_space: Option<Range<usize>>,
    /// Source offset where the previous block ended, for mapping the separator.
    last_block_source_end: usize,
}

impl<'s> ProseBuilder<'s> {
    pub(crate) fn new(source: &'s str) -> ProseBuilder<'s> {
        ProseBuilder {
            source,
            prose: String::new(),
            map: OffsetMap::default(),
            blocks: Vec::new(),
            block_start: None,
            pending_space: None,
            last_block_source_end: 0,
        }
    }

    /// Adds `text`, which the parser produced from `src`. If the source holds
    /// exactly this text it is mapped byte for byte; otherwise (an entity such as
    /// `&amp;`, the only such text pulldown-cmark yields in prose) it is one
    /// rewritten piece standing for all of `src`.
    pub(crate) fn text(&mut self, text: &str, src: Range<usize>) {
        debug_assert!(src.start <= src.end && src.end <= self.source.len(), "{src:?} outside the source");
        if !text.is_empty() {
            let verbatim = self.source.get(src.clone()) == Some(text);
            self.push(text, src, verbatim);
        }
    }

    /// Adds the source text in `src` line by line: each line without its
    /// surrounding whitespace, line breaks as spaces. A blank line ends the block
    /// if `blank_ends_block`; otherwise it is just another break.
    pub(crate) fn lines(&mut self, src: Range<usize>, blank_ends_block: bool) {
        let Some(text) = self.source.get(src.clone()) else {
            return;
        };
        let mut pos = src.start;
        for line in text.split_inclusive('\n') {
            let line_start = pos;
            pos += line.len();
            let content = line.trim_start();
            let content_start = line_start + (line.len() - content.len());
            let content = content.trim_end();
            if content.is_empty() {
                if blank_ends_block {
                    self.end_block();
                } else {
                    self.space(line_start..pos);
                }
                continue;
            }
            let content_end = content_start + content.len();
            self.text(content, content_start..content_end);
            // The break (with any trailing whitespace) separates this line from the next.
            if content_end < pos {
                self.space(content_end..pos);
            }
        }
    }

    /// Asks for a space between the words before and after, standing for `src`
    /// (a line break, inline code, inline HTML...). Nothing is written if the
    /// block has no text yet, if it ends the block, or if whitespace is already
    /// there.
    pub(crate) fn space(&mut self, src: Range<usize>) {
        self.pending_space = Some(match self.pending_space.take() {
            Some(p) => p.start..src.end.max(p.end),
            None => src,
        });
    }

    /// Closes the open block, if it has any text.
    pub(crate) fn end_block(&mut self) {
        self.pending_space = None;
        let Some(start) = self.block_start.take() else {
            return;
        };
        let end = start + self.prose[start..].trim_end().len();
        self.truncate(end);
        self.blocks.push(start..end);
        self.last_block_source_end = self.map.end_to_source(end);
    }

    /// Ends any open block and hands over the prose, its blocks and the map.
    pub(crate) fn finish(mut self) -> (String, Vec<Range<usize>>, OffsetMap) {
        self.end_block();
        (self.prose, self.blocks, self.map)
    }

    /// Appends one piece of prose mapped to `src`.
    fn push(&mut self, piece: &str, src: Range<usize>, verbatim: bool) {
        if self.block_start.is_none() {
            // Blocks start with their first non-whitespace character.
            let Some((piece, src)) = trim_start(piece, src, verbatim) else { return };
            self.open_block(src.start);
            return self.append(piece, src, verbatim);
        }
        let Some(space) = self.pending_space.take() else {
            return self.append(piece, src, verbatim);
        };
        // Something was skipped here: leave exactly one space, whether it comes
        // from the text on either side or is inserted.
        if self.prose.chars().next_back().is_some_and(char::is_whitespace) {
            let Some((piece, src)) = trim_start(piece, src, verbatim) else { return };
            self.append(piece, src, verbatim);
        } else {
            if !piece.starts_with(char::is_whitespace) {
                self.append(" ", space, false);
            }
            self.append(piece, src, verbatim);
        }
    }

    /// Starts a block whose first text comes from source offset `source_start`,
    /// writing the separator from the previous block first.
    fn open_block(&mut self, source_start: usize) {
        self.pending_space = None;
        if !self.blocks.is_empty() {
            // The separator stands for whatever lies between the two blocks.
            let from = self.last_block_source_end;
            self.append("\n\n", from..source_start.max(from), false);
        }
        self.block_start = Some(self.prose.len());
    }

    fn append(&mut self, piece: &str, src: Range<usize>, verbatim: bool) {
        let chunk = Chunk {
            prose_start: self.prose.len(),
            prose_len: piece.len(),
            source_start: src.start,
            source_len: src.end - src.start,
            verbatim,
        };
        self.prose.push_str(piece);
        // Adjacent verbatim text that is also adjacent in the source is one chunk.
        if let Some(last) = self.map.chunks.last_mut()
            && verbatim
            && last.verbatim
            && last.source_end() == chunk.source_start
        {
            last.prose_len += chunk.prose_len;
            last.source_len += chunk.source_len;
            return;
        }
        self.map.chunks.push(chunk);
    }

    /// Cuts the prose (and the map with it) back to `len` bytes.
    fn truncate(&mut self, len: usize) {
        self.prose.truncate(len);
        while self.map.chunks.last().is_some_and(|c| c.prose_start >= len) {
            self.map.chunks.pop();
        }
        if let Some(last) = self.map.chunks.last_mut()
            && last.prose_end() > len
        {
            let cut = last.prose_end() - len;
            last.prose_len -= cut;
            if last.verbatim {
                last.source_len -= cut;
            }
        }
    }
}

/// `piece` without leading whitespace, and its source (which loses the same bytes
/// if the piece is verbatim); `None` if nothing is left.
fn trim_start(piece: &str, src: Range<usize>, verbatim: bool) -> Option<(&str, Range<usize>)> {
    let trimmed = piece.trim_start();
    let skipped = piece.len() - trimmed.len();
    let src = if verbatim { src.start + skipped..src.end } else { src };
    (!trimmed.is_empty()).then_some((trimmed, src))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbatim_text_maps_byte_for_byte() {
        let src = "one two";
        let mut b = ProseBuilder::new(src);
        b.text("one", 0..3);
        b.space(3..4);
        b.text("two", 4..7);
        let (prose, blocks, map) = b.finish();
        assert_eq!(prose, "one two");
        assert_eq!(blocks, vec![0..7]);
        assert_eq!(map.start_to_source(4), 4);
        assert_eq!(map.end_to_source(7), 7);
    }

    #[test]
    fn rewritten_text_maps_to_whole_construct() {
        let src = "a &amp; b";
        let mut b = ProseBuilder::new(src);
        b.text("a ", 0..2);
        b.text("&", 2..7);
        b.text(" b", 7..9);
        let (prose, _, map) = b.finish();
        assert_eq!(prose, "a & b");
        assert_eq!(map.start_to_source(2), 2);
        assert_eq!(map.end_to_source(3), 7);
        assert_eq!(map.start_to_source(4), 8);
    }

    #[test]
    fn spaces_only_between_words() {
        let src = "`c` a `c` b `c`";
        let mut b = ProseBuilder::new(src);
        b.space(0..3);
        b.text(" a ", 3..6);
        b.space(6..9);
        b.text(" b ", 9..12);
        b.space(12..15);
        let (prose, blocks, _) = b.finish();
        assert_eq!(prose, "a b");
        assert_eq!(blocks, vec![0..3]);
    }

    #[test]
    fn inserted_space_maps_to_what_it_replaced() {
        let src = "a`c`b";
        let mut b = ProseBuilder::new(src);
        b.text("a", 0..1);
        b.space(1..4);
        b.text("b", 4..5);
        let (prose, _, map) = b.finish();
        assert_eq!(prose, "a b");
        assert_eq!(map.start_to_source(1), 1);
        assert_eq!(map.end_to_source(2), 4);
        assert_eq!(map.start_to_source(2), 4);
    }

    #[test]
    fn blocks_joined_and_empty_ones_dropped() {
        let src = "one\n\n  \n\ntwo";
        let mut b = ProseBuilder::new(src);
        b.text("one", 0..3);
        b.end_block();
        b.text("  ", 5..7);
        b.end_block();
        b.end_block();
        b.text("two", 9..12);
        let (prose, blocks, map) = b.finish();
        assert_eq!(prose, "one\n\ntwo");
        assert_eq!(blocks, vec![0..3, 5..8]);
        // The separator covers the source between the blocks.
        assert_eq!(map.start_to_source(3), 3);
        assert_eq!(map.end_to_source(5), 9);
    }

    #[test]
    fn trailing_whitespace_trimmed_from_block() {
        let src = "word  ";
        let mut b = ProseBuilder::new(src);
        b.text("word  ", 0..6);
        let (prose, blocks, map) = b.finish();
        assert_eq!(prose, "word");
        assert_eq!(blocks, vec![0..4]);
        assert_eq!(map.end_to_source(4), 4);
    }

    #[test]
    fn empty_map_does_not_panic() {
        let map = OffsetMap::default();
        assert_eq!(map.start_to_source(5), 0);
        assert_eq!(map.end_to_source(5), 0);
    }
}
