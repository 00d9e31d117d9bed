//! CPython 3.14's newer messages for malformed imports, `except` targets, `elif` after
//! `else`, statements used as expressions, empty type parameter lists, `not` after an
//! operator and incompatible string prefixes (`invalid_import`, `invalid_dotted_as_name`,
//! `invalid_except_stmt`, `invalid_else_stmt`, `invalid_expression`, `invalid_factor`,
//! `invalid_arithmetic` in `Grammar/python.gram`, and the tokenizer's prefix check).

use ruff_python_ast::token::{Token, TokenKind};
use ruff_text_size::{Ranged, TextRange, TextSize};

use super::{SourceMap, expression_end, line_start, token_at, token_before};
use crate::diagnostics::{SyntaxDiagnostic, SyntaxErrorKind};

fn error(map: &SourceMap<'_>, message: &str, start: TextSize, end: TextSize) -> SyntaxDiagnostic {
    map.at_range(SyntaxErrorKind::SyntaxError, message, start, end)
}

/// The kind name CPython's `_PyPegen_get_expr_name` gives the expression starting at token
/// `index`, judged from its tokens: a name followed by `.`, `[` or `(`, a bracket, or a
/// literal.
pub(super) fn target_kind(tokens: &[Token], index: usize, end: TextSize) -> &'static str {
    let significant: Vec<&Token> = tokens[index..]
        .iter()
        .take_while(|t| t.end() <= end)
        .filter(|t| !matches!(t.kind(), TokenKind::NonLogicalNewline | TokenKind::Comment))
        .collect();
    let Some(first) = significant.first() else {
        return "expression";
    };
    // The last postfix operation decides: `a.b` is an attribute, `a[1]` a subscript,
    // `a()` a call. Walk the top level.
    let mut depth = 0u32;
    let mut last_postfix = None;
    let mut operator = false;
    for (i, token) in significant.iter().enumerate() {
        match token.kind() {
            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => {
                if depth == 0 && i > 0 {
                    last_postfix = Some(token.kind());
                }
                depth += 1;
            }
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => {
                depth = depth.saturating_sub(1);
            }
            TokenKind::Dot if depth == 0 => last_postfix = Some(TokenKind::Dot),
            kind if depth == 0 && i > 0 && kind.as_binary_operator().is_some() => operator = true,
            _ => {}
        }
    }
    if operator {
        return "expression";
    }
    match (first.kind(), last_postfix) {
        (_, Some(TokenKind::Dot)) => "attribute",
        (_, Some(TokenKind::Lsqb)) => "subscript",
        (_, Some(TokenKind::Lpar)) => "function call",
        (TokenKind::Lpar, None) => {
            let commas = significant.iter().any(|t| t.kind() == TokenKind::Comma);
            if commas || significant.len() == 2 {
                "tuple"
            } else {
                "expression"
            }
        }
        (TokenKind::Lsqb, None) => "list",
        (TokenKind::Lbrace, None) => "dict literal",
        (TokenKind::Int | TokenKind::Float | TokenKind::Complex | TokenKind::String, None) => {
            "literal"
        }
        (TokenKind::Name, None) => "name",
        _ => "expression",
    }
}

/// `import a as b.c`, `from a import b as 1`: CPython's `invalid_dotted_as_name` and
/// `invalid_import_from_as_name` name what follows `as` when it is not a plain name.
/// `range` is where ruff stopped, just after `as` or inside the target.
pub(super) fn import_target(
    map: &SourceMap<'_>,
    range: TextRange,
    tokens: &[Token],
) -> Option<SyntaxDiagnostic> {
    let first = line_start(tokens, range.start())?;
    if !matches!(first.kind(), TokenKind::Import | TokenKind::From) {
        return None;
    }
    target_after_as(map, range, tokens, |kind| {
        format!("cannot use {kind} as import target")
    })
}

/// The target after the last `as` before `range`, when it is not a plain name: CPython's
/// `cannot use ... as ... target` rules underline it and name its kind in `message`.
fn target_after_as(
    map: &SourceMap<'_>,
    range: TextRange,
    tokens: &[Token],
    message: impl FnOnce(&str) -> String,
) -> Option<SyntaxDiagnostic> {
    let index = tokens.partition_point(|t| t.start() < range.start());
    let as_index = tokens[..index]
        .iter()
        .rposition(|t| t.kind() == TokenKind::As)?;
    let target = tokens.get(as_index + 1)?;
    let end = expression_end(tokens, as_index + 1)?;
    let kind = target_kind(tokens, as_index + 1, end);
    if kind == "name" {
        return None;
    }
    Some(error(map, &message(kind), target.start(), end))
}

