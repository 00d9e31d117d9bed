//! Translation of ruff's parse errors into CPython 3.14's syntax errors.
//!
//! CPython's PEG parser reports a generic `invalid syntax` at the furthest token it
//! reached, unless one of its `invalid_*` grammar rules (`Grammar/python.gram`) matches
//! and raises a specific message. Ruff's parser detects the same failures with its own
//! wording; this module picks the earliest one and rewrites it with the message and range
//! the corresponding CPython rule would produce, looking at the recovered AST and the
//! tokens where the message depends on them.

use ruff_python_ast::token::{Token, TokenKind};
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_python_parser::{
    InterpolatedStringErrorType, LexicalErrorType, ParseError, ParseErrorType,
    UnsupportedSyntaxError, UnsupportedSyntaxErrorKind,
};
use ruff_text_size::{Ranged, TextRange, TextSize};

use super::SourceMap;
use super::semantic::Root;
use crate::diagnostics::{SyntaxDiagnostic, SyntaxErrorKind};

mod arguments;
pub(crate) mod fstrings;
mod parameters;
mod statements;
mod targets;

use targets::{
    Target, equals_instead_of_comparison, for_target_error, illegal_augmented_target,
    invalid_target,
};

/// The CPython diagnostic for the earliest parse error ruff reported, skipping lexical
/// errors that the tokenizer checks already account for.
pub(crate) fn first_parse_error(
    map: &SourceMap<'_>,
    errors: &[ParseError],
    tokens: &[Token],
    root: Root<'_>,
) -> Option<SyntaxDiagnostic> {
    let candidates: Vec<&ParseError> = errors.iter().filter(|e| !is_tokenizer_level(e)).collect();
    let (best_index, best) = candidates
        .iter()
        .enumerate()
        .min_by_key(|(_, e)| e.location.start())?;
    // A statement-level error that ruff reports after recovering (an annotated
    // assignment built out of `lambda (x): ...`, say) can start before the error that
    // made it recover; CPython stops at the earlier failure inside it.
    let error = candidates[..best_index]
        .iter()
        .find(|e| best.location.contains(e.location.start()))
        .unwrap_or(best);
    Some(translate(map, error, tokens, &root))
}

/// Lexical errors that [`super::tokens`] reports (or deliberately ignores, because CPython
/// reports them through another path).
fn is_tokenizer_level(error: &ParseError) -> bool {
    match &error.error {
        ParseErrorType::Lexical(kind) => match kind {
            LexicalErrorType::UnclosedStringError
            | LexicalErrorType::IndentationError
            | LexicalErrorType::LineContinuationError
            | LexicalErrorType::Eof
            | LexicalErrorType::FStringError(_)
            | LexicalErrorType::TStringError(_) => true,
            LexicalErrorType::UnrecognizedToken { tok } => !tok.is_ascii(),
            _ => false,
        },
        _ => false,
    }
}

/// The first syntax error for a feature newer than 3.14.
pub(crate) fn first_unsupported_error(
    map: &SourceMap<'_>,
    errors: &[UnsupportedSyntaxError],
) -> Option<SyntaxDiagnostic> {
    let error = errors.iter().min_by_key(|e| e.range.start())?;
    let diagnostic = match error.kind {
        UnsupportedSyntaxErrorKind::LazyImportStatement => {
            // CPython 3.14 reads `lazy` as a name and fails at the keyword after it.
            let rest = &map.text[usize::from(error.range.end())..];
            let skipped = rest.len() - rest.trim_start().len();
            let start = error.range.end() + TextSize::new(skipped as u32);
            let keyword_len = rest
                .trim_start()
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .count();
            map.at_range(
                SyntaxErrorKind::SyntaxError,
                "invalid syntax",
                start,
                start + TextSize::new(keyword_len as u32),
            )
        }
        UnsupportedSyntaxErrorKind::UnpackingInComprehension(kind) => {
            // The kind enum is not exported; its `Debug` name tells dict unpacking apart.
            if format!("{kind:?}").starts_with("Dict") {
                // CPython points at the `**` alone.
                map.at_range(
                    SyntaxErrorKind::SyntaxError,
                    "dict unpacking cannot be used in dict comprehension",
                    error.range.start(),
                    error.range.start() + TextSize::new(2),
                )
            } else {
                map.at_range(
                    SyntaxErrorKind::SyntaxError,
                    "iterable unpacking cannot be used in comprehension",
                    error.range.start(),
                    error.range.end(),
                )
            }
        }
        UnsupportedSyntaxErrorKind::ParenthesizedKeywordArgumentName => {
            // `f((x)=2)`: CPython's `invalid_kwarg` underlines from the name inside the
            // parentheses through the `=`.
            let text = &map.text[error.range];
            let inner = text.len() - text.trim_start_matches(['(', ' ', '\t']).len();
            let start = error.range.start() + TextSize::new(inner as u32);
            let rest = &map.text[usize::from(error.range.end())..];
            let skipped = rest.len() - rest.trim_start().len();
            let end = if rest.trim_start().starts_with('=') {
                error.range.end() + TextSize::new(skipped as u32 + 1)
            } else {
                error.range.end()
            };
            map.at_range(
                SyntaxErrorKind::SyntaxError,
                "expression cannot contain assignment, perhaps you meant \"==\"?",
                start,
                end,
            )
        }
        _ => map.at_range(
            SyntaxErrorKind::SyntaxError,
            "invalid syntax",
            error.range.start(),
            error.range.end(),
        ),
    };
    Some(diagnostic)
}

