//! Tokenizer-level errors, reported the way CPython's tokenizer reports them.
//!
//! CPython's tokenizer (`Parser/tokenizer.c`, 3.12+) rejects some input before the parser
//! sees it: malformed numbers, stray or mismatched brackets, bad indentation, characters
//! that cannot start a token, backslashes not followed by a newline, unterminated strings.
//! When parsing fails, CPython also tokenizes the rest of the file
//! (`_PyPegen_tokenize_full_source_to_check_for_errors`) and lets a tokenizer error win over
//! the parser's error. So the first tokenizer error in the file, if any, is what CPython
//! reports, whatever the parser thinks.
//!
//! Ruff's lexer recovers from most of these, so we walk its token stream and re-check the
//! source between and inside tokens with CPython's rules.

use ruff_python_ast::token::{Token, TokenKind};
use ruff_python_parser::{
    InterpolatedStringErrorType, LexicalErrorType, ParseError, ParseErrorType,
};
use ruff_text_size::{Ranged, TextSize};

use super::SourceMap;
use super::numbers::scan_number;
use crate::diagnostics::{SyntaxDiagnostic, SyntaxErrorKind};

/// CPython's `MAXINDENT`: the indentation stack holds at most this many levels.
const MAX_INDENT: usize = 100;
/// CPython's `MAXLEVEL`: brackets nest at most this deep.
const MAX_LEVEL: usize = 200;
/// CPython's `ALTTABSIZE`: tabs count as one column when checking for ambiguous indentation.
const ALT_TAB_SIZE: u32 = 1;
const TAB_SIZE: u32 = 8;

/// What the token-level scan found.
#[derive(Debug, Default)]
pub(crate) struct TokenScan {
    /// The first tokenizer error in the file, with the byte offset at which CPython's
    /// tokenizer would reach it.
    pub error: Option<(TextSize, SyntaxDiagnostic)>,
    /// The innermost bracket still open at the end of the file: the character and the byte
    /// offset of the bracket.
    pub unclosed: Option<(char, TextSize)>,
    /// A backslash continuation runs into the end of the file.
    pub eof_in_continuation: Option<TextSize>,
    /// The file may hold a `global` statement: false only when the scan saw every token
    /// and none was the keyword.
    pub may_declare_globals: bool,
    /// The tokens' [`crate::guard::depth_bound_from`], when the scan measured it (the
    /// shortcut of [`scan_error_free`] does, sparing the guard its own pass).
    pub depth_bound: Option<usize>,
}

