//! Bad escape sequences in string literals: `(unicode error) 'unicodeescape' codec can't
//! decode bytes in position A-B: ...` and, for bytes, `(value error) invalid \x escape at
//! position N`.
//!
//! Ruff's lexer flags the bad escape, but CPython's message counts positions in the buffer
//! its decoder sees, so the literal is re-scanned here the way CPython scans it:
//! `decode_unicode_with_escapes` (Parser/string_parser.c) first rewrites every non-ASCII
//! character as a ten-byte `\UXXXXXXXX` escape (and a backslash before one as `\u005c`),
//! then `_PyUnicode_DecodeUnicodeEscapeInternal` (Objects/unicodeobject.c) stops at the
//! first invalid escape; `_PyBytes_DecodeEscape` (Objects/bytesobject.c) does the same for
//! bytes. Since 3.12, the error is located at the string token, or at the closing quote of
//! the f-string or t-string whose literal part holds the escape.

use ruff_python_ast::token::{Token, TokenKind};
use ruff_text_size::{Ranged, TextSize};

use super::SourceMap;
use crate::diagnostics::{SyntaxDiagnostic, SyntaxErrorKind};

/// The diagnostic for an invalid escape reported by ruff at `at`, or `None` when no string
/// token holds `at` or CPython's decoder would find nothing wrong there.
pub(crate) fn escape_error(
    map: &SourceMap<'_>,
    at: TextSize,
    tokens: &[Token],
) -> Option<SyntaxDiagnostic> {
    let index = tokens.iter().position(|t| {
        matches!(
            t.kind(),
            TokenKind::String | TokenKind::FStringMiddle | TokenKind::TStringMiddle
        ) && t.range().contains_inclusive(at)
    })?;
    let token = &tokens[index];
    let text = &map.text[token.range()];
    let (body, body_start, is_bytes, location) = if token.kind() == TokenKind::String {
        let prefix_len = text.find(['\'', '"'])?;
        let prefix = &text[..prefix_len];
        if prefix.contains(['r', 'R']) {
            return None;
        }
        let rest = &text[prefix_len..];
        let quote_len = if rest.starts_with("'''") || rest.starts_with("\"\"\"") {
            3
        } else {
            1
        };
        let body_end = rest.len().checked_sub(quote_len)?.max(quote_len);
        let body = rest.get(quote_len..body_end)?;
        let body_start = token.start() + TextSize::new((prefix_len + quote_len) as u32);
        (body, body_start, prefix.contains(['b', 'B']), token.range())
    } else {
        (
            text,
            token.start(),
            false,
            closing_token(tokens, index)?.range(),
        )
    };
    let message = if is_bytes {
        let position = first_bytes_error(body.as_bytes())?;
        format!("(value error) invalid \\x escape at position {position}")
    } else {
        let flagged = usize::from(at.checked_sub(body_start)?);
        let (buffer, origins) = cpython_escape_buffer(body);
        let (first, last, reason) = first_unicode_error(&buffer, &origins, flagged)?;
        format!(
            "(unicode error) 'unicodeescape' codec can't decode bytes in position {first}-{last}: {reason}"
        )
    };
    Some(map.at_range(
        SyntaxErrorKind::SyntaxError,
        &message,
        location.start(),
        location.end(),
    ))
}

/// The `FStringEnd`/`TStringEnd` closing the f-string or t-string whose literal part is
/// `tokens[middle]`.
fn closing_token(tokens: &[Token], middle: usize) -> Option<&Token> {
    let mut depth = 0u32;
    for token in &tokens[middle + 1..] {
        match token.kind() {
            TokenKind::FStringStart | TokenKind::TStringStart => depth += 1,
            TokenKind::FStringEnd | TokenKind::TStringEnd if depth == 0 => return Some(token),
            TokenKind::FStringEnd | TokenKind::TStringEnd => depth -= 1,
            _ => {}
        }
    }
    None
}

/// The bytes `_PyUnicode_DecodeUnicodeEscapeInternal` decodes for the literal body `body`
/// (`decode_unicode_with_escapes`): each non-ASCII character becomes `\UXXXXXXXX`, and a
/// backslash followed by one (or ending the body) becomes `\u005c`. Beside each byte, the
/// body offset of the character it comes from.
fn cpython_escape_buffer(body: &str) -> (Vec<u8>, Vec<usize>) {
    let mut buffer = Vec::with_capacity(body.len());
    let mut origins = Vec::with_capacity(body.len());
    let mut chars = body.char_indices().peekable();
    while let Some((offset, c)) = chars.next() {
        if c == '\\' {
            buffer.push(b'\\');
            origins.push(offset);
            match chars.peek() {
                None => {
                    buffer.extend_from_slice(b"u005c");
                    origins.extend([offset; 5]);
                    break;
                }
                Some((_, next)) if !next.is_ascii() => {
                    buffer.extend_from_slice(b"u005c");
                    origins.extend([offset; 5]);
                }
                Some(&(next_offset, next)) => {
                    chars.next();
                    push_char(&mut buffer, &mut origins, next_offset, next);
                }
            }
        } else {
            push_char(&mut buffer, &mut origins, offset, c);
        }
    }
    (buffer, origins)
}