/// `import a from b`: CPython's `invalid_import` underlines from `import` to where the
/// parse stopped (the end of the statement).
pub(super) fn import_from_swapped(
    map: &SourceMap<'_>,
    range: TextRange,
    tokens: &[Token],
) -> Option<SyntaxDiagnostic> {
    let first = line_start(tokens, range.start())?;
    let from = token_at(tokens, range.start())?;
    if first.kind() != TokenKind::Import || from.kind() != TokenKind::From {
        return None;
    }
    // Only dotted names between `import` and `from`, and a dotted name after it.
    let start = tokens.partition_point(|t| t.start() < first.end());
    let between = tokens[start..]
        .iter()
        .take_while(|t| t.start() < from.start())
        .all(|t| {
            matches!(
                t.kind(),
                TokenKind::Name | TokenKind::Dot | TokenKind::Comma
            )
        });
    let after = token_at(tokens, from.end())?;
    if !between || after.kind() != TokenKind::Name {
        return None;
    }
    let from_index = tokens.partition_point(|t| t.start() < from.start());
    let end = tokens[from_index..]
        .iter()
        .take_while(|t| !matches!(t.kind(), TokenKind::Newline | TokenKind::EndOfFile))
        .last()
        .map_or(after.end(), Ranged::end);
    Some(error(
        map,
        "Did you mean to use 'from ... import ...' instead?",
        first.start(),
        end,
    ))
}

/// `import` or `from x import` with nothing after it: CPython points at the line's end.
pub(super) fn empty_import(map: &SourceMap<'_>, range: TextRange) -> SyntaxDiagnostic {
    error(
        map,
        "Expected one or more names after 'import'",
        range.start(),
        range.start(),
    )
}

/// `except E as obj.attr:`: CPython names the target after `as`.
pub(super) fn except_target(
    map: &SourceMap<'_>,
    range: TextRange,
    tokens: &[Token],
) -> Option<SyntaxDiagnostic> {
    let first = line_start(tokens, range.start())?;
    if first.kind() != TokenKind::Except {
        return None;
    }
    let star = tokens
        .get(tokens.partition_point(|t| t.start() < first.end()))
        .is_some_and(|t| t.kind() == TokenKind::Star);
    let statement = if star { "except*" } else { "except" };
    target_after_as(map, range, tokens, |kind| {
        format!("cannot use {statement} statement with {kind}")
    })
}

/// `case x as a.b`: CPython's `invalid_as_pattern` names the expression after `as`.
pub(super) fn case_target(
    map: &SourceMap<'_>,
    range: TextRange,
    tokens: &[Token],
) -> Option<SyntaxDiagnostic> {
    let first = line_start(tokens, range.start())?;
    if &map.text[first.range()] != "case" {
        return None;
    }
    target_after_as(map, range, tokens, |kind| {
        format!("cannot use {kind} as pattern target")
    })
}

/// `"a "b" c"`: a string, then expressions, then another string on the same line. CPython's
/// `invalid_expression` underlines the expressions in between.
pub(super) fn string_interrupted(
    map: &SourceMap<'_>,
    range: TextRange,
    tokens: &[Token],
) -> Option<SyntaxDiagnostic> {
    let (_, opening) = token_before(tokens, range.start())?;
    if opening.kind() != TokenKind::String {
        return None;
    }
    let start = tokens.partition_point(|t| t.start() < range.start());
    let mut last_middle = None;
    for token in &tokens[start..] {
        match token.kind() {
            TokenKind::Newline | TokenKind::EndOfFile => return None,
            TokenKind::String => {
                let last: &Token = last_middle?;
                return Some(error(
                    map,
                    "invalid syntax. Is this intended to be part of the string?",
                    range.start(),
                    last.end(),
                ));
            }
            TokenKind::Comment | TokenKind::NonLogicalNewline => {}
            _ => last_middle = Some(token),
        }
    }
    None
}

/// `elif` after an `else` block: ruff reads the `elif` as the start of a statement.
pub(super) fn elif_after_else(
    map: &SourceMap<'_>,
    range: TextRange,
    tokens: &[Token],
) -> Option<SyntaxDiagnostic> {
    let elif = line_start(tokens, range.start())?;
    if elif.kind() != TokenKind::Elif {
        return None;
    }
    // The previous statement at the same indentation must be an `else:` block.
    // Dedents are empty tokens at the `elif`'s own offset: count them too.
    let index = tokens.partition_point(|t| t.start() <= elif.start());
    let index = tokens[..index]
        .iter()
        .rposition(|t| t.kind() == TokenKind::Elif)
        .unwrap_or(index);
    let mut depth = 0i32;
    for (i, token) in tokens[..index].iter().enumerate().rev() {
        match token.kind() {
            TokenKind::Dedent => depth += 1,
            TokenKind::Indent => {
                depth -= 1;
                if depth == 0 {
                    // The header of this block starts the logical line before the indent.
                    let header = line_start(tokens, tokens[i.saturating_sub(2)].start())?;
                    if header.kind() != TokenKind::Else {
                        return None;
                    }
                    return Some(error(
                        map,
                        "'elif' block follows an 'else' block",
                        elif.start(),
                        elif.end(),
                    ));
                }
            }
            _ => {}
        }
    }
    None
}