fn translate(
    map: &SourceMap<'_>,
    error: &ParseError,
    tokens: &[Token],
    root: &Root<'_>,
) -> SyntaxDiagnostic {
    let range = error.location;
    let invalid_syntax = || generic_invalid_syntax(map, range, tokens);
    if let Some(diagnostic) = statements::elif_after_else(map, range, tokens)
        .or_else(|| statements::incompatible_prefixes(map, range, tokens))
    {
        return diagnostic;
    }
    let simple = |message: &str| {
        map.at_range(
            SyntaxErrorKind::SyntaxError,
            message,
            range.start(),
            range.end(),
        )
    };
    match &error.error {
        ParseErrorType::ExpectedToken { expected, found } => {
            if let Some(diagnostic) = expected_token_specific(map, *expected, *found, range, tokens)
            {
                return diagnostic;
            }
            expected_token(map, *expected, *found, range, tokens, root)
        }
        ParseErrorType::UnexpectedIndentation => {
            let line = map.index.line_number(range.start());
            let (_, column) = map.index.line_char_col(range.end(), map.text);
            map.at(
                SyntaxErrorKind::IndentationError,
                "unexpected indent",
                line,
                column - 1,
                line,
                0,
            )
        }
        ParseErrorType::OtherError(message) => {
            other_error(map, message, range, tokens, root).unwrap_or_else(invalid_syntax)
        }
        ParseErrorType::SimpleStatementsOnSameLine => {
            statements::incompatible_prefixes(map, range, tokens)
                .or_else(|| statements::import_from_swapped(map, range, tokens))
                .or_else(|| statements::import_target(map, range, tokens))
                .or_else(|| statements::string_interrupted(map, range, tokens))
                .or_else(|| statements_on_same_line(map, range, tokens, root))
                .unwrap_or_else(invalid_syntax)
        }
        ParseErrorType::EmptyImportNames => statements::empty_import(map, range),
        ParseErrorType::EmptyTypeParams => simple("Type parameter list cannot be empty"),
        ParseErrorType::InvalidAssignmentTarget => for_target_error(map, range, tokens)
            .unwrap_or_else(|| invalid_target(map, range, root, Target::Assign)),
        ParseErrorType::InvalidDeleteTarget => invalid_target(map, range, root, Target::Delete),
        ParseErrorType::InvalidNamedAssignmentTarget => {
            invalid_target(map, range, root, Target::Named)
        }
        ParseErrorType::InvalidAugmentedAssignmentTarget => {
            invalid_target(map, range, root, Target::AugAssign)
        }
        ParseErrorType::InvalidAnnotatedAssignmentTarget => {
            invalid_target(map, range, root, Target::Annotated)
        }
        ParseErrorType::ParamAfterVarKeywordParam => {
            simple("arguments cannot follow var-keyword argument")
        }
        ParseErrorType::NonDefaultParamAfterDefaultParam => {
            parameters::missing_default(map, range, tokens).unwrap_or_else(|| {
                simple("parameter without a default follows parameter with a default")
            })
        }
        ParseErrorType::VarParameterWithDefault => {
            parameters::var_parameter_default(map, range, tokens)
        }
        ParseErrorType::InvalidMatchPatternTarget => {
            // `case x as _` has a message; `case {**_}` is plain invalid syntax.
            match token_before(tokens, range.start()).map(|(_, t)| t.kind()) {
                Some(TokenKind::As) => simple("cannot use '_' as a target"),
                _ => invalid_syntax(),
            }
        }
        ParseErrorType::ExpectedKeywordParam => {
            if let Some(diagnostic) = parameters::keyword_after_star(map, range, tokens) {
                return diagnostic;
            }
            // CPython points at the bare `*` of a `def`, but at the last token it read
            // (the one after the `*`) of a `lambda`.
            let index = tokens.partition_point(|t| t.start() < range.start());
            let mut depth = 0;
            let mut in_lambda = false;
            for token in tokens[..index].iter().rev() {
                match token.kind() {
                    TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => depth += 1,
                    TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => {
                        if depth == 0 {
                            break;
                        }
                        depth -= 1;
                    }
                    TokenKind::Lambda if depth == 0 => {
                        in_lambda = true;
                        break;
                    }
                    _ => {}
                }
            }
            if !in_lambda {
                let star = tokens[..=index.min(tokens.len() - 1)]
                    .iter()
                    .rev()
                    .find(|t| t.kind() == TokenKind::Star && t.start() <= range.start())
                    .map_or(range, Ranged::range);
                return map.at_range(
                    SyntaxErrorKind::SyntaxError,
                    "named arguments must follow bare *",
                    star.start(),
                    star.end(),
                );
            }
            let next = tokens.iter().find(|t| t.start() >= range.end());
            match next {
                Some(token) => map.at_range(
                    SyntaxErrorKind::SyntaxError,
                    "named arguments must follow bare *",
                    token.start(),
                    token.end(),
                ),
                None => simple("named arguments must follow bare *"),
            }
        }
        ParseErrorType::PositionalAfterKeywordArgument => at_call_end(
            map,
            range,
            root,
            "positional argument follows keyword argument",
        ),
        ParseErrorType::PositionalAfterKeywordUnpacking => at_call_end(
            map,
            range,
            root,
            "positional argument follows keyword argument unpacking",
        ),
        ParseErrorType::InvalidArgumentUnpackingOrder
            if token_at(tokens, range.start() + TextSize::new(1)).is_some_and(|t| {
                matches!(
                    t.kind(),
                    TokenKind::Rpar | TokenKind::Comma | TokenKind::Colon
                )
            }) =>
        {
            // `f(**x, *)`: a star with nothing after it.
            map.at_range(
                SyntaxErrorKind::SyntaxError,
                "Invalid star expression",
                range.start(),
                range.start() + TextSize::new(1),
            )
        }
        ParseErrorType::InvalidArgumentUnpackingOrder => map.at_range(
            SyntaxErrorKind::SyntaxError,
            "iterable argument unpacking follows keyword argument unpacking",
            range.start(),
            range.start() + TextSize::new(1),
        ),
        ParseErrorType::ExpectedImaginaryNumber => {
            simple("imaginary number required in complex literal")
        }
        ParseErrorType::ExpectedRealNumber => simple("real number required in complex literal"),
        ParseErrorType::UnparenthesizedGeneratorExpression => {
            class_bases_generator(map, range, tokens)
                .unwrap_or_else(|| simple("Generator expression must be parenthesized"))
        }
        ParseErrorType::IterableUnpackingInComprehension => {
            simple("iterable unpacking cannot be used in comprehension")
        }
        ParseErrorType::InvalidStarredExpressionUsage => {
            arguments::misplaced_star(map, range, tokens)
                .unwrap_or_else(|| simple("cannot use starred expression here"))
        }
        ParseErrorType::FStringError(kind) | ParseErrorType::TStringError(kind) => {
            let prefix = if matches!(error.error, ParseErrorType::TStringError(_)) {
                "t"
            } else {
                "f"
            };
            let message = match kind {
                InterpolatedStringErrorType::UnclosedLbrace => {
                    format!("{prefix}-string: expecting '}}'")
                }
                InterpolatedStringErrorType::SingleRbrace => {
                    format!("{prefix}-string: single '}}' is not allowed")
                }
                InterpolatedStringErrorType::InvalidConversionFlag => {
                    return conversion_error(map, range, prefix);
                }
                InterpolatedStringErrorType::LambdaWithoutParentheses => format!(
                    "{prefix}-string: lambda expressions are not allowed without parentheses"
                ),
                _ => return invalid_syntax(),
            };
            map.at_cursor(SyntaxErrorKind::SyntaxError, &message, range.end())
        }
        ParseErrorType::Lexical(LexicalErrorType::InvalidByteLiteral) => {
            // CPython underlines the whole literal.
            let index = tokens.partition_point(|t| t.end() <= range.start());
            let literal = tokens
                .get(index)
                .filter(|t| t.range().contains_range(range))
                .map_or(range, Ranged::range);
            map.at_range(
                SyntaxErrorKind::SyntaxError,
                "bytes can only contain ASCII literal characters",
                literal.start(),
                literal.end(),
            )
        }
        ParseErrorType::Lexical(
            LexicalErrorType::UnicodeError
            | LexicalErrorType::MissingUnicodeLbrace
            | LexicalErrorType::MissingUnicodeRbrace,
        ) => {
            super::escapes::escape_error(map, range.start(), tokens).unwrap_or_else(invalid_syntax)
        }
        ParseErrorType::ExpectedExpression => {
            if let Some(diagnostic) = empty_fstring_expression(map, range, tokens) {
                return diagnostic;
            }
            if let Some(diagnostic) = parameters::missing_default(map, range, tokens)
                .or_else(|| arguments::missing_dict_value(map, range, tokens))
                .or_else(|| arguments::missing_argument_value(map, range, tokens))
            {
                return diagnostic;
            }
            // The string ends inside a replacement field: `f'{'`.
            if let Some(token) = token_at(tokens, range.start())
                && matches!(token.kind(), TokenKind::FStringEnd | TokenKind::TStringEnd)
            {
                let prefix = if token.kind() == TokenKind::TStringEnd {
                    "t"
                } else {
                    "f"
                };
                return map.at_cursor(
                    SyntaxErrorKind::SyntaxError,
                    &format!("{prefix}-string: expecting '}}'"),
                    token.end(),
                );
            }
            invalid_syntax()
        }
        _ => invalid_syntax(),
    }
}

