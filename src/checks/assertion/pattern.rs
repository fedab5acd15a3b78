//! Patterns that bind figures to names: `{killed:count} killed and {wounded:count}
//! wounded`, or a regex holding the same placeholders.
//!
//! A pattern is literal text, matched case-insensitively with any run of white
//! space for a space, in which `{name:type}` is one figure of that type and `{...}`
//! is a few words of anything within the sentence. A `regex:` entry is the regex
//! crate's syntax (linear time, no catastrophic backtracking) in which `{name:type}`
//! placeholders may stand too, and a named group `(?P<name>…)` binds the one figure
//! inside it. Both run over the document's [`Shadow`], where each figure is one
//! character.

use std::ops::Range;

use regex::Regex;

use super::figure::{FigureType, Shadow, TYPES};

/// Names a rule may not bind: they are the message's own placeholders.
pub const RESERVED: &[&str] = &["first", "expected", "computed", "left", "right"];

/// A compiled pattern and the names it binds.
#[derive(Debug)]
pub struct Pattern {
    regex: Regex,
    /// Bound names in order, with the type asked for (`None`: a plain named group).
    pub names: Vec<(String, Option<FigureType>)>,
}

/// A pattern's problem, at a byte offset into the pattern's text.
#[derive(Debug, Clone, PartialEq)]
pub struct PatternError {
    /// Where in the pattern's text it goes wrong.
    pub offset: usize,
    /// What is wrong and how to fix it.
    pub message: String,
}

/// One match: its prose range and, per bound name (in `names` order), the mention.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    /// What the whole pattern matched, in prose offsets.
    pub range: Range<usize>,
    /// The mention bound to each name, in the order of `Pattern::names`.
    pub mentions: Vec<usize>,
}

/// The gap `{...}` stands for: up to 80 characters of anything but a sentence end
/// or a figure, so that a gap never passes over a number to bind a later one.
fn gap() -> String {
    format!(r"[^.!?\n{}]{{0,80}}?", super::figure::FIGURE_CHARACTERS)
}

impl Pattern {
    /// Compiles a literal pattern with placeholders.
    pub fn literal(text: &str) -> Result<Pattern, PatternError> {
        let mut regex = String::from("(?i)");
        let mut names = Vec::new();
        let pieces = pieces(text, Syntax::Pattern)?;
        // After a spaced gap ("killed {...} wounded") the next words' leading space
        // belongs to the gap, which may then be empty.
        let mut after_spaced_gap = false;
        for (i, piece) in pieces.iter().enumerate() {
            match piece {
                Piece::Literal(words, _) => {
                    let words = if i == 0 || after_spaced_gap { words.trim_start() } else { words };
                    after_spaced_gap = false;
                    let words = if i + 1 == pieces.len() { words.trim_end() } else { words };
                    if i == 0
                        && let Some(edge) = words.chars().next().filter(|c| c.is_alphanumeric())
                    {
                        regex.push_str(word_boundary(edge));
                    }
                    let mut spaces = false;
                    for c in words.chars() {
                        if c.is_whitespace() {
                            if !spaces {
                                regex.push_str(r"\s+");
                            }
                            spaces = true;
                            continue;
                        }
                        spaces = false;
                        regex.push_str(&regex::escape(c.encode_utf8(&mut [0; 4])));
                    }
                    if i + 1 == pieces.len()
                        && let Some(edge) = words.chars().next_back().filter(|c| c.is_alphanumeric())
                    {
                        regex.push_str(word_boundary(edge));
                    }
                }
                Piece::Gap => {
                    let next_spaced =
                        matches!(pieces.get(i + 1), Some(Piece::Literal(w, _)) if w.starts_with(char::is_whitespace));
                    if regex.ends_with(r"\s+") && next_spaced {
                        regex.push_str(&format!(r"(?:{}\s+)?", gap()));
                        after_spaced_gap = true;
                    } else {
                        regex.push_str(&gap());
                    }
                }
                Piece::Placeholder { name, kind, .. } => {
                    regex.push_str(&format!("(?P<{name}>{})", kind.regex_class()));
                    names.push((name.clone(), Some(*kind)));
                }
            }
        }
        if names.is_empty() {
            return Err(PatternError {
                offset: 0,
                message: "the pattern binds no figure; add a placeholder such as `{total:count}`".into(),
            });
        }
        let regex = Regex::new(&regex).map_err(|e| regex_error(&e))?;
        Ok(Pattern { regex, names })
    }

