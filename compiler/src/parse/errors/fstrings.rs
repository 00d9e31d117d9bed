//! CPython 3.12+'s messages for malformed replacement fields of f-strings and t-strings
//! (`invalid_replacement_field` and `invalid_conversion_character` in
//! `Grammar/python.gram`): a field with no expression before `=`, `!` or `:`, an
//! expression followed by something other than `=`, `!`, `:` or `}`, a bad conversion, a
//! missing `}`, and a `lambda` without parentheses.
//!
//! Ruff's tokens mirror CPython's PEP 701 tokenization: inside a field a top-level `:`
//! starts the format spec, whose text comes as string-middle tokens, so the fields can be
//! read off the token stream.

use ruff_python_ast::token::{Token, TokenKind};
use ruff_text_size::{Ranged, TextRange, TextSize};

use super::SourceMap;
use crate::diagnostics::{SyntaxDiagnostic, SyntaxErrorKind};

/// A malformed replacement field.
pub(crate) struct FieldError {
    /// The f-string holding the field, to its end (or the end of the source).
    pub string: TextRange,
    /// How far CPython's parser reads before it can report the error: a tokenizer error
    /// before this offset comes first.
    pub read_to: TextSize,
    pub diagnostic: SyntaxDiagnostic,
}

/// The first malformed replacement field in `tokens`.
pub(crate) fn first_field_error(map: &SourceMap<'_>, tokens: &[Token]) -> Option<FieldError> {
    let (open, read_to, diagnostic) = first_malformed_field(map, tokens)?;
    let mut depth = 0u32;
    let end = tokens[open..]
        .iter()
        .find(|t| match t.kind() {
            TokenKind::FStringStart | TokenKind::TStringStart => {
                depth += 1;
                false
            }
            TokenKind::FStringEnd | TokenKind::TStringEnd => {
                if depth == 0 {
                    return true;
                }
                depth -= 1;
                false
            }
            _ => false,
        })
        .map_or(TextSize::new(map.text.len() as u32), Ranged::end);
    Some(FieldError {
        string: TextRange::new(tokens[open].start(), end),
        read_to,
        diagnostic,
    })
}

/// The index of the `{` of the first malformed field, how far the parser reads, and the
/// diagnostic.
fn first_malformed_field(
    map: &SourceMap<'_>,
    tokens: &[Token],
) -> Option<(usize, TextSize, SyntaxDiagnostic)> {
    enum Frame {
        String(&'static str),
        Field { depth: u32, in_spec: bool },
    }
    let mut stack: Vec<Frame> = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        match (token.kind(), stack.last_mut()) {
            (TokenKind::FStringStart, _) => stack.push(Frame::String("f")),
            (TokenKind::TStringStart, _) => stack.push(Frame::String("t")),
            (TokenKind::FStringEnd | TokenKind::TStringEnd, _) => {
                while let Some(frame) = stack.pop() {
                    if matches!(frame, Frame::String(_)) {
                        break;
                    }
                }
            }
            (TokenKind::Lbrace, Some(top)) => {
                let opens = match top {
                    Frame::String(_) => true,
                    Frame::Field { depth, in_spec } => *in_spec && *depth == 0,
                };
                if opens {
                    let prefix = stack
                        .iter()
                        .rev()
                        .find_map(|f| match f {
                            Frame::String(p) => Some(*p),
                            Frame::Field { .. } => None,
                        })
                        .unwrap_or("f");
                    if let Some((read_to, error)) = check_field(map, tokens, i, prefix) {
                        return Some((i, read_to, error));
                    }
                    stack.push(Frame::Field {
                        depth: 0,
                        in_spec: false,
                    });
                } else if let Frame::Field { depth, .. } = top {
                    *depth += 1;
                }
            }
            (TokenKind::Lpar | TokenKind::Lsqb, Some(Frame::Field { depth, .. })) => *depth += 1,
            (TokenKind::Rpar | TokenKind::Rsqb, Some(Frame::Field { depth, .. })) => {
                *depth = depth.saturating_sub(1);
            }
            (TokenKind::Rbrace, Some(Frame::Field { depth, .. })) => {
                if *depth > 0 {
                    *depth -= 1;
                } else {
                    stack.pop();
                }
            }
            (TokenKind::Colon, Some(Frame::Field { depth: 0, in_spec })) => *in_spec = true,
            _ => {}
        }
    }
    None
}

fn significant(token: &Token) -> bool {
    !matches!(
        token.kind(),
        TokenKind::NonLogicalNewline | TokenKind::Comment
    )
}

