//! What the test binaries share: reading a fixture's header, the part before its
//! body that holds its `expect:` lines, and fresh temporary directories.

// Each test binary compiles this module and uses only part of it.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A fresh, empty directory under the system's temp dir, unique to this process
/// and call, removed when the test is done with it.
pub struct TempDir(PathBuf);

impl std::ops::Deref for TempDir {
    type Target = PathBuf;

    fn deref(&self) -> &PathBuf {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A new [`TempDir`] whose name holds `tag`, so a leftover one says which test made it.
pub fn temp_dir(tag: &str) -> TempDir {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    let dir = std::env::temp_dir().join(format!("factlint-{tag}-{}-{n}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("create a temp dir");
    TempDir(dir)
}

/// The header of the fixture at `path` (used for its extension) with text `text`:
/// for Markdown the leading HTML comment, for plain text the leading lines up to the
/// first blank one. Returns the header and the byte offset where the body after it
/// begins.
pub fn header<'t>(path: &str, text: &'t str) -> Result<(&'t str, usize), String> {
    if path.ends_with(".txt") {
        let end = text.find("\n\n").map_or(text.len(), |i| i + 1);
        return Ok((&text[..end], end));
    }
    let start = text.len() - text.trim_start().len();
    if !text[start..].starts_with("<!--") {
        return Err("does not start with an HTML comment holding its expectations".to_string());
    }
    let close = text[start..].find("-->").ok_or("its leading HTML comment is never closed")? + start + 3;
    Ok((&text[start..close], close))
}

/// The 1-based line of the first `needle` in `text` at or after byte `body_start`.
pub fn line_in_body(text: &str, body_start: usize, needle: &str) -> Option<usize> {
    text[body_start..].find(needle).map(|at| text[..body_start + at].matches('\n').count() + 1)
}
