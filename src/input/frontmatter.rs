//! YAML front matter: finding it at the top of a file, parsing it, and reading
//! the publication date it states.
//!
//! Front matter is a first line `---`, then YAML, then a line `---` or `...`
//! (trailing spaces allowed, CRLF allowed, a byte-order mark before it allowed).
//! If the closing line never comes, the file has no front matter and the opening
//! `---` is ordinary text. In Markdown, blank lines and HTML comments may come
//! before the opening line: they are invisible when rendered, and files (this
//! project's fixtures among them) put notes there. The first of the top-level keys `date`, `published`
//! and `pubDate` that is present gives the publication date; if its value is
//! not a date that is an error, because a wrong or missing date would silently
//! change every "last year" and "two months ago" in the article.

use std::ops::Range;
use std::sync::LazyLock;

use jiff::civil::Date;
use regex::Regex;

use super::lines::LineIndex;

/// The keys that may state the publication date, in order of preference.
const DATE_KEYS: [&str; 3] = ["date", "published", "pubDate"];

/// Front matter found at the top of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FrontMatter {
    /// Source offset just past the closing line: where the body starts.
    pub(crate) end: usize,
    /// The publication date, if a date key is present.
    pub(crate) date: Option<Date>,
    /// How the article writes digits (`locale: de`), if it says.
    pub(crate) locale: Option<super::Locale>,
}

/// A problem in the front matter, located in the whole file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FrontMatterError {
    pub(crate) line: usize,
    pub(crate) column: usize,
    pub(crate) message: String,
}

/// Reads the front matter at the top of `source` (whose text starts at `start`,
/// just past any byte-order mark), if there is any; with `after_comments`, blank
/// lines and HTML comments may precede it.
pub(crate) fn read(source: &str, start: usize, after_comments: bool) -> Result<Option<FrontMatter>, FrontMatterError> {
    let start = if after_comments { skip_comments(source, start) } else { start };
    let Some((yaml_range, end)) = locate(source, start) else {
        return Ok(None);
    };
    let yaml = &source[yaml_range.clone()];
    // Lines and columns are wanted only for an error, which is rare: index lazily.
    let lines = || LineIndex::new(source);
    let value: serde_yaml::Value = serde_yaml::from_str(yaml).map_err(|e| {
        let lines = lines();
        // The YAML's line 1 is this line of the file.
        let first_line = lines.line_col(source, yaml_range.start).0;
        // The YAML parser's byte index, kept inside the YAML in case it points past it.
        let offset = e.location().map_or(yaml_range.start, |l| yaml_range.start + l.index().min(yaml.len()));
        let (line, column) = lines.line_col(source, offset);
        FrontMatterError {
            line,
            column,
            message: format!("front matter is not valid YAML: {}", shift_lines(&e.to_string(), first_line - 1)),
        }
    })?;
    let mut date = None;
    if let Some((key, found)) = DATE_KEYS.iter().find_map(|&k| value.get(k).map(|v| (k, v))) {
        date = Some(date_value(found).ok_or_else(|| {
            let offset = value_offset(yaml, key).map_or(yaml_range.start, |o| yaml_range.start + o);
            let (line, column) = lines().line_col(source, offset);
            FrontMatterError { line, column, message: bad_date_message(key, found) }
        })?);
    }
    let mut locale = None;
    if let Some(found) = value.get("locale") {
        let tag = found.as_str().unwrap_or("");
        locale = Some(super::Locale::from_tag(tag).ok_or_else(|| {
            let offset = value_offset(yaml, "locale").map_or(yaml_range.start, |o| yaml_range.start + o);
            let (line, column) = lines().line_col(source, offset);
            let message = format!("front matter `locale` is `{tag}`, which factlint cannot read; write en or de");
            FrontMatterError { line, column, message }
        })?);
    }
    Ok(Some(FrontMatter { end, date, locale }))
}

/// The offset of the first line from `pos` on that is neither blank nor part of
/// an HTML comment that starts a line (such a comment is an HTML block in
/// CommonMark, which ends with the line holding `-->`).
fn skip_comments(source: &str, mut pos: usize) -> usize {
    while pos < source.len() {
        let rest = &source[pos..];
        let line_end = rest.find('\n').map_or(source.len(), |i| pos + i + 1);
        if source[pos..line_end].trim().is_empty() {
            pos = line_end;
            continue;
        }
        let indent = rest.len() - rest.trim_start_matches(' ').len();
        if indent > 3 || !rest[indent..].starts_with("<!--") {
            break;
        }
        let Some(close) = rest[indent + 4..].find("-->") else {
            // Unclosed: the comment runs to the end, so no front matter follows.
            return source.len();
        };
        let close = pos + indent + 4 + close + 3;
        pos = source[close..].find('\n').map_or(source.len(), |i| close + i + 1);
    }
    pos
}