/// Checks the field whose `{` is `tokens[open]`.
fn check_field(
    map: &SourceMap<'_>,
    tokens: &[Token],
    open: usize,
    prefix: &str,
) -> Option<(TextSize, SyntaxDiagnostic)> {
    let error = |token: &Token, message: &str| {
        Some((
            token.end(),
            map.at_range(
                SyntaxErrorKind::SyntaxError,
                &format!("{prefix}-string: {message}"),
                token.start(),
                token.end().max(token.start() + TextSize::new(1)),
            ),
        ))
    };
    // The expression: the tokens up to the first `=`, `!`, `:` or `}` outside brackets.
    let mut depth = 0u32;
    let mut end = open + 1;
    let mut lambda = None;
    while let Some(token) = tokens.get(end) {
        match token.kind() {
            // A nested f-string counts as a bracket: its own `:` and `}` do not end the
            // field.
            TokenKind::Lpar
            | TokenKind::Lsqb
            | TokenKind::Lbrace
            | TokenKind::FStringStart
            | TokenKind::TStringStart => depth += 1,
            TokenKind::Rpar | TokenKind::Rsqb if depth > 0 => depth -= 1,
            TokenKind::Rbrace | TokenKind::FStringEnd | TokenKind::TStringEnd if depth > 0 => {
                depth -= 1;
            }
            TokenKind::Lambda if depth == 0 => lambda = lambda.or(Some(end)),
            TokenKind::Equal | TokenKind::Exclamation | TokenKind::Colon | TokenKind::Rbrace
                if depth == 0 =>
            {
                break;
            }
            // A comment runs to the end of the line: in a one-line string it swallows the
            // rest of the field, which the tokenizer reports ('{' was never closed).
            TokenKind::Comment => return None,
            // A character the lexer cannot read (`$`) stops the parser too.
            TokenKind::FStringEnd
            | TokenKind::TStringEnd
            | TokenKind::Newline
            | TokenKind::EndOfFile
            | TokenKind::Unknown => break,
            _ => {}
        }
        end += 1;
    }
    let expression: Vec<&Token> = tokens[open + 1..end]
        .iter()
        .filter(|t| significant(t))
        .collect();
    let terminator = tokens.get(end)?;
    if expression.is_empty() {
        return match terminator.kind() {
            TokenKind::Equal | TokenKind::Exclamation | TokenKind::Colon => {
                let text = &map.text[terminator.range()];
                error(
                    terminator,
                    &format!("valid expression required before '{text}'"),
                )
            }
            // `{}` and an unclosed `{` keep their existing translations.
            _ => None,
        };
    }
    let lambda = lambda.filter(|&at| {
        // Only where an expression may start: first in the field or after a comma.
        tokens[open + 1..at]
            .iter()
            .rev()
            .find(|t| significant(t))
            .is_none_or(|t| t.kind() == TokenKind::Comma)
    });
    if let (Some(at), TokenKind::Colon) = (lambda, terminator.kind()) {
        let start = tokens[at].start();
        return Some((
            terminator.end(),
            map.at_range(
                SyntaxErrorKind::SyntaxError,
                &format!("{prefix}-string: lambda expressions are not allowed without parentheses"),
                start,
                terminator.end(),
            ),
        ));
    }
    let first = expression[0];
    let last = expression[expression.len() - 1];
    // A malformed field of an f-string nested in the expression is met first.
    if let Some((inner, read_to, diagnostic)) = first_malformed_field(map, &tokens[open + 1..end])
        && inner > 0
    {
        return Some((read_to, diagnostic));
    }
    if !parses_as_expression(map, first.start(), last.end()) {
        // The longest leading part that is an expression decides the message.
        let valid = (0..expression.len() - 1)
            .rev()
            .find(|&k| parses_as_expression(map, first.start(), expression[k].end()));
        let Some(k) = valid else {
            let diagnostic = error(first, "expecting a valid expression after '{'")?.1;
            // A token that cannot start an expression stops the parser at once.
            let read_to = if starts_operand(first.kind())
                || matches!(
                    first.kind(),
                    TokenKind::Lpar
                        | TokenKind::Lsqb
                        | TokenKind::Lbrace
                        | TokenKind::Minus
                        | TokenKind::Plus
                        | TokenKind::Tilde
                        | TokenKind::Not
                        | TokenKind::Lambda
                        | TokenKind::Await
                        | TokenKind::Star
                        | TokenKind::Yield
                ) {
                last.end()
            } else {
                first.end()
            };
            return Some((read_to, diagnostic));
        };
        let next = expression[k + 1];
        if starts_operand(next.kind()) {
            // CPython's missing-comma rule fires inside the expression first.
            let second_end = (k + 1..expression.len())
                .rev()
                .find(|&j| parses_as_expression(map, next.start(), expression[j].end()))
                .map_or(next.end(), |j| expression[j].end());
            return Some((
                second_end.max(last.end()),
                map.at_range(
                    SyntaxErrorKind::SyntaxError,
                    "invalid syntax. Perhaps you forgot a comma?",
                    first.start(),
                    second_end,
                ),
            ));
        }
        // The parser read the whole expression before giving up.
        let diagnostic = error(next, "expecting '=', or '!', or ':', or '}'")?.1;
        return Some((last.end(), diagnostic));
    }
    // A valid expression: check what follows it.
    if terminator.kind() == TokenKind::Unknown {
        return error(terminator, "expecting '=', or '!', or ':', or '}'");
    }
    if matches!(
        terminator.kind(),
        TokenKind::FStringEnd | TokenKind::TStringEnd | TokenKind::Newline | TokenKind::EndOfFile
    ) {
        return after_truncated_field(map, first.start(), last.end(), prefix);
    }
    let mut at = end;
    let next_significant = |from: usize| {
        tokens[from..]
            .iter()
            .position(significant)
            .map(|offset| from + offset)
    };
    let ended = |token: &Token| {
        matches!(
            token.kind(),
            TokenKind::FStringEnd
                | TokenKind::TStringEnd
                | TokenKind::Newline
                | TokenKind::EndOfFile
        )
    };
    if tokens[at].kind() == TokenKind::Equal {
        at = next_significant(at + 1)?;
        if ended(&tokens[at]) {
            return error(&tokens[at], "expecting '}'");
        }
        if !matches!(
            tokens[at].kind(),
            TokenKind::Exclamation | TokenKind::Colon | TokenKind::Rbrace
        ) {
            return error(&tokens[at], "expecting '!', or ':', or '}'");
        }
    }
    if tokens[at].kind() == TokenKind::Exclamation {
        let name = next_significant(at + 1)?;
        if ended(&tokens[name]) {
            return error(&tokens[name], "expecting '}'");
        }
        match tokens[name].kind() {
            TokenKind::Colon | TokenKind::Rbrace => {
                return error(&tokens[name], "missing conversion character");
            }
            TokenKind::Name => {}
            _ => return error(&tokens[name], "invalid conversion character"),
        }
        at = next_significant(name + 1)?;
        if ended(&tokens[at]) {
            return error(&tokens[at], "expecting '}'");
        }
        if !matches!(tokens[at].kind(), TokenKind::Colon | TokenKind::Rbrace) {
            return error(&tokens[at], "expecting ':' or '}'");
        }
    }
    None
}

