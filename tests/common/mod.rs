//! What the test binaries share: reading a fixture's header, the part before its
//! body that holds its `expect:` lines.

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