/// Missing-token errors with a CPython message of their own: a `/` and `*` without a comma
/// between them, parenthesized parameters, and a `for` where a bracket should close.
fn expected_token_specific(
    map: &SourceMap<'_>,
    expected: TokenKind,
    found: TokenKind,
    range: TextRange,
    tokens: &[Token],
) -> Option<SyntaxDiagnostic> {
    if let Some(diagnostic) = statements::import_target(map, range, tokens)
        .or_else(|| statements::except_target(map, range, tokens))
        .or_else(|| statements::case_target(map, range, tokens))
    {
        return Some(diagnostic);
    }
    match (expected, found) {
        (TokenKind::Comma, TokenKind::Star) => parameters::slash_then_star(map, range, tokens),
        (TokenKind::Lpar, _) => parameters::def_without_parentheses(map, range, tokens),
        (TokenKind::Rpar | TokenKind::Colon, TokenKind::Lpar) => {
            parameters::parenthesized_parameters(map, range, tokens)
        }
        (TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace, TokenKind::For) => {
            arguments::unexpected_for(map, range, tokens)
        }
        _ => None,
    }
}

/// `class C(x for x in y)`: CPython's class bases take no generator, so it fails at the
/// `for` with the generic error.
fn class_bases_generator(
    map: &SourceMap<'_>,
    range: TextRange,
    tokens: &[Token],
) -> Option<SyntaxDiagnostic> {
    let (open_index, open) = token_before(tokens, range.start())?;
    if open.kind() != TokenKind::Lpar
        || open_index < 2
        || tokens[open_index - 1].kind() != TokenKind::Name
        || tokens[open_index - 2].kind() != TokenKind::Class
    {
        return None;
    }
    let start = tokens.partition_point(|t| t.start() < range.start());
    let mut depth = 0u32;
    let for_token = tokens[start..].iter().find(|t| match t.kind() {
        TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => {
            depth += 1;
            false
        }
        TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => {
            depth = depth.saturating_sub(1);
            false
        }
        kind => kind == TokenKind::For && depth == 0,
    })?;
    Some(generic_invalid_syntax(map, for_token.range(), tokens))
}