    /// Compiles a regex in which placeholders may stand.
    pub fn regex(text: &str) -> Result<Pattern, PatternError> {
        let mut regex = String::new();
        let mut names = Vec::new();
        // Where each literal piece stands in the compiled regex and in the text,
        // to place the regex crate's errors in the text.
        let mut starts = Vec::new();
        for piece in pieces(text, Syntax::Regex)? {
            match piece {
                Piece::Literal(raw, at) => {
                    starts.push((regex.len(), at, raw.len()));
                    regex.push_str(&raw);
                }
                Piece::Gap => regex.push_str(&gap()),
                Piece::Placeholder { name, kind, .. } => {
                    regex.push_str(&format!("(?P<{name}>{})", kind.regex_class()));
                    names.push((name, Some(kind)));
                }
            }
        }
        let compiled = Regex::new(&regex).map_err(|e| {
            let mut error = regex_error(&e);
            let at = error_offset(&e, &regex);
            error.offset = starts
                .iter()
                .find(|&&(compiled, _, len)| (compiled..=compiled + len).contains(&at))
                .map_or(0, |&(compiled, text_at, _)| text_at + at - compiled);
            error
        })?;
        for name in compiled.capture_names().flatten() {
            if !names.iter().any(|(n, _)| n == name) {
                check_name(name, text.find(name).unwrap_or(0))?;
                names.push((name.to_string(), None));
            }
        }
        if names.is_empty() {
            return Err(PatternError {
                offset: 0,
                message: "the regex binds no figure; add a placeholder such as `{total:count}` or a named group `(?P<total>…)`"
                    .into(),
            });
        }
        Ok(Pattern { regex: compiled, names })
    }

    /// Every match in a document, with the mention bound to each name; a match in
    /// which a named group holds other than exactly one figure binds nothing.
    pub fn matches(&self, shadow: &Shadow) -> Vec<Match> {
        let mut found = Vec::new();
        for captures in self.regex.captures_iter(&shadow.text) {
            let Some(whole) = captures.get(0) else { continue };
            let mut mentions = Vec::with_capacity(self.names.len());
            for (name, kind) in &self.names {
                let Some(group) = captures.name(name) else { break };
                let mention = match kind {
                    Some(_) => shadow.mention_at(group.start()),
                    None => {
                        let mut inside = shadow.mentions_in(group.range());
                        inside.next().filter(|_| inside.next().is_none())
                    }
                };
                let Some(mention) = mention else { break };
                mentions.push(mention);
            }
            if mentions.len() == self.names.len() {
                let range = shadow.prose_offset(whole.start())..shadow.prose_offset(whole.end());
                found.push(Match { range, mentions });
            }
        }
        found
    }
}

/// A word boundary beside `edge`. The shadow text holds non-ASCII figure
/// characters, before which the regex crate's fast engines cannot decide a Unicode
/// `\b` and fall back to a slow one; beside an ASCII letter or digit the ASCII
/// boundary means the same.
fn word_boundary(edge: char) -> &'static str {
    if edge.is_ascii_alphanumeric() { r"(?-u:\b)" } else { r"\b" }
}

/// A piece of a pattern's text.
#[derive(Debug)]
enum Piece {
    /// Text, and the byte offset in the pattern where it starts.
    Literal(String, usize),
    Gap,
    Placeholder {
        name: String,
        kind: FigureType,
    },
}

/// Splits a pattern into literal text, gaps and placeholders; `{` that does not
/// open a placeholder (a regex repetition such as `{2,3}`) is literal.
/// Which `{…}` are placeholders: in a pattern, any `{name…}`; in a regex only
/// `{name:type}` and `{...}`, so that `\p{Lu}` and `\x{E9}` stay the regex's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Syntax {
    Pattern,
    Regex,
}

fn pieces(text: &str, syntax: Syntax) -> Result<Vec<Piece>, PatternError> {
    if text.trim().is_empty() {
        return Err(PatternError {
            offset: 0,
            message: "the pattern is empty; write the words around a placeholder, e.g. `{total:count} casualties`"
                .into(),
        });
    }
    let mut pieces = Vec::new();
    let mut literal = String::new();
    let mut literal_start = 0;
    let mut rest = text;
    let mut offset = 0;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let close = after.find('}');
        let inner = close.map(|c| &after[..c]);
        let at = offset + open;
        match inner {
            Some("...") => {
                literal.push_str(&rest[..open]);
                pieces.push(Piece::Literal(std::mem::take(&mut literal), literal_start));
                pieces.push(Piece::Gap);
            }
            Some(inner) if looks_like_placeholder(inner) && (syntax == Syntax::Pattern || inner.contains(':')) => {
                literal.push_str(&rest[..open]);
                pieces.push(Piece::Literal(std::mem::take(&mut literal), literal_start));
                pieces.push(placeholder(inner, at)?);
            }
            _ => {
                literal.push_str(&rest[..=open]);
                rest = &rest[open + 1..];
                offset += open + 1;
                continue;
            }
        }
        let consumed = open + 1 + inner.map_or(0, str::len) + 1;
        rest = &rest[consumed..];
        offset += consumed;
        literal_start = offset;
    }
    literal.push_str(rest);
    pieces.push(Piece::Literal(literal, literal_start));
    pieces.retain(|p| !matches!(p, Piece::Literal(l, _) if l.is_empty()));
    let mut seen: Vec<&str> = Vec::new();
    for piece in &pieces {
        if let Piece::Placeholder { name, .. } = piece {
            if seen.contains(&name.as_str()) {
                return Err(PatternError {
                    offset: text.rfind(&format!("{{{name}")).unwrap_or(0),
                    message: format!("`{name}` is bound twice in one pattern; give each figure its own name"),
                });
            }
            seen.push(name);
        }
    }
    Ok(pieces)
}