/// Whether a token can start an operand (CPython's missing-comma rule needs two
/// expressions side by side).
fn starts_operand(kind: TokenKind) -> bool {
    matches!(
        kind,
        TokenKind::Name
            | TokenKind::Int
            | TokenKind::Float
            | TokenKind::Complex
            | TokenKind::String
            | TokenKind::FStringStart
            | TokenKind::TStringStart
            | TokenKind::None
            | TokenKind::True
            | TokenKind::False
            | TokenKind::Ellipsis
    )
}

/// Whether the source between two offsets parses as an expression (CPython's
/// `annotated_rhs`: a yield or a starred tuple count too).
fn parses_as_expression(map: &SourceMap<'_>, start: TextSize, end: TextSize) -> bool {
    let text = &map.text[TextRange::new(start, end)];
    let parsed = ruff_python_parser::parse_unchecked(
        &format!("({text}\n)"),
        ruff_python_parser::ParseOptions::from(ruff_python_parser::Mode::Expression)
            .with_target_version(crate::parse::TARGET_VERSION),
    );
    // Errors of the tokenizer (a bad escape, say) are reported by it, not by this rule.
    if parsed
        .errors()
        .iter()
        .all(|e| matches!(e.error, ruff_python_parser::ParseErrorType::Lexical(_)))
    {
        return true;
    }
    // `*a, b` and `yield x` need a statement around them.
    if !(text.starts_with('*') || text.starts_with("yield")) {
        return false;
    }
    let parsed = ruff_python_parser::parse_unchecked(
        text,
        ruff_python_parser::ParseOptions::from(ruff_python_parser::Mode::Module)
            .with_target_version(crate::parse::TARGET_VERSION),
    );
    parsed.errors().is_empty()
        && parsed
            .syntax()
            .as_module()
            .is_some_and(|m| m.body.len() == 1 && m.body[0].is_expr_stmt())
}

/// The field's tokens stop at a valid expression without a closing `}`: ruff's lexer ends
/// the string early at a character it cannot read (`$`) or after an operand followed by
/// another (`{6 0}`). CPython's tokenizer goes on, so look at the source text after the
/// expression.
fn after_truncated_field(
    map: &SourceMap<'_>,
    start: TextSize,
    expression_end: TextSize,
    prefix: &str,
) -> Option<(TextSize, SyntaxDiagnostic)> {
    let rest = &map.text[usize::from(expression_end)..];
    let skipped = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    let at = expression_end + TextSize::new(skipped as u32);
    let next = rest[skipped..].chars().next()?;
    if next.is_alphanumeric() || next == '_' {
        // Another operand: CPython's missing-comma rule.
        let operand = rest[skipped..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '.')
            .map(char::len_utf8)
            .sum::<usize>();
        let end = at + TextSize::new(operand as u32);
        return Some((
            end,
            map.at_range(
                SyntaxErrorKind::SyntaxError,
                "invalid syntax. Perhaps you forgot a comma?",
                start,
                end,
            ),
        ));
    }
    let message = if matches!(next, '\'' | '"' | '\n' | '\r') {
        format!("{prefix}-string: expecting '}}'")
    } else {
        format!("{prefix}-string: expecting '=', or '!', or ':', or '}}'")
    };
    Some((
        at,
        map.at_range(
            SyntaxErrorKind::SyntaxError,
            &message,
            at,
            at + TextSize::new(next.len_utf8() as u32),
        ),
    ))
}