impl TokenScan {
    fn report(&mut self, at: TextSize, diagnostic: SyntaxDiagnostic) {
        if self.error.as_ref().is_none_or(|(pos, _)| at < *pos) {
            self.error = Some((at, diagnostic));
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Open {
    Bracket(char, TextSize),
    /// The start of an f-string or t-string: brackets do not close across it.
    Interpolated,
}

/// Scans `tokens` (ruff's token stream for `map.text`) and the lexical errors among
/// `errors` for CPython tokenizer errors.
pub(crate) fn scan(map: &SourceMap<'_>, tokens: &[Token], errors: &[ParseError]) -> TokenScan {
    let mut scan = TokenScan {
        may_declare_globals: true,
        ..TokenScan::default()
    };
    lexical_errors(map, tokens, errors, &mut scan);

    let text = map.text;
    let mut stack: Vec<Open> = Vec::new();
    let mut indents: Vec<(u32, u32)> = vec![(0, 0)];
    // Where the line after the one holding the last byte of the previous token that counts
    // for indentation starts: a token starts a new logical line's indentation check exactly
    // when it begins at or past it (`0` before the first token). `next_line` is that line,
    // the first whose start is past the byte; both only move forward, so following them
    // costs a comparison per token where two line-number lookups per token used to be a
    // third of this scan.
    let mut new_line_at = 0u32;
    let mut next_line = 1u32;
    let line_count = map.index.line_count();
    let mut prev_end = TextSize::new(0);
    let mut number_scanned_to = 0usize;

    for token in tokens {
        let range = token.range();
        let kind = token.kind();
        if let Some((pos, _)) = &scan.error
            && range.start() > *pos
        {
            break;
        }
        // Backslashes live in the gaps between tokens, and so do the remains of numbers
        // that ruff's lexer dropped after an error (`1.__class__`).
        let (gap_has_continuation, digit) = check_gap(map, prev_end, range.start(), &mut scan);
        if let Some(start) = digit
            && start >= number_scanned_to
        {
            check_number(map, start, &mut number_scanned_to, &mut scan);
        }
        prev_end = range.end();

        let whitespace_only = kind == TokenKind::Unknown && map.text[range].trim_start().is_empty();
        if whitespace_only
            || matches!(
                kind,
                TokenKind::Comment
                    | TokenKind::NonLogicalNewline
                    | TokenKind::Indent
                    | TokenKind::Dedent
                    | TokenKind::EndOfFile
            )
        {
            // Ruff turns badly dedented indentation into an `Unknown` token; CPython's
            // indentation check runs on the token after it.
            continue;
        }
        // Line numbers are looked up only where indentation can matter (outside brackets),
        // not for every token.
        if stack.is_empty()
            && kind != TokenKind::Newline
            && !gap_has_continuation
            && u32::from(range.start()) >= new_line_at
        {
            let start_line = map.index.line_number(range.start());
            check_indentation(map, start_line, range.start(), &mut indents, &mut scan);
        }
        let last = if range.is_empty() {
            range.start()
        } else {
            range.end() - TextSize::new(1)
        };
        while next_line <= line_count && map.index.line_start(next_line) <= last {
            next_line += 1;
        }
        new_line_at = if next_line <= line_count {
            u32::from(map.index.line_start(next_line))
        } else {
            u32::MAX
        };

        match kind {
            TokenKind::Int | TokenKind::Float | TokenKind::Complex => {
                let start = usize::from(range.start());
                if start >= number_scanned_to {
                    check_number(map, start, &mut number_scanned_to, &mut scan);
                }
            }
            TokenKind::Unknown => {
                let start = usize::from(range.start());
                let rest = &text[start..];
                let starts_number = rest.as_bytes().first().is_some_and(u8::is_ascii_digit)
                    || (rest.starts_with('.')
                        && rest.as_bytes().get(1).is_some_and(u8::is_ascii_digit));
                if starts_number && start >= number_scanned_to {
                    check_number(map, start, &mut number_scanned_to, &mut scan);
                } else if rest.starts_with('\\') {
                    check_backslash(map, range.start(), &mut scan);
                }
            }
            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => {
                if stack.len() >= MAX_LEVEL {
                    scan.report(
                        range.start(),
                        map.at_cursor(
                            SyntaxErrorKind::SyntaxError,
                            "too many nested parentheses",
                            range.end(),
                        ),
                    );
                }
                let c = match kind {
                    TokenKind::Lpar => '(',
                    TokenKind::Lsqb => '[',
                    _ => '{',
                };
                stack.push(Open::Bracket(c, range.start()));
            }
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => {
                let c = match kind {
                    TokenKind::Rpar => ')',
                    TokenKind::Rsqb => ']',
                    _ => '}',
                };
                check_closer(map, c, range, &mut stack, &mut scan);
            }
            TokenKind::FStringStart | TokenKind::TStringStart => stack.push(Open::Interpolated),
            TokenKind::FStringEnd | TokenKind::TStringEnd => {
                while let Some(open) = stack.pop() {
                    if open == Open::Interpolated {
                        break;
                    }
                }
            }
            _ => {}
        }
    }
    scan.unclosed = stack.iter().rev().find_map(|open| match open {
        Open::Bracket(c, at) => Some((*c, *at)),
        Open::Interpolated => None,
    });
    scan
}

/// [`scan`] for a token stream ruff lexed and parsed without any error, which is nearly
/// every file compiled. Such a stream leaves CPython's tokenizer little to object to:
/// brackets match, every backslash between tokens ends its line, no character is
/// unknown, and with spaces alone in the indentation (no tab or form feed anywhere in
/// the file) ruff's own indentation checks are CPython's. What remains is malformed
/// numbers and the nesting limits, which one pass over the token kinds covers. A file
/// outside those conditions, or nesting anywhere near a limit, gets the full scan, so
/// the diagnostics are always the full scan's.
pub(crate) fn scan_error_free(map: &SourceMap<'_>, tokens: &[Token]) -> TokenScan {
    if !error_free_shortcut_applies(map.index.indentation_hazards(), tokens) {
        return scan(map, tokens, &[]);
    }
    // Far below the limits: near them the full scan decides, with its exact positions.
    const NEAR_MAX_LEVEL: usize = MAX_LEVEL / 2;
    const NEAR_MAX_INDENT: usize = MAX_INDENT / 2;
    let mut scan = TokenScan::default();
    let mut number_scanned_to = 0usize;
    let (mut level, mut indent) = (0usize, 0usize);
    // The guard's depth bound (`guard::depth_bound`), measured on the way: the deepest
    // indentation and the most tokens in one logical line.
    let (mut max_indent, mut line_tokens, mut max_line_tokens) = (0usize, 0usize, 0usize);
    for token in tokens {
        line_tokens += 1;
        // Most tokens (names, operators, strings) play no role here: one table lookup
        // passes them, where a `match` on the kind costs a bounds test and an indirect jump
        // for every token.
        let role = ERROR_FREE_ROLES[token.kind() as usize];
        if role == ErrorFreeRole::Ignored {
            continue;
        }
        match role {
            ErrorFreeRole::Ignored => {}
            ErrorFreeRole::Number => {
                let start = usize::from(token.start());
                if start >= number_scanned_to {
                    match plain_decimal_end(map.text.as_bytes(), token) {
                        Some(end) => number_scanned_to = end,
                        None => check_number(map, start, &mut number_scanned_to, &mut scan),
                    }
                }
            }
            ErrorFreeRole::Open => {
                level += 1;
                if level >= NEAR_MAX_LEVEL {
                    return self::scan(map, tokens, &[]);
                }
            }
            ErrorFreeRole::Close => level = level.saturating_sub(1),
            ErrorFreeRole::Indent => {
                indent += 1;
                max_indent = max_indent.max(indent);
                if indent >= NEAR_MAX_INDENT {
                    return self::scan(map, tokens, &[]);
                }
            }
            ErrorFreeRole::Dedent => indent = indent.saturating_sub(1),
            ErrorFreeRole::Newline => {
                max_line_tokens = max_line_tokens.max(line_tokens - 1);
                line_tokens = 0;
            }
            ErrorFreeRole::Global => scan.may_declare_globals = true,
        }
    }
    max_line_tokens = max_line_tokens.max(line_tokens);
    scan.depth_bound = Some(crate::guard::depth_bound_from(max_indent, max_line_tokens));
    scan
}

/// What [`scan_error_free`] does with a token.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ErrorFreeRole {
    Ignored,
    /// A number literal, checked as CPython's tokenizer would.
    Number,
    /// Opens a nesting level: a bracket or an f-/t-string.
    Open,
    /// Closes one.
    Close,
    Indent,
    Dedent,
    /// Ends a logical line.
    Newline,
    /// `global`, which lets the module declare globals.
    Global,
}

/// Each token kind's [`ErrorFreeRole`], indexed by the kind's discriminant: the one list of
/// the kinds [`scan_error_free`] looks at.
const ERROR_FREE_ROLES: [ErrorFreeRole; 256] = {
    use ErrorFreeRole::*;
    let mut roles = [Ignored; 256];
    let kinds = [
        (TokenKind::Int, Number),
        (TokenKind::Float, Number),
        (TokenKind::Complex, Number),
        (TokenKind::Lpar, Open),
        (TokenKind::Lsqb, Open),
        (TokenKind::Lbrace, Open),
        (TokenKind::FStringStart, Open),
        (TokenKind::TStringStart, Open),
        (TokenKind::Rpar, Close),
        (TokenKind::Rsqb, Close),
        (TokenKind::Rbrace, Close),
        (TokenKind::FStringEnd, Close),
        (TokenKind::TStringEnd, Close),
        (TokenKind::Indent, Indent),
        (TokenKind::Dedent, Dedent),
        (TokenKind::Newline, Newline),
        (TokenKind::Global, Global),
    ];
    let mut i = 0;
    while i < kinds.len() {
        roles[kinds[i].0 as usize] = kinds[i].1;
        i += 1;
    }
    roles
};

/// Whether [`scan_error_free`] may skip the full scan: every tab and form feed (which
/// make CPython's two indentation measures disagree, or reset them) and every backslash
/// that ends a line lies inside a string or a comment, or between tokens after a token of
/// the logical line it is in or continues. Such a character at the start of a logical
/// line, in its indentation (which ruff's indentation tokens cover) or before its first
/// token, is where CPython's indentation rules and the full scan's idea of where a logical
/// line starts differ from ruff's. `hazards` are those characters' offsets, as
/// [`crate::source::LineIndex::indentation_hazards`] lists them.
fn error_free_shortcut_applies(hazards: &[u32], tokens: &[Token]) -> bool {
    hazards.iter().all(|&at| {
        let at = TextSize::new(at);
        let i = tokens.partition_point(|t| t.end() <= at);
        match tokens.get(i) {
            Some(t) if t.start() <= at => matches!(
                t.kind(),
                TokenKind::String
                    | TokenKind::FStringMiddle
                    | TokenKind::TStringMiddle
                    | TokenKind::Comment
            ),
            // Between tokens: harmless after a token of the logical line it is in or
            // continues, where neither the full scan nor ruff looks at indentation.
            _ => i.checked_sub(1).is_some_and(|before| {
                !matches!(
                    tokens[before].kind(),
                    TokenKind::Newline
                        | TokenKind::NonLogicalNewline
                        | TokenKind::Indent
                        | TokenKind::Dedent
                        | TokenKind::Comment
                )
            }),
        }
    })
}

/// Where the number `token` ends, when it is a plain decimal integer (`0`, or digits not
/// starting with `0`) followed by neither a name character nor `.`: the number scanner
/// would accept it and end there. Most numbers are such, and this costs a fraction of a
/// scan.
#[inline]
fn plain_decimal_end(text: &[u8], token: &Token) -> Option<usize> {
    let (start, end) = (usize::from(token.start()), usize::from(token.end()));
    let digits = &text[start..end];
    let plain = token.kind() == TokenKind::Int
        && !digits.is_empty()
        && digits.iter().all(u8::is_ascii_digit)
        && (digits.first() != Some(&b'0') || digits.len() == 1);
    let ends_there = text
        .get(end)
        .is_none_or(|&b| b.is_ascii() && !b.is_ascii_alphanumeric() && !matches!(b, b'_' | b'.'));
    (plain && ends_there).then_some(end)
}

fn check_number(map: &SourceMap<'_>, start: usize, scanned_to: &mut usize, scan: &mut TokenScan) {
    match scan_number(map.text, start) {
        Ok(end) => *scanned_to = end,
        Err(error) => {
            *scanned_to = map.text.len();
            let diagnostic = match error.known_range {
                Some((col, end_col)) => {
                    let line = map.index.line_number(TextSize::new(start as u32));
                    let line_start = usize::from(map.index.line_start(line));
                    map.at_byte_columns(
                        SyntaxErrorKind::SyntaxError,
                        &error.message,
                        line,
                        line_start + col - 1,
                        line_start + end_col - 1,
                    )
                }
                None => map.at_cursor(
                    SyntaxErrorKind::SyntaxError,
                    &error.message,
                    TextSize::new(error.cursor as u32),
                ),
            };
            scan.report(TextSize::new(start as u32), diagnostic);
        }
    }
}

fn check_closer(
    map: &SourceMap<'_>,
    c: char,
    range: ruff_text_size::TextRange,
    stack: &mut Vec<Open>,
    scan: &mut TokenScan,
) {
    let at = range.start();
    let opened = stack.iter().rposition(|o| matches!(o, Open::Bracket(..)));
    let top = stack.last().copied();
    match top {
        Some(Open::Bracket(opening, open_at)) => {
            stack.pop();
            let matches = matches!((opening, c), ('(', ')') | ('[', ']') | ('{', '}'));
            if matches {
                return;
            }
            let in_fstring_field = opening == '{' && stack.last() == Some(&Open::Interpolated);
            let message = if in_fstring_field {
                format!("f-string: unmatched '{c}'")
            } else {
                let open_line = map.index.line_number(open_at);
                let line = map.index.line_number(at);
                if open_line != line {
                    format!(
                        "closing parenthesis '{c}' does not match opening parenthesis '{opening}' on line {open_line}"
                    )
                } else {
                    format!(
                        "closing parenthesis '{c}' does not match opening parenthesis '{opening}'"
                    )
                }
            };
            scan.report(
                at,
                map.at_cursor(SyntaxErrorKind::SyntaxError, &message, range.end()),
            );
        }
        Some(Open::Interpolated) => {
            // Inside an f-string's literal part; ruff reports a lone `}` itself.
            if c != '}' && opened.is_none() {
                scan.report(
                    at,
                    map.at_cursor(
                        SyntaxErrorKind::SyntaxError,
                        &format!("unmatched '{c}'"),
                        range.end(),
                    ),
                );
            }
        }
        None => scan.report(
            at,
            map.at_cursor(
                SyntaxErrorKind::SyntaxError,
                &format!("unmatched '{c}'"),
                range.end(),
            ),
        ),
    }
}

/// Checks the text between two tokens for backslashes. Returns whether it holds a line
/// continuation, and the byte offset of its first digit.
///
/// One pass over the bytes: the gap is usually empty, a space or a line's indentation, and
/// both characters looked for are ASCII, which never occurs inside a multi-byte character.
fn check_gap(
    map: &SourceMap<'_>,
    from: TextSize,
    to: TextSize,
    scan: &mut TokenScan,
) -> (bool, Option<usize>) {
    // Most tokens follow the previous one directly.
    if from == to {
        return (false, None);
    }
    let start = usize::from(from);
    let Some(gap) = map.text.as_bytes().get(start..usize::from(to)) else {
        return (false, None);
    };
    let mut continuation = false;
    let mut digit = None;
    for (i, &byte) in gap.iter().enumerate() {
        // Nearly every gap byte is a space, a tab or a line break: one comparison skips it.
        if byte <= b' ' {
            continue;
        }
        if byte == b'\\' {
            let at = from + TextSize::new(i as u32);
            continuation |= check_backslash(map, at, scan);
        } else if digit.is_none() && byte.is_ascii_digit() {
            digit = Some(start + i);
        }
    }
    (continuation, digit)
}

/// Checks a backslash outside any string: it must end its line (`tok_continuation_line`).
fn check_backslash(map: &SourceMap<'_>, at: TextSize, scan: &mut TokenScan) -> bool {
    let bytes = map.text.as_bytes();
    let mut next = usize::from(at) + 1;
    if bytes.get(next) == Some(&b'\r') {
        next += 1;
    }
    match bytes.get(next) {
        Some(b'\n') | None => {
            // CPython adds a final newline to input that lacks one, so a trailing backslash
            // is a continuation that runs into the end of the file.
            let after = if bytes.get(next).is_some() {
                next + 1
            } else {
                next
            };
            if after >= bytes.len() {
                scan.eof_in_continuation = Some(at);
            }
            true
        }
        Some(_) => {
            // CPython points just past the character after the backslash.
            let line = map.index.line_number(at);
            let char_after = map.text[next..].chars().next().map_or(1, char::len_utf8);
            let cursor = TextSize::new((next + char_after) as u32);
            let (_, offset) = map.index.line_char_col(cursor, map.text);
            let offset = offset - 1;
            scan.report(
                at,
                map.at(
                    SyntaxErrorKind::SyntaxError,
                    "unexpected character after line continuation character",
                    line,
                    offset,
                    line,
                    0,
                ),
            );
            false
        }
    }
}

/// CPython's indentation bookkeeping at the start of a logical line (the `atbol` branch of
/// `tok_get`): columns with 8-column tabs and with 1-column tabs must agree in every
/// comparison with the indentation stack.
fn check_indentation(
    map: &SourceMap<'_>,
    line: u32,
    first_token: TextSize,
    indents: &mut Vec<(u32, u32)>,
    scan: &mut TokenScan,
) {
    let line_start = map.index.line_start(line);
    let whitespace = &map.text[usize::from(line_start)..usize::from(first_token)];
    let (mut col, mut alt_col) = (0u32, 0u32);
    for c in whitespace.chars() {
        match c {
            ' ' => {
                col += 1;
                alt_col += 1;
            }
            '\t' => {
                col = (col / TAB_SIZE + 1) * TAB_SIZE;
                alt_col = (alt_col / ALT_TAB_SIZE + 1) * ALT_TAB_SIZE;
            }
            '\x0c' => {
                col = 0;
                alt_col = 0;
            }
            _ => {}
        }
    }
    let &(top, alt_top) = indents.last().unwrap_or(&(0, 0));
    let tab_error = || {
        map.at(
            SyntaxErrorKind::TabError,
            "inconsistent use of tabs and spaces in indentation",
            line,
            1,
            line,
            0,
        )
    };
    if col == top {
        if alt_col != alt_top {
            scan.report(line_start, tab_error());
        }
    } else if col > top {
        if indents.len() >= MAX_INDENT {
            let end = map.index.line_end(line, map.text);
            let (_, offset) = map.index.line_char_col(end, map.text);
            scan.report(
                line_start,
                map.at(
                    SyntaxErrorKind::IndentationError,
                    "too many levels of indentation",
                    line,
                    offset,
                    line,
                    0,
                ),
            );
            return;
        }
        if alt_col <= alt_top {
            scan.report(line_start, tab_error());
        }
        indents.push((col, alt_col));
    } else {
        while indents.len() > 1 && col < indents.last().map_or(0, |i| i.0) {
            indents.pop();
        }
        let &(top, alt_top) = indents.last().unwrap_or(&(0, 0));
        if col != top {
            // CPython's cursor is at the end of the line, past its newline if it has one.
            let end = map.index.line_end(line, map.text);
            let (_, offset) = map.index.line_char_col(end, map.text);
            let past_newline = u32::from(usize::from(end) < map.text.len());
            scan.report(
                line_start,
                map.at(
                    SyntaxErrorKind::IndentationError,
                    "unindent does not match any outer indentation level",
                    line,
                    offset + past_newline,
                    line,
                    0,
                ),
            );
        } else if alt_col != alt_top {
            scan.report(line_start, tab_error());
        }
    }
}

/// Python's `str.isprintable` for one character, approximated: control characters, format
/// characters, separators other than the space, and unassigned/private-use code points
/// are not printable.
fn is_printable(c: char) -> bool {
    if c == ' ' {
        return true;
    }
    if c.is_control() || c.is_whitespace() {
        return false;
    }
    !matches!(c,
        '\u{ad}' | '\u{600}'..='\u{605}' | '\u{61c}' | '\u{6dd}' | '\u{70f}' | '\u{180e}'
        | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{206f}' | '\u{feff}' | '\u{fff9}'..='\u{fffb}'
        | '\u{e000}'..='\u{f8ff}' | '\u{f0000}'..='\u{10ffff}')
}

/// Ruff's lexical errors that correspond to CPython tokenizer errors.
fn lexical_errors(
    map: &SourceMap<'_>,
    tokens: &[Token],
    errors: &[ParseError],
    scan: &mut TokenScan,
) {
    for error in errors {
        let start = error.location.start();
        let diagnostic = match &error.error {
            ParseErrorType::Lexical(LexicalErrorType::UnclosedStringError) => {
                Some(unterminated_string(map, start, ""))
            }
            ParseErrorType::Lexical(LexicalErrorType::UnrecognizedToken { tok }) => {
                let c = *tok;
                let cursor = start + TextSize::new(c.len_utf8() as u32);
                if !is_printable(c) {
                    Some(map.at_cursor(
                        SyntaxErrorKind::SyntaxError,
                        &format!("invalid non-printable character U+{:04X}", c as u32),
                        cursor,
                    ))
                } else if !c.is_ascii() {
                    Some(map.at_cursor(
                        SyntaxErrorKind::SyntaxError,
                        &format!("invalid character '{c}' (U+{:04X})", c as u32),
                        cursor,
                    ))
                } else {
                    None
                }
            }
            ParseErrorType::Lexical(
                LexicalErrorType::FStringError(kind) | LexicalErrorType::TStringError(kind),
            ) => {
                let prefix = if matches!(
                    error.error,
                    ParseErrorType::Lexical(LexicalErrorType::TStringError(_))
                ) {
                    "t"
                } else {
                    "f"
                };
                interpolated_string_error(map, tokens, kind, prefix, error)
            }
            _ => None,
        };
        if let Some(diagnostic) = diagnostic {
            scan.report(start, diagnostic);
        }
    }
}

/// `unterminated string literal (detected at line N)` and its triple-quoted and f-string
/// variants, pointing at the string's first character.
fn unterminated_string(map: &SourceMap<'_>, start: TextSize, kind: &str) -> SyntaxDiagnostic {
    let rest = &map.text[usize::from(start)..];
    let body = rest.trim_start_matches(|c: char| c.is_ascii_alphabetic());
    let triple = body.starts_with("\"\"\"") || body.starts_with("'''");
    let (line, offset) = map.index.line_char_col(start, map.text);
    let detected = if triple {
        let last = TextSize::new(map.text.len().saturating_sub(1) as u32);
        map.index.line_number(last)
    } else {
        // A single-quoted string ends at the end of its line, unless backslashes continue it.
        let mut end = usize::from(start);
        loop {
            let line_end = map.text[end..]
                .find(['\n', '\r'])
                .map_or(map.text.len(), |p| end + p);
            if line_end > 0
                && map.text.as_bytes()[line_end - 1] == b'\\'
                && line_end < map.text.len()
            {
                end = line_end + 1;
                continue;
            }
            end = line_end;
            break;
        }
        map.index.line_number(TextSize::new(
            end.saturating_sub(1).max(usize::from(start)) as u32
        ))
    };
    let quoted = if triple { "triple-quoted " } else { "" };
    // CPython's tokenizer remembers a backslash before the string's own quote character.
    let escaped_quote = !triple && kind.is_empty() && {
        let quote = body.as_bytes().first().copied().unwrap_or(b'"');
        let bytes = body.as_bytes();
        let mut i = 1;
        let mut found = false;
        while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
            if bytes[i] == b'\\' {
                if bytes.get(i + 1) == Some(&quote) {
                    found = true;
                }
                i += 2;
                continue;
            }
            i += 1;
        }
        found
    };
    let hint = if escaped_quote {
        "; perhaps you escaped the end quote?"
    } else {
        ""
    };
    let kind = if kind.is_empty() {
        String::new()
    } else {
        format!("{kind}-")
    };
    map.at(
        SyntaxErrorKind::SyntaxError,
        &format!("unterminated {quoted}{kind}string literal (detected at line {detected}){hint}"),
        line,
        offset,
        line,
        offset,
    )
}

fn interpolated_string_error(
    map: &SourceMap<'_>,
    tokens: &[Token],
    kind: &InterpolatedStringErrorType,
    prefix: &str,
    error: &ParseError,
) -> Option<SyntaxDiagnostic> {
    let start = error.location.start();
    let message = match kind {
        InterpolatedStringErrorType::UnterminatedString
        | InterpolatedStringErrorType::UnterminatedTripleQuotedString => {
            // CPython reports it at the start of the string still open, which ruff's
            // error (at the end of the input) does not give.
            let mut open: Vec<TextSize> = Vec::new();
            for token in tokens.iter().take_while(|t| t.start() <= start) {
                match token.kind() {
                    TokenKind::FStringStart | TokenKind::TStringStart => open.push(token.start()),
                    TokenKind::FStringEnd | TokenKind::TStringEnd => {
                        open.pop();
                    }
                    _ => {}
                }
            }
            let string_start = open.last().copied().unwrap_or(start);
            // A `#` in a replacement field comments out the rest of the line, closing
            // brace and quote included: CPython then finds the `{` never closed.
            let in_string = tokens
                .iter()
                .skip_while(|t| t.start() < string_start)
                .take_while(|t| t.start() <= start);
            let mut last_brace = None;
            for token in in_string {
                match token.kind() {
                    TokenKind::Lbrace => last_brace = Some(token.start()),
                    TokenKind::Rbrace => last_brace = None,
                    TokenKind::Comment
                        if kind == &InterpolatedStringErrorType::UnterminatedString =>
                    {
                        if let Some(brace) = last_brace {
                            let (line, offset) = map.index.line_char_col(brace, map.text);
                            return Some(map.at(
                                SyntaxErrorKind::SyntaxError,
                                "'{' was never closed",
                                line,
                                offset,
                                line,
                                offset,
                            ));
                        }
                    }
                    _ => {}
                }
            }
            return Some(unterminated_string(map, string_start, prefix));
        }
        InterpolatedStringErrorType::UnclosedLbrace => format!("{prefix}-string: expecting '}}'"),
        InterpolatedStringErrorType::SingleRbrace => {
            format!("{prefix}-string: single '}}' is not allowed")
        }
        InterpolatedStringErrorType::InvalidConversionFlag => {
            let name: String = map.text[usize::from(start)..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if name.is_empty() {
                format!("{prefix}-string: missing conversion character")
            } else {
                format!(
                    "{prefix}-string: invalid conversion character '{name}': expected 's', 'r', or 'a'"
                )
            }
        }
        InterpolatedStringErrorType::LambdaWithoutParentheses => {
            format!("{prefix}-string: lambda expressions are not allowed without parentheses")
        }
        InterpolatedStringErrorType::ConversionFlagNotImmediatelyAfterExclamation => {
            format!("{prefix}-string: conversion type must come right after the exclamanation mark")
        }
        InterpolatedStringErrorType::NewlineInFormatSpec => format!(
            "{prefix}-string: newlines are not allowed in format specifiers for single quoted {prefix}-strings"
        ),
    };
    Some(map.at_cursor(SyntaxErrorKind::SyntaxError, &message, error.location.end()))
}

#[cfg(test)]
mod tests {
    use super::{error_free_shortcut_applies, scan, scan_error_free};
    use crate::parse::{SourceMap, TARGET_VERSION};
    use ruff_python_parser::{Mode, ParseOptions};

    /// Whether the shortcut applies to `source`, after checking that ruff parses it without
    /// error and that the shortcut and the full scan agree on it.
    fn shortcut(source: &str) -> bool {
        let options = ParseOptions::from(Mode::Module).with_target_version(TARGET_VERSION);
        let parsed = ruff_python_parser::parse_unchecked(source, options);
        assert!(
            parsed.errors().is_empty(),
            "{source:?}: {:?}",
            parsed.errors()
        );
        let map = SourceMap::new(source, "t.py");
        let quick = scan_error_free(&map, parsed.tokens());
        let full = scan(&map, parsed.tokens(), &[]);
        if let Some(bound) = quick.depth_bound {
            assert_eq!(
                bound,
                crate::guard::depth_bound(parsed.tokens()),
                "{source:?}"
            );
        }
        assert_eq!(
            format!("{:?}", quick.error.map(|e| e.1)),
            format!("{:?}", full.error.map(|e| e.1)),
            "{source:?}"
        );
        error_free_shortcut_applies(map.index.indentation_hazards(), parsed.tokens())
    }

    #[test]
    fn shortcut_only_where_ruff_and_cpython_agree() {
        assert!(shortcut("x = 1\nif x:\n    y = (1,\n         2)\n"));
        // Backslashes inside strings and comments, and continuing a logical line.
        assert!(shortcut("s = 'a\\\nb'\n# c \\\nx = 1 + \\\n    2\n"));
        // Tabs, form feeds and a backslash before a line's first token take the full scan;
        // inside strings and comments, or between a line's tokens, they are harmless.
        assert!(!shortcut("if x:\n\ty = 1\n"));
        assert!(!shortcut("\x0cx = 1\n"));
        assert!(!shortcut("x = 1\n\x0c\ny = 2\n"));
        assert!(shortcut("x = '\t'  # \t\x0c\ny =\t(1,\x0c2)\n"));
        assert!(!shortcut("if x:\n    \\\n    y = 1\n"));
        // Malformed numbers are found either way.
        assert!(shortcut("x = 1if y else 2\n"));
        // Nesting near the limits is left to the full scan, which reports it exactly.
        for depth in [150, 250] {
            shortcut(&format!(
                "x = {}1{}\n",
                "(".repeat(depth),
                ")".repeat(depth)
            ));
        }
        let mut nested = String::new();
        for level in 0..120 {
            nested.push_str(&format!("{}if x:\n", " ".repeat(level)));
        }
        nested.push_str(&format!("{}pass\n", " ".repeat(120)));
        shortcut(&nested);
    }
}