/// `name:type` or a bare `name` (an error, reported by [`placeholder`]); not a
/// regex repetition such as `2,3`.
fn looks_like_placeholder(inner: &str) -> bool {
    inner.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && inner.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':')
}

fn placeholder(inner: &str, at: usize) -> Result<Piece, PatternError> {
    let kinds = || TYPES.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ");
    let Some((name, kind)) = inner.split_once(':') else {
        return Err(PatternError {
            offset: at,
            message: format!("placeholder `{{{inner}}}` needs a type, e.g. `{{{inner}:count}}`; types are {}", kinds()),
        });
    };
    check_name(name, at + 1)?;
    let Some(kind) = FigureType::named(kind) else {
        let hint = crate::rules::closest(kind, TYPES.iter().map(|(n, _)| *n))
            .map_or_else(|| format!("kinds are {}", kinds()), |k| format!("did you mean `{k}`?"));
        return Err(PatternError {
            offset: at + 1 + name.len() + 1,
            message: format!("unknown claim kind `{kind}` in `{{{inner}}}`; {hint}"),
        });
    };
    Ok(Piece::Placeholder { name: name.to_string(), kind })
}

/// A bound name must be an identifier the assertion language can refer to.
pub fn check_name(name: &str, offset: usize) -> Result<(), PatternError> {
    let identifier = name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !identifier {
        return Err(PatternError {
            offset,
            message: format!("`{name}` is not a name; use letters, digits and `_`, starting with a letter"),
        });
    }
    if RESERVED.contains(&name) {
        return Err(PatternError {
            offset,
            message: format!("`{name}` is reserved for messages ({}); choose another name", RESERVED.join(", ")),
        });
    }
    Ok(())
}

/// The regex crate's error, on one line.
fn regex_error(err: &regex::Error) -> PatternError {
    PatternError { offset: 0, message: format!("invalid regex: {}", regex_reason(err)) }
}

/// Why the regex crate refused a regex, on one line (its message spans several,
/// with the pattern and a caret).
pub fn regex_reason(err: &regex::Error) -> String {
    let text = err.to_string();
    let reason = text.lines().rev().find(|l| l.trim_start().starts_with("error:")).unwrap_or(&text);
    reason.trim().trim_start_matches("error: ").to_string()
}

