//! Python's `repr()` of `str` and `bytes` values, shared by every listing and message that
//! shows a constant: the IR text form, the disassembler and compile-time error texts
//! (`mapping pattern checks duplicate key ('a')`).
//!
//! Ported from the behaviour of CPython's `unicode_repr` and `bytes_repr`
//! (Objects/unicodeobject.c, Objects/bytesobject.c): single quotes unless the text holds a
//! single quote and no double quote; `\\`, `\t`, `\n`, `\r` and the quote escaped;
//! non-printable characters as `\xNN`, `\uNNNN` or `\UNNNNNNNN`. Deliberate difference:
//! "printable" is approximated by fixed code-point ranges (controls, separators, format
//! characters, surrogates, private use, non-characters) rather than the Unicode database.

use std::fmt::Write;

/// Whether `repr()` shows `c` as itself (CPython's `Py_UNICODE_ISPRINTABLE`, approximated).
pub fn is_printable(c: char) -> bool {
    let code = c as u32;
    !matches!(code,
        0x00..=0x1f | 0x7f..=0xa0 | 0xad | 0x1680 | 0x180e | 0x2000..=0x200f | 0x2028..=0x202f
        | 0x205f..=0x206f | 0x3000 | 0xd800..=0xf8ff | 0xfeff | 0xfff9..=0xfffb | 0xfffe | 0xffff
        | 0xe0000..=0xe0fff | 0xf0000..=0x10ffff)
}

/// `repr(text)`.
pub fn repr_str(text: &str) -> String {
    repr_codes(text.as_bytes(), text.chars().map(u32::from))
}

/// `repr(text)` for a str holding lone surrogates, given as generalized UTF-8 (each code
/// point, surrogates included, encoded on its own): a surrogate shows as `\uXXXX`.
pub fn repr_wtf8(bytes: &[u8]) -> String {
    let mut at = 0;
    let codes = std::iter::from_fn(|| {
        let &b0 = bytes.get(at)?;
        let (len, init) = match b0 {
            0..=0x7F => (1, u32::from(b0)),
            0xC0..=0xDF => (2, u32::from(b0 & 0x1F)),
            0xE0..=0xEF => (3, u32::from(b0 & 0x0F)),
            _ => (4, u32::from(b0 & 0x07)),
        };
        let tail = bytes.get(at + 1..at + len).unwrap_or(&[]);
        at += len;
        Some(
            tail.iter()
                .fold(init, |code, &b| (code << 6) | u32::from(b & 0x3F)),
        )
    });
    repr_codes(bytes, codes)
}

/// The repr of the code points `codes`, whose (generalized) UTF-8 form is `bytes`.
fn repr_codes(bytes: &[u8], codes: impl Iterator<Item = u32>) -> String {
    let quote = if bytes.contains(&b'\'') && !bytes.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(bytes.len() + 2);
    out.push(quote);
    for code in codes {
        let Some(c) = char::from_u32(code) else {
            let _ = write!(out, "\\u{code:04x}");
            continue;
        };
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if is_printable(c) => out.push(c),
            _ => {
                let _ = if code <= 0xff {
                    write!(out, "\\x{code:02x}")
                } else if code <= 0xffff {
                    write!(out, "\\u{code:04x}")
                } else {
                    write!(out, "\\U{code:08x}")
                };
            }
        }
    }
    out.push(quote);
    out
}

/// `repr(bytes)`.
pub fn repr_bytes(bytes: &[u8]) -> String {
    let quote = if bytes.contains(&b'\'') && !bytes.contains(&b'"') {
        b'"'
    } else {
        b'\''
    };
    let mut out = String::with_capacity(bytes.len() + 3);
    out.push('b');
    out.push(quote as char);
    for &byte in bytes {
        match byte {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b if b == quote => {
                out.push('\\');
                out.push(b as char);
            }
            0x20..=0x7e => out.push(byte as char),
            _ => {
                let _ = write!(out, "\\x{byte:02x}");
            }
        }
    }
    out.push(quote as char);
    out
}

#[cfg(test)]
mod tests {
    use super::{repr_bytes, repr_str};

    #[test]
    fn matches_cpython_repr() {
        assert_eq!(repr_str("a'b"), "\"a'b\"");
        assert_eq!(repr_str("a'\"b"), "'a\\'\"b'");
        assert_eq!(
            repr_str("é\u{0}\u{ad}\u{2028}\u{10ffff}\t"),
            "'é\\x00\\xad\\u2028\\U0010ffff\\t'"
        );
        assert_eq!(repr_bytes(b"a'\x00\xff"), "b\"a'\\x00\\xff\"");
        assert_eq!(repr_bytes(b"\\\n"), "b'\\\\\\n'");
    }
}
