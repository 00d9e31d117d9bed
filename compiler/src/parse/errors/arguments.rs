//! CPython 3.14's messages for mistakes inside call arguments and displays
//! (`invalid_kwarg`, `invalid_comprehension`, `invalid_double_starred_kvpairs` and
//! `invalid_kvpair` in `Grammar/python.gram`), translated from ruff's errors.

use ruff_python_ast::token::{Token, TokenKind};
use ruff_text_size::{Ranged, TextRange, TextSize};

use super::{SourceMap, innermost_bracket, token_at, token_before};
use crate::diagnostics::{SyntaxDiagnostic, SyntaxErrorKind};

/// `f(x.y=1)`: ruff's "Expected a parameter name" covers the expression before the `=`.
/// CPython underlines it through the `=`; `True`, `False` and `None` get a message of
/// their own.
pub(super) fn keyword_not_a_name(
    map: &SourceMap<'_>,
    range: TextRange,
    tokens: &[Token],
) -> Option<SyntaxDiagnostic> {
    // `f((x.y)=1)`: ruff's range is inside the parentheses.
    let after = tokens.partition_point(|t| t.start() < range.end());
    let equal = tokens[after..]
        .iter()
        .find(|t| !matches!(t.kind(), TokenKind::Rpar | TokenKind::NonLogicalNewline))
        .filter(|t| t.kind() == TokenKind::Equal)?;
    let text = &map.text[range];
    if text.starts_with('*') {
        return unpacking_assigned(map, range.start(), equal, tokens, "iterable");
    }
    let message = match text {
        "True" | "False" | "None" => format!("cannot assign to {text}"),
        _ => "expression cannot contain assignment, perhaps you meant \"==\"?".to_string(),
    };
    Some(map.at_range(
        SyntaxErrorKind::SyntaxError,
        &message,
        range.start(),
        equal.end(),
    ))
}