fn push_char(buffer: &mut Vec<u8>, origins: &mut Vec<usize>, offset: usize, c: char) {
    let before = buffer.len();
    if c.is_ascii() {
        buffer.push(c as u8);
    } else {
        buffer.extend_from_slice(format!("\\U{:08x}", u32::from(c)).as_bytes());
    }
    origins.resize(origins.len() + buffer.len() - before, offset);
}

/// The first invalid escape of `buffer`, as CPython's unicode-escape decoder reports it:
/// the first and last byte positions of the offending bytes and the reason. Whether a
/// complete `\N{name}` names a character is ruff's call: it is unknown when ruff flagged
/// body offset `flagged` inside it.
fn first_unicode_error(
    buffer: &[u8],
    origins: &[usize],
    flagged: usize,
) -> Option<(usize, usize, &'static str)> {
    let mut i = 0;
    while i < buffer.len() {
        if buffer[i] != b'\\' {
            i += 1;
            continue;
        }
        let start = i;
        let Some(&kind) = buffer.get(i + 1) else {
            return Some((start, buffer.len() - 1, "\\ at end of string"));
        };
        i += 2;
        let digits = match kind {
            b'x' => Some((2, "truncated \\xXX escape")),
            b'u' => Some((4, "truncated \\uXXXX escape")),
            b'U' => Some((8, "truncated \\UXXXXXXXX escape")),
            _ => None,
        };
        if let Some((count, reason)) = digits {
            let mut value = 0u32;
            for _ in 0..count {
                match buffer.get(i).and_then(|&b| char::from(b).to_digit(16)) {
                    Some(digit) => value = value * 16 + digit,
                    // The error ends before the byte that is not a hex digit.
                    None => return Some((start, i - 1, reason)),
                }
                i += 1;
            }
            if value > 0x10ffff {
                return Some((start, i - 1, "illegal Unicode character"));
            }
            continue;
        }
        if kind != b'N' {
            continue;
        }
        const MALFORMED: &str = "malformed \\N character escape";
        if buffer.get(i) != Some(&b'{') {
            return Some((start, i - 1, MALFORMED));
        }
        let name_start = i + 1;
        let Some(close) = buffer[name_start..].iter().position(|&b| b == b'}') else {
            return Some((start, buffer.len() - 1, MALFORMED));
        };
        if close == 0 {
            // CPython stops at the closing brace without consuming it.
            return Some((start, name_start - 1, MALFORMED));
        }
        i = name_start + close + 1;
        if (origins[start]..=origins[i - 1]).contains(&flagged) {
            return Some((start, i - 1, "unknown Unicode character name"));
        }
    }
    None
}

/// The position of the first invalid `\x` escape of a bytes literal body (the only escape
/// error `_PyBytes_DecodeEscape` raises).
fn first_bytes_error(body: &[u8]) -> Option<usize> {
    let mut i = 0;
    while i < body.len() {
        if body[i] != b'\\' {
            i += 1;
            continue;
        }
        if body.get(i + 1) == Some(&b'x')
            && !body
                .get(i + 2..i + 4)
                .is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit))
        {
            return Some(i);
        }
        i += 2;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::{cpython_escape_buffer, first_bytes_error, first_unicode_error};

    /// The error, with ruff having flagged body offset `flagged`.
    fn error_at(body: &str, flagged: usize) -> Option<(usize, usize, &'static str)> {
        let (buffer, origins) = cpython_escape_buffer(body);
        first_unicode_error(&buffer, &origins, flagged)
    }

    fn error(body: &str) -> Option<(usize, usize, &'static str)> {
        error_at(body, usize::MAX)
    }

    #[test]
    fn positions_count_cpython_decoder_bytes() {
        let malformed = "malformed \\N character escape";
        assert_eq!(error("\\N"), Some((0, 1, malformed)));
        assert_eq!(error("\\Nq{foo}"), Some((0, 1, malformed)));
        assert_eq!(error("\\N{abc"), Some((0, 5, malformed)));
        assert_eq!(error("\\N{abc\u{e9}"), Some((0, 15, malformed)));
        assert_eq!(error("ab\\N{"), Some((2, 4, malformed)));
        assert_eq!(error("\\N{}"), Some((0, 2, malformed)));
        assert_eq!(error("\u{e9}\\N"), Some((10, 11, malformed)));
        assert_eq!(error("\\\u{e9}\\N"), Some((16, 17, malformed)));
        let unknown = "unknown Unicode character name";
        assert_eq!(error_at("\\N{\u{e9}}", 3), Some((0, 13, unknown)));
        assert_eq!(
            error_at("\\N{DIGIT ONE}\\N{foo}", 16),
            Some((13, 19, unknown))
        );
        assert_eq!(error("\\xz\u{e9}"), Some((0, 1, "truncated \\xXX escape")));
        assert_eq!(
            error("\\u12\u{e9}"),
            Some((0, 3, "truncated \\uXXXX escape"))
        );
        assert_eq!(
            error("\\U00110000"),
            Some((0, 9, "illegal Unicode character"))
        );
        assert_eq!(error("\\N{LATIN SMALL LETTER Q}\\'"), None);
    }

    #[test]
    fn bytes_report_bad_hex_escapes() {
        assert_eq!(first_bytes_error(b"ab\\x1"), Some(2));
        assert_eq!(first_bytes_error(b"\\\\x1"), None);
        assert_eq!(first_bytes_error(b"\\x41\\N{x}"), None);
    }
}
