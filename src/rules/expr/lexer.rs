//! The lexer: assertion text → tokens with byte spans. It owns what a number, a
//! name and an operator look like, and the errors for characters that are no
//! operator (`=`, `!`, `&&`) — each saying what to write instead.

use super::ExprError;

/// A comparison operator, as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CompareOp {
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    /// `~=`: equal within a tolerance.
    About,
}

impl CompareOp {
    pub(super) fn symbol(self) -> &'static str {
        match self {
            CompareOp::Equal => "==",
            CompareOp::NotEqual => "!=",
            CompareOp::Less => "<",
            CompareOp::LessOrEqual => "<=",
            CompareOp::Greater => ">",
            CompareOp::GreaterOrEqual => ">=",
            CompareOp::About => "~=",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Keyword {
    And,
    Or,
    Not,
    Within,
}

impl Keyword {
    fn from_word(word: &str) -> Option<Keyword> {
        match word {
            "and" => Some(Keyword::And),
            "or" => Some(Keyword::Or),
            "not" => Some(Keyword::Not),
            "within" => Some(Keyword::Within),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum TokenKind {
    Number(f64),
    /// A name: a reference, a field, a function or a unit; its text is the span's.
    Name,
    Keyword(Keyword),
    Percent,
    OpenParen,
    CloseParen,
    Comma,
    Dot,
    Plus,
    Minus,
    Star,
    Slash,
    Compare(CompareOp),
    /// After the last token; its span is empty, at the end of the text.
    End,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Token {
    pub kind: TokenKind,
    pub start: usize,
    pub end: usize,
}

/// Every token of `text`, ending with [`TokenKind::End`].
pub(super) fn tokenize(text: &str) -> Result<Vec<Token>, ExprError> {
    let mut tokens = Vec::new();
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(c) = text[at..].chars().next() {
        if c.is_whitespace() {
            at += c.len_utf8();
            continue;
        }
        let start = at;
        let next = bytes.get(at + 1).copied();
        let (kind, len) = match c {
            '0'..='9' => {
                let (value, len) = number(text, start)?;
                (TokenKind::Number(value), len)
            }
            c if c.is_alphabetic() || c == '_' => {
                let len =
                    text[start..].find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(text.len() - start);
                let kind = Keyword::from_word(&text[start..start + len]).map_or(TokenKind::Name, TokenKind::Keyword);
                (kind, len)
            }
            '.' if next.is_some_and(|b| b.is_ascii_digit()) => {
                return Err(ExprError::new(start, "a number starts with a digit: write `0.5`, not `.5`"));
            }
            '%' => (TokenKind::Percent, 1),
            '(' => (TokenKind::OpenParen, 1),
            ')' => (TokenKind::CloseParen, 1),
            ',' => (TokenKind::Comma, 1),
            '.' => (TokenKind::Dot, 1),
            '+' => (TokenKind::Plus, 1),
            '-' => (TokenKind::Minus, 1),
            '*' => (TokenKind::Star, 1),
            '/' => (TokenKind::Slash, 1),
            '<' | '>' | '=' | '!' | '~' => operator(c, next == Some(b'='), start)?,
            '&' => return Err(ExprError::new(start, "`&&` is not an operator; write `and`")),
            '|' => return Err(ExprError::new(start, "`||` is not an operator; write `or`")),
            other => return Err(ExprError::new(start, format!("unexpected character `{other}`"))),
        };
        tokens.push(Token { kind, start, end: start + len });
        at = start + len;
    }
    tokens.push(Token { kind: TokenKind::End, start: text.len(), end: text.len() });
    Ok(tokens)
}

/// A comparison operator starting with `first`; `then_equals` says whether `=` follows.
fn operator(first: char, then_equals: bool, start: usize) -> Result<(TokenKind, usize), ExprError> {
    let op = match (first, then_equals) {
        ('<', false) => CompareOp::Less,
        ('<', true) => CompareOp::LessOrEqual,
        ('>', false) => CompareOp::Greater,
        ('>', true) => CompareOp::GreaterOrEqual,
        ('=', true) => CompareOp::Equal,
        ('!', true) => CompareOp::NotEqual,
        ('~', true) => CompareOp::About,
        ('=', false) => return Err(ExprError::new(start, "`=` is not an operator; write `==`")),
        ('!', false) => return Err(ExprError::new(start, "`!` is not an operator; write `!=` or `not`")),
        _ => {
            return Err(ExprError::new(
                start,
                "`~` is not an operator; write `~=` with a tolerance: `a ~= b within 5%`",
            ));
        }
    };
    Ok((TokenKind::Compare(op), if then_equals { 2 } else { 1 }))
}

/// The number starting at `start` (a digit): digits with `_` between groups, an
/// optional fraction and an optional exponent. Returns its value and byte length.
/// An `e` not followed by digits is left alone: in `5em` it starts a unit.
fn number(text: &str, start: usize) -> Result<(f64, usize), ExprError> {
    let bytes = text.as_bytes();
    let digits_from = |mut at: usize| {
        while bytes.get(at).is_some_and(|b| b.is_ascii_digit() || *b == b'_') {
            at += 1;
        }
        at
    };
    let mut end = digits_from(start);
    if bytes.get(end) == Some(&b'.') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit) {
        end = digits_from(end + 1);
    }
    if matches!(bytes.get(end), Some(b'e' | b'E')) {
        let sign = usize::from(matches!(bytes.get(end + 1), Some(b'+' | b'-')));
        if bytes.get(end + 1 + sign).is_some_and(u8::is_ascii_digit) {
            end = digits_from(end + 1 + sign);
        }
    }
    let literal = &text[start..end];
    if !underscores_separate_digits(literal) {
        return Err(ExprError::new(
            start,
            format!("misplaced `_` in `{literal}`; `_` only separates groups of digits, as in `1_000`"),
        ));
    }
    let value: f64 =
        literal.replace('_', "").parse().map_err(|_| ExprError::new(start, format!("`{literal}` is not a number")))?;
    if !value.is_finite() {
        return Err(ExprError::new(start, format!("`{literal}` is too large a number")));
    }
    Ok((value, end - start))
}

/// Whether every `_` stands between two digits.
fn underscores_separate_digits(literal: &str) -> bool {
    let bytes = literal.as_bytes();
    bytes.iter().enumerate().all(|(i, &b)| {
        b != b'_' || (i > 0 && bytes[i - 1].is_ascii_digit() && bytes.get(i + 1).is_some_and(u8::is_ascii_digit))
    })
}
