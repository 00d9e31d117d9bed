//! String literals with lone surrogates (`"\ud800"`).
//!
//! Ruff decodes a `\uXXXX`/`\UXXXXXXXX` escape naming a surrogate as U+FFFD, because a Rust
//! `String` cannot hold one. To keep CPython's value, the literal's source is re-scanned:
//! every U+FFFD in ruff's value comes either from an escape naming a surrogate (then the
//! surrogate is put back) or from a genuine U+FFFD (literal character, `\ufffd`,
//! `\N{REPLACEMENT CHARACTER}`). The result is generalized UTF-8 (each surrogate its own
//! three-byte sequence, as the runtime's `text::wtf8` stores it) in a `Const::Wtf8Str`.

use ruff_python_ast::ExprStringLiteral;
use ruff_text_size::Ranged;

/// The generalized UTF-8 value of `literal` when it holds a lone surrogate, else `None`.
pub(crate) fn literal_with_surrogates(
    source: &str,
    literal: &ExprStringLiteral,
) -> Option<Vec<u8>> {
    let value = literal.value.to_str();
    if !has_replacement_char(value) {
        return None;
    }
    // What each U+FFFD of the value stands for, in order: `Some(code)` for a surrogate.
    let mut origins = Vec::new();
    for part in literal.value.iter() {
        let text = source.get(usize::from(part.start())..usize::from(part.end()))?;
        replacement_origins(text, &mut origins)?;
    }
    apply_origins(value, &origins)
}

/// Whether `text` holds U+FFFD. The character is `EF BF BD` in UTF-8: looking for its first
/// byte alone is a `memchr`, where searching for the character runs a substring search.
/// Every string literal asks, and almost none holds a character from U+F000 up.
#[inline]
pub(crate) fn has_replacement_char(text: &str) -> bool {
    text.as_bytes().contains(&0xEF) && text.contains('\u{FFFD}')
}

/// The three-byte generalized UTF-8 form of surrogate `code`.
fn push_surrogate(out: &mut Vec<u8>, code: u32) {
    out.extend_from_slice(&[
        0xE0 | ((code >> 12) & 0x0F) as u8,
        0x80 | ((code >> 6) & 0x3F) as u8,
        0x80 | (code & 0x3F) as u8,
    ]);
}

/// Appends, for each character of the string token `token` (prefix and quotes included)
/// that decodes to U+FFFD, `Some(code)` when it is an escape naming surrogate `code` and
/// `None` otherwise. `None` overall when the token is not understood.
pub(crate) fn replacement_origins(token: &str, origins: &mut Vec<Option<u32>>) -> Option<()> {
    let prefix_len = token.find(['\'', '"'])?;
    let raw = token[..prefix_len].contains(['r', 'R']);
    let rest = &token[prefix_len..];
    let quote_len = if rest.starts_with("'''") || rest.starts_with("\"\"\"") {
        3
    } else {
        1
    };
    let body = rest.get(quote_len..rest.len().checked_sub(quote_len)?)?;
    body_origins(body, raw, origins)
}

/// `replacement_origins` for the body of a literal (or the literal part of an f-string),
/// `raw` when its prefix has an `r`.
pub(crate) fn body_origins(body: &str, raw: bool, origins: &mut Vec<Option<u32>>) -> Option<()> {
    if raw {
        origins.extend(body.matches('\u{FFFD}').map(|_| None));
        return Some(());
    }
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            if c == '\u{FFFD}' {
                origins.push(None);
            }
            continue;
        }
        let Some(kind) = chars.next() else {
            break;
        };
        let digits = match kind {
            'u' => 4,
            'U' => 8,
            'N' => {
                // `\N{name}`: U+FFFD only by its name.
                if chars.peek() == Some(&'{') {
                    let name: String = chars.by_ref().skip(1).take_while(|&c| c != '}').collect();
                    if name.eq_ignore_ascii_case("REPLACEMENT CHARACTER") {
                        origins.push(None);
                    }
                }
                continue;
            }
            '\u{FFFD}' => {
                // An unknown escape keeps its backslash and the character.
                origins.push(None);
                continue;
            }
            _ => continue,
        };
        let mut code = 0u32;
        for _ in 0..digits {
            let digit = chars.next()?.to_digit(16)?;
            code = code * 16 + digit;
        }
        if (0xD800..0xE000).contains(&code) {
            origins.push(Some(code));
        } else if code == 0xFFFD {
            origins.push(None);
        }
    }
    Some(())
}

/// `text` (decoded by ruff) with the U+FFFD characters that `origins` marks as surrogates
/// put back, as generalized UTF-8; `None` when there are none or the counts disagree.
pub(crate) fn apply_origins(text: &str, origins: &[Option<u32>]) -> Option<Vec<u8>> {
    if origins.iter().all(Option::is_none) || origins.len() != text.matches('\u{FFFD}').count() {
        return None;
    }
    let mut out = Vec::with_capacity(text.len());
    let mut next = origins.iter();
    for c in text.chars() {
        match (c, if c == '\u{FFFD}' { next.next() } else { None }) {
            (_, Some(Some(code))) => push_surrogate(&mut out, *code),
            _ => {
                let mut buf = [0u8; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origins(token: &str) -> Option<Vec<Option<u32>>> {
        let mut out = Vec::new();
        replacement_origins(token, &mut out)?;
        Some(out)
    }

    #[test]
    fn replacement_characters_are_traced_to_their_escapes() {
        assert_eq!(origins(r#""\ud800""#), Some(vec![Some(0xD800)]));
        assert_eq!(
            origins(r#"'\uFFFD\U0000dfff\N{replacement character}�'"#),
            Some(vec![None, Some(0xDFFF), None, None])
        );
        assert_eq!(origins(r#"r"\ud800�""#), Some(vec![None]));
        assert_eq!(origins(r#"'''\\ud800'''"#), Some(vec![]));
        assert_eq!(origins(r#"'\ud8'"#), None);
    }

    #[test]
    fn surrogates_are_put_back_unjoined() {
        let text = "a\u{FFFD}\u{FFFD}\u{FFFD}";
        let bytes = apply_origins(text, &[Some(0xD83D), None, Some(0xDE00)]).unwrap();
        assert_eq!(bytes, b"a\xed\xa0\xbd\xef\xbf\xbd\xed\xb8\x80");
        assert_eq!(apply_origins(text, &[None, None, None]), None);
        assert_eq!(apply_origins(text, &[Some(0xD800)]), None);
    }
}
