//! CPython 3.14's messages for malformed parameter lists of `def` and `lambda`
//! (`invalid_parameters`, `invalid_lambda_parameters`, `invalid_star_etc`, `invalid_kwds`
//! and `invalid_default` in `Grammar/python.gram`), translated from ruff's errors.

use ruff_python_ast::token::{Token, TokenKind};
use ruff_text_size::{Ranged, TextRange, TextSize};

use super::{SourceMap, generic_invalid_syntax, token_at, token_before};
use crate::diagnostics::{SyntaxDiagnostic, SyntaxErrorKind};

/// Which parameter list an offset lies in.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum ParamList {
    Def,
    Lambda,
}

/// The parameter list (of a `def` or a `lambda`) whose parameters surround `offset`, if
/// any: the nearest unclosed `(` preceded by `def NAME` (or `def NAME[...]`), or a
/// `lambda` with no `:` between it and `offset`.
pub(super) fn param_list_at(tokens: &[Token], offset: TextSize) -> Option<ParamList> {
    let index = tokens.partition_point(|t| t.start() < offset);
    let mut depth = 0u32;
    let mut seen_colon = false;
    for (i, token) in tokens[..index].iter().enumerate().rev() {
        match token.kind() {
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => depth += 1,
            TokenKind::Lsqb | TokenKind::Lbrace if depth == 0 => return None,
            TokenKind::Lsqb | TokenKind::Lbrace => depth = depth.saturating_sub(1),
            TokenKind::Lpar if depth == 0 => {
                return is_def_paren(&tokens[..i]).then_some(ParamList::Def);
            }
            TokenKind::Lpar => depth = depth.saturating_sub(1),
            // A `lambda`'s parameters have no annotations: a `:` before it means a body.
            TokenKind::Lambda if depth == 0 && !seen_colon => return Some(ParamList::Lambda),
            TokenKind::Colon if depth == 0 => seen_colon = true,
            TokenKind::Newline if depth == 0 => return None,
            _ => {}
        }
    }
    None
}

/// Whether the tokens before a `(` end with `def NAME` or `def NAME[type params]`.
fn is_def_paren(before: &[Token]) -> bool {
    let mut end = before.len();
    if before.last().map(Token::kind) == Some(TokenKind::Rsqb) {
        // Skip the type parameter list back to its `[`.
        let mut depth = 0u32;
        let mut open = None;
        for (i, token) in before.iter().enumerate().rev() {
            match token.kind() {
                TokenKind::Rsqb | TokenKind::Rpar | TokenKind::Rbrace => depth += 1,
                TokenKind::Lsqb | TokenKind::Lpar | TokenKind::Lbrace => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        open = Some(i);
                        break;
                    }
                }
                _ => {}
            }
        }
        match open {
            Some(i) => end = i,
            None => return false,
        }
    }
    end >= 2
        && before[end - 1].kind() == TokenKind::Name
        && before[end - 2].kind() == TokenKind::Def
}

/// Ruff's wording of a parameter-list error, as CPython words it.
pub(super) fn other_parameter_error(
    map: &SourceMap<'_>,
    message: &str,
    range: TextRange,
) -> Option<SyntaxDiagnostic> {
    let (text, start, end) = match message {
        "Only one '/' separator allowed" => ("/ may appear only once", range.start(), range.end()),
        "'/' parameter must appear before '*' parameter" => {
            ("/ must be ahead of *", range.start(), range.end())
        }
        "Position-only parameter separator not allowed as first parameter" => {
            (SLASH_FIRST, range.start(), range.end())
        }
        // Ruff underlines `*d`; CPython points at the star alone.
        "Only one '*' parameter allowed" => {
            (STAR_TWICE, range.start(), range.start() + TextSize::new(1))
        }
        _ => return None,
    };
    Some(map.at_range(SyntaxErrorKind::SyntaxError, text, start, end))
}

/// `expected default value expression` when a parameter's `=` has nothing after it:
/// `ruff_error_at` is where ruff noticed (the token after the `=`, or the parameter and
/// its `=` for ruff's "non-default parameter follows default" report).
pub(super) fn missing_default(
    map: &SourceMap<'_>,
    ruff_error_at: TextRange,
    tokens: &[Token],
) -> Option<SyntaxDiagnostic> {
    param_list_at(tokens, ruff_error_at.start())?;
    let equal = if map.text[ruff_error_at].trim_end().ends_with('=') {
        token_before(tokens, ruff_error_at.end())?.1
    } else {
        token_before(tokens, ruff_error_at.start())?.1
    };
    if equal.kind() != TokenKind::Equal {
        return None;
    }
    // CPython's `invalid_default` needs `=` followed by `)` or `,`.
    let next = token_at(tokens, equal.end())?;
    if !matches!(
        next.kind(),
        TokenKind::Comma | TokenKind::Rpar | TokenKind::Colon
    ) {
        return None;
    }
    Some(map.at_range(
        SyntaxErrorKind::SyntaxError,
        "expected default value expression",
        equal.start(),
        equal.end(),
    ))
}

/// `var-positional ... cannot have default value` or its var-keyword twin, for `*a=1`
/// or `**k=1`; `range` is ruff's (the `=`).
pub(super) fn var_parameter_default(
    map: &SourceMap<'_>,
    range: TextRange,
    tokens: &[Token],
) -> SyntaxDiagnostic {
    let index = tokens.partition_point(|t| t.start() < range.start());
    let star = tokens[..index]
        .iter()
        .rev()
        .find(|t| matches!(t.kind(), TokenKind::Star | TokenKind::DoubleStar));
    let message = match star.map(Token::kind) {
        Some(TokenKind::DoubleStar) => VAR_KEYWORD_DEFAULT,
        _ => VAR_POSITIONAL_DEFAULT,
    };
    map.at_range(
        SyntaxErrorKind::SyntaxError,
        message,
        range.start(),
        range.end(),
    )
}

