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
    let quote = if text.contains('\'') && !text.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(text.len() + 2);
    out.push(quote);
    for c in text.chars() {
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
            c => {
                let code = c as u32;
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
