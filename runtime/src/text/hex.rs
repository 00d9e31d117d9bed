//! `bytes.hex(sep, bytes_per_sep)` and `bytes.fromhex(string)`, ported from CPython's
//! `Python/pystrhex.c` (`_Py_strhex_impl`) and `Objects/bytesobject.c`
//! (`_PyBytes_FromHex`). The same functions serve `bytearray` and `memoryview`.

use super::{TextError, TextResult, string_with_capacity, vec_with_capacity};

/// The `sep` argument of `hex()`, which may be a str or a bytes object.
#[derive(Debug, Clone, Copy)]
pub enum HexSep<'a> {
    /// A `str` separator.
    Str(&'a str),
    /// A `bytes` (or bytes-like) separator.
    Bytes(&'a [u8]),
}

fn separator_byte(sep: HexSep<'_>) -> TextResult<u8> {
    let (len, first) = match sep {
        HexSep::Str(s) => {
            let mut chars = s.chars();
            let first = chars.next();
            (
                usize::from(first.is_some()) + chars.count(),
                first.map_or(0, u32::from),
            )
        }
        HexSep::Bytes(b) => (b.len(), b.first().map_or(0, |&b| u32::from(b))),
    };
    if len != 1 {
        return Err(TextError::value_error("sep must be length 1."));
    }
    u8::try_from(first)
        .ok()
        .filter(u8::is_ascii)
        .ok_or_else(|| TextError::value_error("sep must be ASCII."))
}

const HEX_DIGITS: &[u8; 16] = b"0123456789abcdef";

/// `bytes.hex(sep, bytes_per_sep)`: lowercase hex digits, with `sep` between groups of
/// `bytes_per_sep` bytes counted from the right (from the left when negative). CPython
/// reads `bytes_per_sep` as a C `int`; the caller raises `OverflowError` outside that range.
pub fn hex(data: &[u8], sep: Option<HexSep<'_>>, bytes_per_sep: i64) -> TextResult<String> {
    let sep = sep.map(separator_byte).transpose()?;
    let group = usize::try_from(bytes_per_sep.unsigned_abs()).unwrap_or(usize::MAX);
    let sep = sep.filter(|_| group != 0 && !data.is_empty());
    let separators = match sep {
        Some(_) => (data.len() - 1) / group,
        None => 0,
    };
    let size = data
        .len()
        .checked_mul(2)
        .and_then(|n| n.checked_add(separators))
        .ok_or_else(TextError::memory_error)?;
    let mut out = string_with_capacity(size)?;
    // Positive groups count from the right, so the first group holds the remainder.
    let first_group = if bytes_per_sep > 0 {
        data.len() - separators * group
    } else {
        group
    };
    for (i, &b) in data.iter().enumerate() {
        if let Some(sep) = sep
            && i > 0
            && i >= first_group
            && (i - first_group) % group == 0
        {
            out.push(char::from(sep));
        }
        out.push(char::from(HEX_DIGITS[usize::from(b >> 4)]));
        out.push(char::from(HEX_DIGITS[usize::from(b & 15)]));
    }
    Ok(out)
}

fn non_hex(position: usize) -> TextError {
    TextError::value_error(format!(
        "non-hexadecimal number found in fromhex() arg at position {position}"
    ))
}

/// `bytes.fromhex(string)` for a `str` argument. A non-ASCII string is rejected at its
/// first non-ASCII character, before anything else is looked at, as CPython does.
pub fn fromhex_str(s: &str) -> TextResult<Vec<u8>> {
    if let Some(position) = s.chars().position(|c| !c.is_ascii()) {
        return Err(non_hex(position));
    }
    fromhex_bytes(s.as_bytes())
}

/// `bytes.fromhex(data)` for a bytes-like argument (accepted since Python 3.14): pairs of
/// hex digits, with ASCII whitespace allowed between pairs.
///
/// 3.14: an odd number of digits reports "fromhex() arg must contain an even number of
/// hexadecimal digits"; 3.13 and earlier reported a position past the end.
pub fn fromhex_bytes(s: &[u8]) -> TextResult<Vec<u8>> {
    let mut out = vec_with_capacity(s.len() / 2)?;
    let mut i = 0;
    while i < s.len() {
        let Some(&top) = s.get(i) else { break };
        if super::bytes::is_space(top) {
            i += 1;
            continue;
        }
        let top = char::from(top).to_digit(16).ok_or_else(|| non_hex(i))?;
        let Some(&bottom) = s.get(i + 1) else {
            return Err(TextError::value_error(
                "fromhex() arg must contain an even number of hexadecimal digits",
            ));
        };
        let bottom = char::from(bottom)
            .to_digit(16)
            .ok_or_else(|| non_hex(i + 1))?;
        out.push(u8::try_from(top * 16 + bottom).unwrap_or(0));
        i += 2;
    }
    Ok(out)
}