/// Finds front matter whose opening line starts at `start`: the range of its
/// YAML text and the offset just past its closing line.
fn locate(source: &str, start: usize) -> Option<(Range<usize>, usize)> {
    let mut pos = start;
    let mut first = true;
    let mut yaml_start = 0;
    while pos < source.len() {
        let (line, next) = match source[pos..].find('\n') {
            Some(i) => (&source[pos..pos + i], pos + i + 1),
            None => (&source[pos..], source.len()),
        };
        let line = line.trim_end_matches([' ', '\t', '\r']);
        if first {
            // The opening line must be complete: a lone "---" is not front matter.
            if line != "---" || (next == source.len() && !source.ends_with('\n')) {
                return None;
            }
            first = false;
            yaml_start = next;
        } else if line == "---" || line == "..." {
            return Some((yaml_start..pos, next));
        }
        pos = next;
    }
    None
}

/// The date a front-matter value states, if it states one.
fn date_value(value: &serde_yaml::Value) -> Option<Date> {
    match value {
        serde_yaml::Value::String(s) => parse_date(s),
        serde_yaml::Value::Tagged(tagged) => date_value(&tagged.value),
        _ => None,
    }
}

/// Parses a date as factlint accepts it everywhere (front matter and `--date`):
/// `YYYY-MM-DD`, optionally followed by a time and UTC offset (as in
/// `2022-11-15T10:00:00Z` or `2022-11-15 10:00`); only the date is kept.
/// Surrounding whitespace is ignored. The time, if any, must still look like a
/// time, so that "2022-11-15 or so" is not taken for a date; `None` if `text` is
/// not such a date or names no day of the calendar.
pub fn parse_date(text: &str) -> Option<Date> {
    static DATE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(\d{4})-(\d{2})-(\d{2})(?:(?:[Tt]|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(?:[Zz]|[+-]\d{2}(?::?\d{2})?)?)?$",
        )
        .expect("date pattern is valid")
    });
    let caps = DATE.captures(text.trim())?;
    let num = |i: usize| caps.get(i).map_or(Some(0), |m| m.as_str().parse::<i64>().ok());
    let (hour, minute, second) = (num(4)?, num(5)?, num(6)?);
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let year = i16::try_from(num(1)?).ok()?;
    let month = i8::try_from(num(2)?).ok()?;
    let day = i8::try_from(num(3)?).ok()?;
    Date::new(year, month, day).ok()
}

/// The error message for a date key whose value is not a date.
fn bad_date_message(key: &str, value: &serde_yaml::Value) -> String {
    use serde_yaml::Value;
    let found = match value {
        Value::Null => {
            return format!("front matter `{key}` is empty; write the date as YYYY-MM-DD");
        }
        Value::String(s) => format!("{s:?}"),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::Sequence(_) => "a list".to_string(),
        Value::Mapping(_) => "a mapping".to_string(),
        Value::Tagged(t) => return bad_date_message(key, &t.value),
    };
    format!("front matter `{key}` is {found}, which is not a date; write it as YYYY-MM-DD")
}

/// Byte offset, within `yaml`, of the value of top-level `key` (or of the key
/// itself when the value is not on the key's line). The parsed YAML carries no
/// positions, so this looks for an unindented `key:` line, plain or quoted.
fn value_offset(yaml: &str, key: &str) -> Option<usize> {
    let mut pos = 0;
    for line in yaml.split_inclusive('\n') {
        let line_start = pos;
        pos += line.len();
        let rest = [key.to_string(), format!("\"{key}\""), format!("'{key}'")]
            .iter()
            .find_map(|k| line.strip_prefix(k.as_str()))
            .and_then(|r| r.trim_start_matches([' ', '\t']).strip_prefix(':'));
        let Some(rest) = rest else { continue };
        // "date:x" is a key "date:x", not the key date.
        if !rest.is_empty() && !rest.starts_with([' ', '\t', '\r', '\n']) {
            continue;
        }
        let value = rest.trim_start_matches([' ', '\t']);
        if value.is_empty() || value.starts_with(['\r', '\n', '#']) {
            return Some(line_start);
        }
        return Some(line_start + line.len() - value.len());
    }
    None
}