/// CPython's fallback: `invalid syntax` at the token where parsing stopped.
fn generic_invalid_syntax(
    map: &SourceMap<'_>,
    range: TextRange,
    tokens: &[Token],
) -> SyntaxDiagnostic {
    // Point at the whole token that starts at the error, as CPython does.
    let token = token_at(tokens, range.start());
    let (start, end) = match token {
        Some(token) if !token.range().is_empty() => {
            if matches!(
                token.kind(),
                TokenKind::Newline | TokenKind::NonLogicalNewline
            ) {
                (token.start(), token.start() + TextSize::new(1))
            } else {
                (token.start(), token.end())
            }
        }
        _ => (range.start(), range.end()),
    };
    if start == end || usize::from(start) >= map.text.len() {
        // At the end of the input CPython says the input ended too early.
        let line = map.index.line_number(start);
        let (_, offset) = map.index.line_char_col(start, map.text);
        if usize::from(start) >= map.text.trim_end().len() {
            return map.at(
                SyntaxErrorKind::SyntaxError,
                "invalid syntax",
                line,
                offset,
                line,
                offset + 1,
            );
        }
    }
    map.at_range(SyntaxErrorKind::SyntaxError, "invalid syntax", start, end)
}

/// The first token starting at or after `offset`.
fn token_at(tokens: &[Token], offset: TextSize) -> Option<&Token> {
    let index = tokens.partition_point(|t| t.start() < offset);
    tokens[index..]
        .iter()
        .find(|t| !matches!(t.kind(), TokenKind::Comment | TokenKind::NonLogicalNewline))
}

/// The last significant token ending at or before `offset`.
fn token_before(tokens: &[Token], offset: TextSize) -> Option<(usize, &Token)> {
    let index = tokens.partition_point(|t| t.start() < offset);
    tokens[..index].iter().enumerate().rev().find(|(_, t)| {
        !matches!(
            t.kind(),
            TokenKind::Comment
                | TokenKind::NonLogicalNewline
                | TokenKind::Indent
                | TokenKind::Dedent
        )
    })
}

/// The first token of the logical line containing `offset`.
fn line_start(tokens: &[Token], offset: TextSize) -> Option<&Token> {
    let index = tokens.partition_point(|t| t.start() < offset);
    let start = tokens[..index]
        .iter()
        .rposition(|t| {
            matches!(
                t.kind(),
                TokenKind::Newline | TokenKind::Indent | TokenKind::Dedent
            )
        })
        .map_or(0, |i| i + 1);
    tokens[start..].iter().find(|t| {
        !matches!(
            t.kind(),
            TokenKind::Comment
                | TokenKind::NonLogicalNewline
                | TokenKind::Indent
                | TokenKind::Dedent
        )
    })
}

fn expected_token(
    map: &SourceMap<'_>,
    expected: TokenKind,
    found: TokenKind,
    range: TextRange,
    tokens: &[Token],
    root: &Root<'_>,
) -> SyntaxDiagnostic {
    match expected {
        TokenKind::Colon if innermost_bracket(tokens, range.start()) == Some(TokenKind::Lbrace) => {
            // `{1: 2, 3}`: CPython's `invalid_kvpair` underlines the key.
            let (_, previous) = match token_before(tokens, range.start()) {
                Some(found) => found,
                None => return generic_invalid_syntax(map, range, tokens),
            };
            let key = largest_expr_ending_at(root, previous.end(), TextSize::new(0))
                .unwrap_or(previous.range());
            map.at_range(
                SyntaxErrorKind::SyntaxError,
                "':' expected after dictionary key",
                key.start(),
                previous.end(),
            )
        }
        TokenKind::Else => {
            // `1 if y`: CPython underlines the body and the condition.
            let Some((index, previous)) = token_before(tokens, range.start()) else {
                return generic_invalid_syntax(map, range, tokens);
            };
            let if_token = tokens[..index]
                .iter()
                .rposition(|t| t.kind() == TokenKind::If)
                .and_then(|i| token_before(tokens, tokens[i].start()).map(|b| (i, b.1)));
            match if_token {
                Some((_, before_if)) => {
                    let body = largest_expr_ending_at(root, before_if.end(), TextSize::new(0))
                        .unwrap_or(before_if.range());
                    map.at_range(
                        SyntaxErrorKind::SyntaxError,
                        "expected 'else' after 'if' expression",
                        body.start(),
                        previous.end(),
                    )
                }
                None => generic_invalid_syntax(map, range, tokens),
            }
        }
        TokenKind::Colon => {
            if found == TokenKind::Equal {
                if let Some(diagnostic) = equals_instead_of_comparison(map, range, tokens, root) {
                    return diagnostic;
                }
                return generic_invalid_syntax(map, range, tokens);
            }
            // Most headers say `expected ':'` only at the end of the line; `def`, `try`,
            // `else` and `finally` demand the colon wherever the header stops.
            let forced = || {
                let mut first = line_start(tokens, range.start());
                if first.map(Token::kind) == Some(TokenKind::Async) {
                    first = first.and_then(|t| token_at(tokens, t.end()));
                }
                matches!(
                    first.map(Token::kind),
                    Some(TokenKind::Def | TokenKind::Try | TokenKind::Else | TokenKind::Finally)
                )
            };
            if matches!(found, TokenKind::Newline | TokenKind::EndOfFile)
                || ((found.is_keyword()
                    || matches!(found, TokenKind::Name | TokenKind::Int | TokenKind::String))
                    && forced())
            {
                // `expected ':'` points at the token after the header.
                return map.at_range(
                    SyntaxErrorKind::SyntaxError,
                    "expected ':'",
                    range.start(),
                    range.start() + TextSize::new(1).min(range.len().max(TextSize::new(1))),
                );
            }
            generic_invalid_syntax(map, range, tokens)
        }
        TokenKind::Comma if found.as_augmented_assign_operator().is_some() => {
            illegal_augmented_target(map, range, tokens, root)
                .unwrap_or_else(|| generic_invalid_syntax(map, range, tokens))
        }
        TokenKind::Comma | TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => {
            if found == TokenKind::Equal
                && let Some(diagnostic) = equals_instead_of_comparison(map, range, tokens, root)
            {
                return diagnostic;
            }
            if let Some(diagnostic) = forgot_comma(map, range, tokens, root) {
                return diagnostic;
            }
            generic_invalid_syntax(map, range, tokens)
        }
        _ => generic_invalid_syntax(map, range, tokens),
    }
}