/// The byte offset in `regex` where the regex crate's error points: its message
/// repeats a one-line pattern and underlines the culprit with `^`.
fn error_offset(err: &regex::Error, regex: &str) -> usize {
    if regex.contains('\n') {
        return 0;
    }
    let text = err.to_string();
    let mut lines = text.lines();
    let Some(pattern_line) = lines.by_ref().find(|l| l.ends_with(regex)) else { return 0 };
    let indent = pattern_line.chars().count() - regex.chars().count();
    let Some(carets) = lines.next().and_then(|l| l.find('^')) else { return 0 };
    let column = carets.saturating_sub(indent);
    regex.char_indices().nth(column).map_or(regex.len(), |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Context, Extractor, Lexicon};

    fn shadow(prose: &str) -> (Shadow, Vec<crate::extract::Mention>) {
        let mentions = Extractor::new(&Lexicon::builtin()).unwrap().extract(prose, &Context::default());
        (Shadow::new(prose, &mentions), mentions)
    }

    fn texts(pattern: &Pattern, prose: &str) -> Vec<Vec<String>> {
        let (shadow, mentions) = shadow(prose);
        pattern
            .matches(&shadow)
            .iter()
            .map(|m| m.mentions.iter().map(|&i| prose[mentions[i].range.clone()].to_string()).collect())
            .collect()
    }

    #[test]
    fn literal_patterns_bind_typed_figures() {
        let p = Pattern::literal("{killed:count} killed and {wounded:count} wounded").unwrap();
        let prose = "In all 130 Killed  and 45 wounded; later 10 MB killed and 3 wounded.";
        assert_eq!(texts(&p, prose), [["130", "45"]]);
        let gap = Pattern::literal("killed {killed:count} {...} wounded {wounded:count}").unwrap();
        assert_eq!(texts(&gap, "They killed 12 people and wounded 30."), [["12", "30"]]);
        assert!(texts(&gap, "They killed 12 people. Police wounded 30.").is_empty());
    }

    #[test]
    fn gaps_may_be_empty_and_never_pass_over_a_figure() {
        let p = Pattern::literal("{killed:count} {...} killed and {wounded:count} {...} wounded").unwrap();
        assert_eq!(texts(&p, "There were 14 killed and 52 wounded."), [["14", "52"]]);
        assert_eq!(texts(&p, "Of the 120 passengers, 14 were killed and 52 were wounded."), [["14", "52"]]);
        let p = Pattern::literal("casualties {...} {total:count}").unwrap();
        assert_eq!(texts(&p, "the casualties among them 5 children reached 70"), [["5"]]);
    }

    #[test]
    fn the_articles_own_private_use_characters_are_not_figures() {
        let p = Pattern::literal("{a:count} x").unwrap();
        assert!(texts(&p, "icon \u{E000} x and 5 x").iter().all(|m| m == &["5"]));
        assert_eq!(texts(&p, "icon \u{E000} x and 5 x").len(), 1);
    }

    #[test]
    fn literal_words_match_whole_words_only() {
        let p = Pattern::literal("limit is {limit:quantity}").unwrap();
        assert_eq!(texts(&p, "The limit is 10 MB."), [["10 MB"]]);
        let p = Pattern::literal("{n:count} dead").unwrap();
        assert!(texts(&p, "About 40 deadlines").is_empty());
    }

    #[test]
    fn regexes_take_placeholders_and_named_groups() {
        let p = Pattern::regex(r"(?i)toll (?:rose|climbed) to {total:count}").unwrap();
        assert_eq!(texts(&p, "The toll climbed to 57 on Monday."), [["57"]]);
        let p = Pattern::regex(r"budget of (?P<budget>\S+ \S+)").unwrap();
        assert_eq!(texts(&p, "a budget of $40 million, up"), [["$40 million"]]);
        let p = Pattern::regex(r"x{2,3} {n:count}").unwrap();
        assert_eq!(texts(&p, "xxx 5"), [["5"]]);
        // Braces of the regex's own syntax are not placeholders.
        let p = Pattern::regex(r"\p{Lu}\w+ killed {n:count}").unwrap();
        assert_eq!(texts(&p, "Gunmen killed 5 and rebels killed 7"), [["5"]]);
    }

    #[test]
    fn mistakes_are_reported_at_their_offset() {
        let err = |r: Result<Pattern, PatternError>| r.unwrap_err();
        let e = err(Pattern::literal("  "));
        assert!(e.message.contains("empty"), "{e:?}");
        let e = err(Pattern::literal("{total:widget} in all"));
        assert_eq!(e.offset, 7);
        assert!(e.message.contains("unknown claim kind `widget`"), "{e:?}");
        let e = err(Pattern::literal("{total:cout} in all"));
        assert!(e.message.contains("did you mean `count`?"), "{e:?}");
        let e = err(Pattern::literal("a {total} b"));
        assert_eq!(e.offset, 2);
        assert!(e.message.contains("needs a type"), "{e:?}");
        let e = err(Pattern::literal("in all"));
        assert!(e.message.contains("binds no figure"), "{e:?}");
        let e = err(Pattern::literal("{first:count} x"));
        assert!(e.message.contains("reserved"), "{e:?}");
        let e = err(Pattern::literal("{a:count} and {a:count}"));
        assert!(e.message.contains("bound twice"), "{e:?}");
        let e = err(Pattern::regex("(unclosed {a:count}"));
        assert!(e.message.starts_with("invalid regex"), "{e:?}");
        assert!(!e.message.contains('\n'));
    }

    #[test]
    fn regex_errors_point_into_the_text_not_the_compiled_regex() {
        let err = |r: Result<Pattern, PatternError>| r.unwrap_err();
        // After a placeholder, the compiled regex is longer than the text.
        let e = err(Pattern::regex("{a:count} dead (and"));
        assert_eq!((e.offset, e.message.as_str()), (15, "invalid regex: unclosed group"));
        let e = err(Pattern::regex("toll {a:count} x{2,1}"));
        assert_eq!(e.offset, 16, "{e:?}");
        let e = err(Pattern::regex("é+ (?P<n>\\d+) [z-a]"));
        assert_eq!(e.offset, "é+ (?P<n>\\d+) [".len(), "{e:?}");
    }
}