/// A `for` where a closing bracket was expected: `[x, y for x, y in z]` (a tuple target
/// without parentheses) or `f(a=b for b in c)` (a keyword argument that looks like a
/// generator).
pub(super) fn unexpected_for(
    map: &SourceMap<'_>,
    range: TextRange,
    tokens: &[Token],
) -> Option<SyntaxDiagnostic> {
    let for_index = tokens.partition_point(|t| t.start() < range.start());
    if tokens.get(for_index)?.kind() != TokenKind::For {
        return None;
    }
    // The elements (top-level tokens) between the innermost open bracket and the `for`.
    let mut depth = 0u32;
    let mut open_index = None;
    for (i, token) in tokens[..for_index].iter().enumerate().rev() {
        match token.kind() {
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => depth += 1,
            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace if depth == 0 => {
                open_index = Some(i);
                break;
            }
            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => {
                depth = depth.saturating_sub(1)
            }
            TokenKind::Newline => return None,
            _ => {}
        }
    }
    let open_index = open_index?;
    let open = tokens[open_index].kind();
    let inner = &tokens[open_index + 1..for_index];
    let significant =
        |t: &&Token| !matches!(t.kind(), TokenKind::NonLogicalNewline | TokenKind::Comment);
    let mut depth = 0u32;
    let mut top_level: Vec<&Token> = Vec::new();
    for token in inner.iter().filter(significant) {
        match token.kind() {
            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => {
                if depth == 0 {
                    top_level.push(token);
                }
                depth += 1;
            }
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => {
                depth = depth.saturating_sub(1)
            }
            _ if depth == 0 => top_level.push(token),
            _ => {}
        }
    }
    let first = inner.iter().find(significant)?;
    let last = inner.iter().rev().find(significant)?;
    match open {
        TokenKind::Lsqb | TokenKind::Lbrace => {
            // `[a, b for ...]` or `[a, for ...]`: more than one element, no dict entries.
            let commas = top_level
                .iter()
                .filter(|t| t.kind() == TokenKind::Comma)
                .count();
            if commas == 0
                || top_level
                    .iter()
                    .any(|t| matches!(t.kind(), TokenKind::Colon | TokenKind::DoubleStar))
            {
                return None;
            }
            // CPython underlines from the first element to the last one, or to the comma
            // when a single element is followed by one.
            let end = if commas == 1 && last.kind() == TokenKind::Comma {
                last.end()
            } else {
                let last_element = inner
                    .iter()
                    .rev()
                    .filter(significant)
                    .find(|t| t.kind() != TokenKind::Comma)?;
                last_element.end()
            };
            Some(map.at_range(
                SyntaxErrorKind::SyntaxError,
                "did you forget parentheses around the comprehension target?",
                first.start(),
                end,
            ))
        }
        TokenKind::Lpar => {
            // A call argument `NAME = expression for ...`.
            if open_index == 0
                || !matches!(
                    tokens[open_index - 1].kind(),
                    TokenKind::Name | TokenKind::Rpar | TokenKind::Rsqb
                )
            {
                return None;
            }
            let argument_start = top_level
                .iter()
                .rposition(|t| t.kind() == TokenKind::Comma)
                .map_or(0, |i| i + 1);
            let argument = &top_level[argument_start..];
            match argument {
                [name, equal, _, ..]
                    if name.kind() == TokenKind::Name && equal.kind() == TokenKind::Equal =>
                {
                    Some(map.at_range(
                        SyntaxErrorKind::SyntaxError,
                        "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                        name.start(),
                        equal.end(),
                    ))
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// `{1: }`: CPython's `invalid_kvpair` points at the `:` with nothing after it.
pub(super) fn missing_dict_value(
    map: &SourceMap<'_>,
    range: TextRange,
    tokens: &[Token],
) -> Option<SyntaxDiagnostic> {
    let (_, colon) = token_before(tokens, range.start())?;
    let next = token_at(tokens, range.start())?;
    if colon.kind() != TokenKind::Colon
        || !matches!(next.kind(), TokenKind::Rbrace | TokenKind::Comma)
        || innermost_bracket(tokens, range.start()) != Some(TokenKind::Lbrace)
    {
        return None;
    }
    Some(map.at_range(
        SyntaxErrorKind::SyntaxError,
        "expression expected after dictionary key and ':'",
        colon.start(),
        colon.end(),
    ))
}

/// A starred expression ruff rejects: a dict value gets CPython's message of its own, and
/// a star next to a slice's or an annotation's `:` (or a `**` value) is a plain syntax
/// error at the star, as CPython's grammar has no rule for it.
pub(super) fn misplaced_star(
    map: &SourceMap<'_>,
    range: TextRange,
    tokens: &[Token],
) -> Option<SyntaxDiagnostic> {
    let star = token_at(tokens, range.start())?;
    let previous = token_before(tokens, range.start()).map(|(_, t)| t.kind());
    if star.kind() == TokenKind::Star && star.range() == range && previous != Some(TokenKind::Colon)
    {
        // A star with no operand: `A[*:]`.
        return Some(map.at_range(
            SyntaxErrorKind::SyntaxError,
            "Invalid star expression",
            star.start(),
            star.end(),
        ));
    }
    let next = token_at(tokens, range.end()).map(Token::kind);
    let bracket = innermost_bracket(tokens, range.start());
    if previous == Some(TokenKind::Colon) && bracket == Some(TokenKind::Lbrace) {
        if star.kind() == TokenKind::DoubleStar {
            return Some(plain_error_at(map, star.range()));
        }
        return Some(map.at_range(
            SyntaxErrorKind::SyntaxError,
            "cannot use a starred expression in a dictionary value",
            range.start(),
            range.end(),
        ));
    }
    let beside_colon = previous == Some(TokenKind::Colon) || next == Some(TokenKind::Colon);
    if beside_colon && bracket != Some(TokenKind::Lbrace) {
        // A star before the slice's `:` fails at the `:`; a star after it at the star.
        if previous != Some(TokenKind::Colon) && next == Some(TokenKind::Colon) {
            let colon = token_at(tokens, range.end())?;
            return Some(plain_error_at(map, colon.range()));
        }
        return Some(plain_error_at(map, star.range()));
    }
    None
}

fn plain_error_at(map: &SourceMap<'_>, range: TextRange) -> SyntaxDiagnostic {
    map.at_range(
        SyntaxErrorKind::SyntaxError,
        "invalid syntax",
        range.start(),
        range.end().max(range.start() + TextSize::new(1)),
    )
}

/// `f(*args=[0])` and `f(**kwargs={})`: CPython underlines from the star to the end of the
/// value.
pub(super) fn unpacking_assigned(
    map: &SourceMap<'_>,
    star: TextSize,
    equal: &Token,
    tokens: &[Token],
    kind: &str,
) -> Option<SyntaxDiagnostic> {
    let value = tokens.partition_point(|t| t.start() < equal.end());
    let end = super::expression_end(tokens, value).unwrap_or(equal.end());
    Some(map.at_range(
        SyntaxErrorKind::SyntaxError,
        &format!("cannot assign to {kind} argument unpacking"),
        star,
        end,
    ))
}

/// A keyword argument with nothing after its `=` (`f(a=)`), or a lone `*` where an
/// argument or element should be (`f(x, *)`, `A[*]`): ruff expected an expression at
/// `range`.
pub(super) fn missing_argument_value(
    map: &SourceMap<'_>,
    range: TextRange,
    tokens: &[Token],
) -> Option<SyntaxDiagnostic> {
    let (index, previous) = token_before(tokens, range.start())?;
    let next = token_at(tokens, range.start())?;
    let bracket = innermost_bracket(tokens, range.start());
    if previous.kind() == TokenKind::Star
        && matches!(bracket, Some(TokenKind::Lpar | TokenKind::Lsqb))
        && index > 0
        && matches!(
            tokens[index - 1].kind(),
            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Comma
        )
    {
        return Some(map.at_range(
            SyntaxErrorKind::SyntaxError,
            "Invalid star expression",
            previous.start(),
            previous.end(),
        ));
    }
    if previous.kind() != TokenKind::Equal
        || super::parameters::param_list_at(tokens, range.start()).is_some()
        || index == 0
        || tokens[index - 1].kind() != TokenKind::Name
        || !matches!(next.kind(), TokenKind::Comma | TokenKind::Rpar)
        || bracket != Some(TokenKind::Lpar)
    {
        return None;
    }
    Some(map.at_range(
        SyntaxErrorKind::SyntaxError,
        "expected argument value expression",
        tokens[index - 1].start(),
        previous.end(),
    ))
}