/// The end of the simple expression starting at token `index` (a rough `bitwise_or`):
/// operands, operators and bracketed groups up to a token that ends an expression.
fn expression_end(tokens: &[Token], index: usize) -> Option<TextSize> {
    let mut depth = 0i32;
    let mut end = None;
    for token in &tokens[index..] {
        match token.kind() {
            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => depth += 1,
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => {
                if depth == 0 {
                    break;
                }
                depth -= 1;
            }
            TokenKind::Comma
            | TokenKind::Colon
            | TokenKind::Newline
            | TokenKind::Equal
            | TokenKind::EndOfFile
            | TokenKind::If
            | TokenKind::Else
            | TokenKind::For
            | TokenKind::Async
            | TokenKind::And
            | TokenKind::Or
            | TokenKind::Not
            | TokenKind::In
            | TokenKind::Is
            | TokenKind::Less
            | TokenKind::Greater
            | TokenKind::LessEqual
            | TokenKind::GreaterEqual
            | TokenKind::EqEqual
            | TokenKind::NotEqual
                if depth == 0 =>
            {
                break;
            }
            TokenKind::Comment | TokenKind::NonLogicalNewline => continue,
            _ => {}
        }
        end = Some(token.end());
    }
    end
}

/// `invalid syntax. Perhaps you forgot a comma?`: two expressions side by side inside
/// brackets (CPython's `invalid_expression` rule). CPython underlines from the start of
/// the first to the end of the second.
fn forgot_comma(
    map: &SourceMap<'_>,
    range: TextRange,
    tokens: &[Token],
    root: &Root<'_>,
) -> Option<SyntaxDiagnostic> {
    // Only inside brackets, and only after an expression.
    let index = tokens.partition_point(|t| t.start() < range.start());
    let mut open: Vec<TextSize> = Vec::new();
    for token in &tokens[..index] {
        match token.kind() {
            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => open.push(token.end()),
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => {
                open.pop();
            }
            _ => {}
        }
    }
    let inner_start = *open.last()?;
    let (_, previous) = token_before(tokens, range.start())?;
    let mut finder = AdjacentExprFinder {
        first_end: previous.end(),
        second_start: range.start(),
        lower_bound: inner_start,
        first: None,
        second: None,
    };
    match root {
        Root::Module(body) => finder.visit_body(body),
        Root::Expression(expr) => finder.visit_expr(expr),
    }
    let (first, second) = (finder.first?, finder.second?);
    // A comprehension's iterable is a `disjunction`, where CPython's missing-comma rule
    // (under `expression`) is never tried.
    if let Some((in_index, before)) = token_before(tokens, first.start())
        && before.kind() == TokenKind::In
    {
        let mut depth = 0u32;
        for token in tokens[..in_index].iter().rev() {
            match token.kind() {
                TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => depth += 1,
                TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace if depth == 0 => break,
                TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => depth -= 1,
                TokenKind::For if depth == 0 => return None,
                _ => {}
            }
        }
    }
    // `print "x"` and soft keywords have rules of their own.
    if let Some(first_token) = token_at(tokens, first.start())
        && first_token.kind() == TokenKind::Name
        && first_token.end() == first.end()
        && matches!(
            token_at(tokens, second.start()).map(Token::kind),
            Some(TokenKind::String)
        )
    {
        return None;
    }
    Some(map.at_range(
        SyntaxErrorKind::SyntaxError,
        "invalid syntax. Perhaps you forgot a comma?",
        first.start(),
        second.end(),
    ))
}

/// Finds the largest expression ending at `first_end` (and starting at or after
/// `lower_bound`) and the largest expression starting at `second_start`.
struct AdjacentExprFinder {
    first_end: TextSize,
    second_start: TextSize,
    lower_bound: TextSize,
    first: Option<TextRange>,
    second: Option<TextRange>,
}