/// Rewrites "line N" in a YAML error message so that N counts from the top of
/// the file rather than from the top of the front matter.
fn shift_lines(message: &str, by: usize) -> String {
    static LINE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"line (\d+)").expect("line pattern is valid"));
    LINE.replace_all(message, |caps: &regex::Captures<'_>| match caps[1].parse::<usize>() {
        Ok(n) => format!("line {}", n + by),
        Err(_) => caps[0].to_string(),
    })
    .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_str(src: &str) -> Result<Option<FrontMatter>, FrontMatterError> {
        read(src, 0, false)
    }

    fn read_after_comments(src: &str) -> Result<Option<FrontMatter>, FrontMatterError> {
        read(src, 0, true)
    }

    fn date(y: i16, m: i8, d: i8) -> Option<Date> {
        Some(Date::new(y, m, d).unwrap())
    }

    #[test]
    fn reads_each_date_key() {
        for key in ["date", "published", "pubDate"] {
            let src = format!("---\ntitle: T\n{key}: 2022-11-15\n---\nBody.\n");
            let fm = read_str(&src).unwrap().unwrap();
            assert_eq!(fm.date, date(2022, 11, 15), "{key}");
            assert_eq!(&src[fm.end..], "Body.\n");
        }
    }

    #[test]
    fn first_key_in_preference_order_wins() {
        let src = "---\npubDate: 2020-01-01\ndate: 2021-02-03\n---\n";
        assert_eq!(read_str(src).unwrap().unwrap().date, date(2021, 2, 3));
    }

    #[test]
    fn date_with_time_and_quotes() {
        for value in [
            "2022-11-15T10:00:00Z",
            "\"2022-11-15T10:00:00+02:00\"",
            "'2022-11-15 10:00'",
            "2022-11-15T10:00:00.5-0500",
            "\"2022-11-15\"",
        ] {
            let src = format!("---\ndate: {value}\n---\n");
            assert_eq!(read_str(&src).unwrap().unwrap().date, date(2022, 11, 15), "{value}");
        }
    }

    #[test]
    fn no_date_key_means_no_date() {
        let fm = read_str("---\ntitle: x\n---\ntext").unwrap().unwrap();
        assert_eq!(fm.date, None);
        assert_eq!(fm.end, 17);
    }

    #[test]
    fn bad_date_is_located_at_value() {
        let err = read_str("---\ntitle: x\ndate: next week\n---\n").unwrap_err();
        assert_eq!((err.line, err.column), (3, 7));
        assert_eq!(err.message, "front matter `date` is \"next week\", which is not a date; write it as YYYY-MM-DD");
    }

    #[test]
    fn bad_date_forms() {
        for (value, col) in
            [("2022-13-01", 13), ("2022-02-30", 13), ("\"15/11/2022\"", 13), ("20221115", 13), ("2022-11-15 or so", 13)]
        {
            let src = format!("---\npublished:  {value}\n---\n");
            let err = read_str(&src).unwrap_err();
            assert_eq!((err.line, err.column), (2, col), "{value}");
            assert!(err.message.contains("`published`"), "{}", err.message);
        }
    }

    #[test]
    fn empty_date_points_at_key() {
        let err = read_str("---\npubDate:\n---\n").unwrap_err();
        assert_eq!((err.line, err.column), (2, 1));
        assert!(err.message.contains("is empty"), "{}", err.message);
    }

    #[test]
    fn malformed_yaml_located_in_file() {
        let src = "---\ntitle: x\ntags: [a\nother: 2\n---\n";
        let err = read_str(src).unwrap_err();
        assert_eq!(err.line, 4);
        assert!(err.message.starts_with("front matter is not valid YAML"), "{}", err.message);
        assert!(err.message.contains("line 4"), "{}", err.message);
    }

    #[test]
    fn unclosed_front_matter_is_not_front_matter() {
        assert_eq!(read_str("---\ndate: nonsense\nno end\n").unwrap(), None);
        assert_eq!(read_str("---").unwrap(), None);
        assert_eq!(read_str("text\n---\ndate: x\n---\n").unwrap(), None);
    }

    #[test]
    fn crlf_and_dots_close() {
        let src = "---\r\ndate: 2022-11-15\r\n...\r\nBody";
        let fm = read_str(src).unwrap().unwrap();
        assert_eq!(fm.date, date(2022, 11, 15));
        assert_eq!(&src[fm.end..], "Body");
    }

    #[test]
    fn crlf_bad_date_column() {
        let err = read_str("---\r\ndate: soon\r\n---\r\n").unwrap_err();
        assert_eq!((err.line, err.column), (2, 7));
    }

    #[test]
    fn empty_front_matter() {
        let fm = read_str("---\n---\nBody").unwrap().unwrap();
        assert_eq!(fm.date, None);
        assert_eq!(fm.end, 8);
    }

    #[test]
    fn comments_may_come_first() {
        let src = "<!--\nnote: x\n-->\n\n<!-- two --> \n---\ndate: 2024-02-06\n---\nBody";
        let fm = read_after_comments(src).unwrap().unwrap();
        assert_eq!(fm.date, date(2024, 2, 6));
        assert_eq!(&src[fm.end..], "Body");
        // Only where comments are allowed.
        assert_eq!(read_str(src).unwrap(), None);
        // Errors still point into the file.
        let err = read_after_comments("<!-- c -->\n---\ndate: soon\n---\n").unwrap_err();
        assert_eq!((err.line, err.column), (3, 7));
    }

    #[test]
    fn text_before_front_matter_means_none() {
        assert_eq!(read_after_comments("Hello.\n---\ndate: 2024-02-06\n---\n").unwrap(), None);
        assert_eq!(read_after_comments("<!-- open\n---\ndate: 2024-02-06\n---\n").unwrap(), None);
        assert_eq!(read_after_comments("    <!-- code -->\n---\ndate: 2024-02-06\n---\n").unwrap(), None);
    }

    #[test]
    fn key_must_be_exact() {
        let src = "---\ndates: whenever\ndate:x: 1\n---\n";
        assert_eq!(read_str(src).unwrap().unwrap().date, None);
    }
}