/// `expected comma between / and *` for `def f(a, /*, b)`.
pub(super) fn slash_then_star(
    map: &SourceMap<'_>,
    range: TextRange,
    tokens: &[Token],
) -> Option<SyntaxDiagnostic> {
    let (_, previous) = token_before(tokens, range.start())?;
    let star = token_at(tokens, range.start())?;
    if previous.kind() != TokenKind::Slash
        || star.kind() != TokenKind::Star
        || param_list_at(tokens, range.start()).is_none()
    {
        return None;
    }
    Some(map.at_range(
        SyntaxErrorKind::SyntaxError,
        "expected comma between / and *",
        star.start(),
        star.end(),
    ))
}

/// `Function parameters cannot be parenthesized` (and the lambda form) for
/// `def f(a, (b, c))`: CPython's rule needs only parameters without defaults before the
/// `(` and only names (with annotations in a `def`) inside it. Otherwise the parse fails
/// with the generic error at the `(`.
pub(super) fn parenthesized_parameters(
    map: &SourceMap<'_>,
    range: TextRange,
    tokens: &[Token],
) -> Option<SyntaxDiagnostic> {
    let open_index = tokens.partition_point(|t| t.start() < range.start());
    let open = tokens.get(open_index)?;
    if open.kind() != TokenKind::Lpar {
        return None;
    }
    let list = param_list_at(tokens, open.start())?;
    // The parameters before the `(`: plain names (and annotations) only.
    let mut depth = 0u32;
    for token in tokens[..open_index].iter().rev() {
        match token.kind() {
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => depth += 1,
            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace if depth == 0 => break,
            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => {
                depth = depth.saturating_sub(1)
            }
            TokenKind::Lambda if depth == 0 => break,
            TokenKind::Equal | TokenKind::Star | TokenKind::DoubleStar | TokenKind::Slash
                if depth == 0 =>
            {
                return Some(generic_invalid_syntax(map, open.range(), tokens));
            }
            _ => {}
        }
    }
    // Inside: `NAME [: annotation], ...` with an optional trailing comma.
    let mut close = None;
    let mut expect_name = true;
    let mut names = 0;
    let mut i = open_index + 1;
    while let Some(token) = tokens.get(i) {
        match token.kind() {
            TokenKind::NonLogicalNewline | TokenKind::Comment => {}
            TokenKind::Name if expect_name => {
                names += 1;
                expect_name = false;
            }
            TokenKind::Comma if !expect_name => expect_name = true,
            TokenKind::Colon if !expect_name && list == ParamList::Def => {
                // Skip the annotation up to the next `,` or `)` at this depth.
                let mut depth = 0u32;
                while let Some(next) = tokens.get(i + 1) {
                    match next.kind() {
                        TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => depth += 1,
                        TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace if depth > 0 => {
                            depth = depth.saturating_sub(1);
                        }
                        TokenKind::Rpar | TokenKind::Comma if depth == 0 => break,
                        TokenKind::Newline | TokenKind::EndOfFile => return None,
                        _ => {}
                    }
                    i += 1;
                }
            }
            TokenKind::Rpar if names > 0 => {
                close = Some(token);
                break;
            }
            _ => return Some(generic_invalid_syntax(map, open.range(), tokens)),
        }
        i += 1;
    }
    let close = close?;
    let message = match list {
        ParamList::Def => "Function parameters cannot be parenthesized",
        ParamList::Lambda => "Lambda expression parameters cannot be parenthesized",
    };
    Some(map.at_range(
        SyntaxErrorKind::SyntaxError,
        message,
        open.start(),
        close.end(),
    ))
}

/// `def f:`: CPython demands the `(` after a function's name.
pub(super) fn def_without_parentheses(
    map: &SourceMap<'_>,
    range: TextRange,
    tokens: &[Token],
) -> Option<SyntaxDiagnostic> {
    let index = tokens.partition_point(|t| t.start() < range.start());
    if !is_def_paren(&tokens[..index]) {
        return None;
    }
    let found = token_at(tokens, range.start())?;
    Some(map.at_range(
        SyntaxErrorKind::SyntaxError,
        "expected '('",
        found.start(),
        found.end().max(found.start() + TextSize::new(1)),
    ))
}

/// `def f(*None)`: a bare `*` followed by a keyword is plain invalid syntax at the keyword
/// in CPython, not the "named arguments must follow bare *" of `def f(*)`.
pub(super) fn keyword_after_star(
    map: &SourceMap<'_>,
    range: TextRange,
    tokens: &[Token],
) -> Option<SyntaxDiagnostic> {
    let star_end = token_at(tokens, range.start())
        .filter(|t| t.kind() == TokenKind::Star)?
        .end();
    let next = token_at(tokens, star_end)?;
    next.kind()
        .is_keyword()
        .then(|| generic_invalid_syntax(map, next.range(), tokens))
}

/// The messages that CPython 3.14 words with "parameter" where 3.11 said "argument".
const SLASH_FIRST: &str = "at least one argument must precede /";
const STAR_TWICE: &str = "* argument may appear only once";
const VAR_POSITIONAL_DEFAULT: &str = "var-positional argument cannot have default value";
const VAR_KEYWORD_DEFAULT: &str = "var-keyword argument cannot have default value";