/// Whether an expression can be a `disjunction` in CPython's grammar: not a bare tuple,
/// walrus, lambda, conditional, star or yield.
fn is_disjunction(expr: &Expr) -> bool {
    !matches!(
        expr,
        Expr::Tuple(ast::ExprTuple {
            parenthesized: false,
            ..
        }) | Expr::Named(_)
            | Expr::Lambda(_)
            | Expr::If(_)
            | Expr::Starred(_)
            | Expr::Yield(_)
            | Expr::YieldFrom(_)
    )
}

impl<'a> Visitor<'a> for AdjacentExprFinder {
    fn visit_expr(&mut self, expr: &'a Expr) {
        let range = expr.range();
        let disjunction = is_disjunction(expr);
        if range.end() == self.first_end
            && range.start() >= self.lower_bound
            && disjunction
            && self.first.is_none_or(|f| range.start() < f.start())
        {
            self.first = Some(range);
        }
        if range.start() == self.second_start
            && !matches!(
                expr,
                Expr::Tuple(ast::ExprTuple {
                    parenthesized: false,
                    ..
                })
            )
            && self.second.is_none_or(|s| range.end() > s.end())
        {
            self.second = Some(range);
        }
        visitor::walk_expr(self, expr);
    }
}

/// Ruff's catch-all errors, recognised by their text.
/// `cannot mix t-string literals with string or bytes literals`: CPython's
/// `invalid_string_tstring_concat` reads the longest run of literals of the first kind
/// (t-strings, or strings and f-strings) and underlines from the run's last literal to the
/// first literal of the other kind.
fn mixed_template_literals(
    map: &SourceMap<'_>,
    range: TextRange,
    tokens: &[Token],
) -> Option<SyntaxDiagnostic> {
    // Each top-level literal of the concatenation: (is a t-string, its range).
    let mut literals: Vec<(bool, TextRange)> = Vec::new();
    let mut depth = 0u32;
    let first = tokens.partition_point(|t| t.start() < range.start());
    for token in tokens[first..]
        .iter()
        .take_while(|t| t.end() <= range.end())
    {
        match token.kind() {
            TokenKind::String if depth == 0 => literals.push((false, token.range())),
            TokenKind::FStringStart | TokenKind::TStringStart => {
                if depth == 0 {
                    let is_template = token.kind() == TokenKind::TStringStart;
                    literals.push((is_template, token.range()));
                }
                depth += 1;
            }
            TokenKind::FStringEnd | TokenKind::TStringEnd => {
                depth = depth.saturating_sub(1);
                if depth == 0
                    && let Some(last) = literals.last_mut()
                {
                    last.1 = TextRange::new(last.1.start(), token.end());
                }
            }
            _ => {}
        }
    }
    let (first_kind, _) = *literals.first()?;
    let switch = literals.iter().position(|(kind, _)| *kind != first_kind)?;
    let (before, after) = (literals[switch - 1].1, literals[switch].1);
    Some(map.at_range(
        SyntaxErrorKind::SyntaxError,
        "cannot mix t-string literals with string or bytes literals",
        before.start(),
        after.end(),
    ))
}

fn other_error(
    map: &SourceMap<'_>,
    message: &str,
    range: TextRange,
    tokens: &[Token],
    root: &Root<'_>,
) -> Option<SyntaxDiagnostic> {
    if let Some(rest) = message.strip_prefix("Expected an indented block after ") {
        return Some(expected_indented_block(map, rest, range, tokens));
    }
    if let Some(diagnostic) = parameters::other_parameter_error(map, message, range) {
        return Some(diagnostic);
    }
    match message {
        "Expected a parameter name" => return arguments::keyword_not_a_name(map, range, tokens),
        "Expected one or more exception types" => {
            return Some(map.at_range(
                SyntaxErrorKind::SyntaxError,
                "expected one or more exception types",
                range.start(),
                range.end(),
            ));
        }
        "Cannot have both 'except' and 'except*' on the same 'try'" => {
            // CPython points at the clause's `except` or `except*`.
            let index = tokens.partition_point(|t| t.start() < range.start());
            let keyword = tokens[index..]
                .iter()
                .find(|t| t.kind() == TokenKind::Except)?;
            let star = token_at(tokens, keyword.end()).filter(|t| t.kind() == TokenKind::Star);
            return Some(map.at_range(
                SyntaxErrorKind::SyntaxError,
                "cannot have both 'except' and 'except*' on the same 'try'",
                keyword.start(),
                star.map_or(keyword.end(), Ranged::end),
            ));
        }
        "Positional patterns cannot follow keyword patterns" => {
            return Some(map.at_range(
                SyntaxErrorKind::SyntaxError,
                "positional patterns follow keyword patterns",
                range.start(),
                range.end(),
            ));
        }
        "Expected an identifier" => return statements::case_target(map, range, tokens),
        "Expected symbol after `as`" => return statements::import_target(map, range, tokens),
        "Expected name after `as`" => return statements::except_target(map, range, tokens),
        "Boolean 'not' expression cannot be used here" => {
            return statements::not_after_operator(map, range, tokens);
        }
        _ => {}
    }
    if message.starts_with("Expected an identifier, but found a keyword") {
        return statements::statement_in_conditional(map, range, tokens);
    }
    if message.starts_with("Expected an expression or a ")
        && token_at(tokens, range.start()).map(Token::kind) == Some(TokenKind::Equal)
    {
        return equals_instead_of_comparison(map, range, tokens, root);
    }
    if message == "Bytes literal cannot be mixed with non-bytes literals" {
        // CPython raises it after the literals, at the token that follows them.
        return Some(just_after(
            map,
            range,
            tokens,
            "cannot mix bytes and nonbytes literals",
        ));
    }
    if message.starts_with("Expected `except` or `finally` after `try` block") {
        return Some(map.at_range(
            SyntaxErrorKind::SyntaxError,
            "expected 'except' or 'finally' block",
            range.start(),
            range.end(),
        ));
    }
    for what in ["tuple", "list"] {
        if message == format!("Only single target (not {what}) can be annotated") {
            // CPython underlines a parenthesized target whole, else its first element.
            let text = &map.text[range];
            let end = if text.starts_with(['(', '[']) {
                range.end()
            } else {
                token_at(tokens, range.start()).map_or(range.end(), Ranged::end)
            };
            return Some(map.at_range(
                SyntaxErrorKind::SyntaxError,
                &format!("only single target (not {what}) can be annotated"),
                range.start(),
                end,
            ));
        }
    }
    if message == "Cannot mix t-string literals with string or bytes literals" {
        return mixed_template_literals(map, range, tokens);
    }
    if message == "Trailing comma not allowed" {
        // CPython points just past the comma.
        return Some(just_after(
            map,
            range,
            tokens,
            "trailing comma not allowed without surrounding parentheses",
        ));
    }
    if message.starts_with("Multiple exception types must be parenthesized when using `as`") {
        // CPython underlines from the first type through the `as` name.
        let index = tokens.partition_point(|t| t.start() < range.start());
        let end = tokens[index..]
            .iter()
            .take_while(|t| !matches!(t.kind(), TokenKind::Colon | TokenKind::Newline))
            .last()
            .map_or(range.end(), Ranged::end);
        return Some(map.at_range(
            SyntaxErrorKind::SyntaxError,
            "multiple exception types must be parenthesized when using 'as'",
            range.start(),
            end,
        ));
    }
    None
}