/// `x = pass if 1 else 1` and `x = 1 if 1 else pass`: a statement keyword where CPython's
/// `invalid_expression` expects an expression next to a conditional.
pub(super) fn statement_in_conditional(
    map: &SourceMap<'_>,
    range: TextRange,
    tokens: &[Token],
) -> Option<SyntaxDiagnostic> {
    let keyword = token_at(tokens, range.start())?;
    if !matches!(
        keyword.kind(),
        TokenKind::Pass | TokenKind::Break | TokenKind::Continue
    ) {
        return None;
    }
    let before = token_before(tokens, keyword.start()).map(|(_, t)| t.kind());
    let after = token_at(tokens, keyword.end()).map(Token::kind);
    if before == Some(TokenKind::Else) {
        return Some(error(
            map,
            "expected expression after 'else', but statement is given",
            keyword.start(),
            keyword.end(),
        ));
    }
    if after == Some(TokenKind::If) {
        // The rule needs the whole `if ... else <statement or expression>`.
        let index = tokens.partition_point(|t| t.start() < keyword.end());
        let has_else = tokens[index..]
            .iter()
            .take_while(|t| !matches!(t.kind(), TokenKind::Newline | TokenKind::EndOfFile))
            .any(|t| t.kind() == TokenKind::Else);
        if has_else {
            return Some(error(
                map,
                "expected expression before 'if', but statement is given",
                keyword.start(),
                keyword.end(),
            ));
        }
    }
    None
}

/// `3 + not 3` and `- not 3`: CPython 3.14 underlines `not` and its operand after a binary
/// operator, and the operator through `not` after a unary one.
pub(super) fn not_after_operator(
    map: &SourceMap<'_>,
    range: TextRange,
    tokens: &[Token],
) -> Option<SyntaxDiagnostic> {
    let (index, operator) = token_before(tokens, range.start())?;
    let not = token_at(tokens, range.start())?;
    let unary = matches!(
        operator.kind(),
        TokenKind::Plus | TokenKind::Minus | TokenKind::Tilde
    ) && !tokens[..index]
        .iter()
        .rev()
        .find(|t| !matches!(t.kind(), TokenKind::NonLogicalNewline | TokenKind::Comment))
        .is_some_and(|t| {
            matches!(
                t.kind(),
                TokenKind::Name
                    | TokenKind::Int
                    | TokenKind::Float
                    | TokenKind::Complex
                    | TokenKind::String
                    | TokenKind::FStringEnd
                    | TokenKind::TStringEnd
                    | TokenKind::Rpar
                    | TokenKind::Rsqb
                    | TokenKind::Rbrace
                    | TokenKind::None
                    | TokenKind::True
                    | TokenKind::False
                    | TokenKind::Ellipsis
            )
        });
    let (start, end) = if unary {
        (operator.start(), not.end())
    } else {
        (range.start(), range.end())
    };
    Some(error(
        map,
        "'not' after an operator must be parenthesized",
        start,
        end,
    ))
}

/// `ub''`: a name made of string prefix letters right before a quote. CPython 3.14's
/// tokenizer (`maybe_raise_syntax_error_for_string_prefixes`) names the first incompatible
/// pair in a fixed order.
pub(super) fn incompatible_prefixes(
    map: &SourceMap<'_>,
    range: TextRange,
    tokens: &[Token],
) -> Option<SyntaxDiagnostic> {
    let string = token_at(tokens, range.start())?;
    if !matches!(
        string.kind(),
        TokenKind::String | TokenKind::FStringStart | TokenKind::TStringStart
    ) {
        return None;
    }
    let (_, name) = token_before(tokens, string.start())?;
    if name.kind() != TokenKind::Name || name.end() != string.start() {
        return None;
    }
    // The whole prefix: the name's letters and the string token's own prefix.
    let prefix: String = map.text[TextRange::new(name.start(), string.end())]
        .chars()
        .take_while(|c| !matches!(c, '"' | '\''))
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let mut seen = [false; 5];
    for c in prefix.chars() {
        let slot = "burft".find(c)?;
        if seen[slot] {
            return None;
        }
        seen[slot] = true;
    }
    let [b, u, r, f, t] = seen;
    let pair = [
        (u && b, "u", "b"),
        (u && r, "u", "r"),
        (u && f, "u", "f"),
        (u && t, "u", "t"),
        (b && f, "b", "f"),
        (b && t, "b", "t"),
        (f && t, "f", "t"),
    ]
    .into_iter()
    .find(|(hit, _, _)| *hit)?;
    Some(error(
        map,
        &format!("'{}' and '{}' prefixes are incompatible", pair.1, pair.2),
        name.start(),
        name.start() + TextSize::new(prefix.len() as u32),
    ))
}