/// A diagnostic on the first character of the token after `range`.
fn just_after(
    map: &SourceMap<'_>,
    range: TextRange,
    tokens: &[Token],
    message: &str,
) -> SyntaxDiagnostic {
    let at = token_at(tokens, range.end()).map_or(range.end(), Ranged::start);
    map.at_range(
        SyntaxErrorKind::SyntaxError,
        message,
        at,
        at + TextSize::new(1),
    )
}

/// `expected an indented block after 'if' statement on line N` and its variants.
fn expected_indented_block(
    map: &SourceMap<'_>,
    what: &str,
    range: TextRange,
    tokens: &[Token],
) -> SyntaxDiagnostic {
    // Ruff says "`if` statement", "function definition", "`class` definition", ...
    let description = if let Some(keyword) = what.strip_prefix('`') {
        let mut parts = keyword.splitn(2, '`');
        let keyword = parts.next().unwrap_or_default();
        let rest = parts.next().unwrap_or_default().trim();
        match (keyword, rest) {
            ("class", "definition") => "class definition".to_string(),
            ("def", "definition") => "function definition".to_string(),
            _ => format!("'{keyword}' statement"),
        }
    } else {
        what.to_string()
    };
    // Ruff names `except*` clauses `except` too.
    let index = tokens.partition_point(|t| t.start() < range.start());
    let description = match tokens[..index]
        .iter()
        .rposition(|t| t.kind() == TokenKind::Except)
    {
        Some(at)
            if description == "'except' statement"
                && tokens.get(at + 1).map(Token::kind) == Some(TokenKind::Star) =>
        {
            "'except*' statement".to_string()
        }
        _ => description,
    };
    let header_line = header_line(map, range.start(), tokens, &description);
    let message = format!("expected an indented block after {description} on line {header_line}");
    // CPython points at the first token of the line that should have been indented.
    match token_at(tokens, range.start()) {
        Some(token) if !matches!(token.kind(), TokenKind::EndOfFile | TokenKind::Dedent) => map
            .at_range(
                SyntaxErrorKind::IndentationError,
                &message,
                token.start(),
                token.end(),
            ),
        _ => {
            let line = map.index.line_count();
            map.at(
                SyntaxErrorKind::IndentationError,
                &message,
                line,
                0,
                line,
                0,
            )
        }
    }
}

/// The line of the compound statement header whose block is missing: the last line
/// before `at` that ends with `:` and starts with the right keyword.
fn header_line(map: &SourceMap<'_>, at: TextSize, tokens: &[Token], description: &str) -> u32 {
    let keyword = match description {
        "function definition" => "def",
        "class definition" => "class",
        other => other
            .strip_prefix('\'')
            .and_then(|s| s.split('\'').next())
            .unwrap_or(other),
    };
    let index = tokens.partition_point(|t| t.start() < at);
    for token in tokens[..index].iter().rev() {
        let text = &map.text[token.range()];
        let matches = match keyword {
            "except*" => text == "except",
            other => text == other,
        };
        if matches {
            return map.index.line_number(token.start());
        }
    }
    map.index.line_number(at)
}

/// `Missing parentheses in call to 'print'. Did you mean print(...)?` and the generic
/// error for two statements on one line.
fn statements_on_same_line(
    map: &SourceMap<'_>,
    range: TextRange,
    tokens: &[Token],
    root: &Root<'_>,
) -> Option<SyntaxDiagnostic> {
    let Root::Module(body) = root else {
        return None;
    };
    let mut finder = StatementPairFinder {
        at: range.start(),
        found: None,
    };
    finder.visit_body(body);
    let (previous, next) = finder.found?;
    if let Stmt::Expr(ast::StmtExpr { value, .. }) = previous
        && let Expr::Name(name) = value.as_ref()
        && matches!(name.id.as_str(), "print" | "exec")
        && !matches!(
            map.text[usize::from(name.end())..]
                .trim_start()
                .chars()
                .next(),
            Some('(')
        )
    {
        let end = match next {
            Stmt::Expr(expr) => expr.end(),
            other => other.end(),
        };
        return Some(map.at_range(
            SyntaxErrorKind::SyntaxError,
            &format!(
                "Missing parentheses in call to '{0}'. Did you mean {0}(...)?",
                name.id
            ),
            name.start(),
            end,
        ));
    }
    let _ = tokens;
    None
}

/// Finds the statement that starts at `at` and the one before it.
struct StatementPairFinder<'a> {
    at: TextSize,
    found: Option<(&'a Stmt, &'a Stmt)>,
}

impl<'a> Visitor<'a> for StatementPairFinder<'a> {
    fn visit_body(&mut self, body: &'a [Stmt]) {
        for pair in body.windows(2) {
            if pair[1].start() == self.at && self.found.is_none() {
                self.found = Some((&pair[0], &pair[1]));
            }
        }
        visitor::walk_body(self, body);
    }
}

/// `f-string: valid expression required before '}'` for `f"{}"`.
fn empty_fstring_expression(
    map: &SourceMap<'_>,
    range: TextRange,
    tokens: &[Token],
) -> Option<SyntaxDiagnostic> {
    let (_, before) = token_before(tokens, range.start())?;
    let next = token_at(tokens, range.start())?;
    if before.kind() == TokenKind::Lbrace && next.kind() == TokenKind::Rbrace {
        let in_fstring = tokens[..tokens.partition_point(|t| t.start() < before.start())]
            .iter()
            .rev()
            .find(|t| {
                matches!(
                    t.kind(),
                    TokenKind::FStringStart
                        | TokenKind::TStringStart
                        | TokenKind::FStringEnd
                        | TokenKind::TStringEnd
                )
            })
            .map(Token::kind);
        let prefix = match in_fstring {
            Some(TokenKind::FStringStart) => "f",
            Some(TokenKind::TStringStart) => "t",
            _ => return None,
        };
        return Some(map.at_cursor(
            SyntaxErrorKind::SyntaxError,
            &format!("{prefix}-string: valid expression required before '}}'"),
            next.end(),
        ));
    }
    None
}

/// An argument-order error, which CPython reports at the call's closing parenthesis (the
/// last token its `invalid_arguments` rule read).
fn at_call_end(
    map: &SourceMap<'_>,
    range: TextRange,
    root: &Root<'_>,
    message: &str,
) -> SyntaxDiagnostic {
    let mut finder = CallFinder { range, found: None };
    match root {
        Root::Module(body) => finder.visit_body(body),
        Root::Expression(expr) => finder.visit_expr(expr),
    }
    let at = finder.found.map_or(range, |arguments| {
        let end = arguments.end();
        if map.text[..usize::from(end)].ends_with(')') {
            TextRange::new(end - TextSize::new(1), end)
        } else {
            range
        }
    });
    map.at_range(SyntaxErrorKind::SyntaxError, message, at.start(), at.end())
}

/// Finds the innermost call whose argument list contains `range`.
struct CallFinder {
    range: TextRange,
    found: Option<TextRange>,
}

impl<'a> Visitor<'a> for CallFinder {
    fn visit_expr(&mut self, expr: &'a Expr) {
        if !expr.range().contains_range(self.range) {
            return;
        }
        if let Expr::Call(call) = expr
            && call.arguments.range.contains_range(self.range)
        {
            self.found = Some(call.arguments.range);
        }
        visitor::walk_expr(self, expr);
    }
}

/// `f-string: invalid conversion character 'z': expected 's', 'r', or 'a'` at the bad
/// conversion name, or `f-string: missing conversion character` when there is none.
fn conversion_error(map: &SourceMap<'_>, range: TextRange, prefix: &str) -> SyntaxDiagnostic {
    let name: String = map.text[usize::from(range.start())..]
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    if name.is_empty() {
        return map.at_range(
            SyntaxErrorKind::SyntaxError,
            &format!("{prefix}-string: missing conversion character"),
            range.start(),
            range.end(),
        );
    }
    map.at_range(
        SyntaxErrorKind::SyntaxError,
        &format!(
            "{prefix}-string: invalid conversion character '{name}': expected 's', 'r', or 'a'"
        ),
        range.start(),
        range.start() + TextSize::new(name.len() as u32),
    )
}

/// The kind of the innermost bracket open at `offset`.
fn innermost_bracket(tokens: &[Token], offset: TextSize) -> Option<TokenKind> {
    let index = tokens.partition_point(|t| t.start() < offset);
    let mut open = Vec::new();
    for token in &tokens[..index] {
        match token.kind() {
            kind @ (TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace) => open.push(kind),
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => {
                open.pop();
            }
            _ => {}
        }
    }
    open.pop()
}

/// The largest disjunction-like expression that ends at `end` and starts at or after
/// `lower_bound`.
fn largest_expr_ending_at(
    root: &Root<'_>,
    end: TextSize,
    lower_bound: TextSize,
) -> Option<TextRange> {
    let mut finder = AdjacentExprFinder {
        first_end: end,
        second_start: TextSize::new(u32::MAX),
        lower_bound,
        first: None,
        second: None,
    };
    match root {
        Root::Module(body) => finder.visit_body(body),
        Root::Expression(expr) => finder.visit_expr(expr),
    }
    finder.first
}
