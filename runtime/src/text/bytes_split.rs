//! `bytes`/`bytearray` splitting, stripping and padding with ASCII semantics, ported from
//! CPython's `Objects/stringlib/split.h`, `partition.h`, `transmogrify.h`
//! (`stringlib_expandtabs`, `pad`, `stringlib_zfill`) and `Objects/bytesobject.c`
//! (`do_xstrip`).
//!
//! Whitespace is `Py_ISSPACE` (`b' \t\n\r\x0b\x0c'`), and only `\n`, `\r` and `\r\n` end
//! lines.

use std::borrow::Cow;

use memchr::memmem;

use super::bytes::is_space;
use super::{TextError, TextResult, vec_with_capacity};

fn split_limit(maxsplit: i64) -> usize {
    usize::try_from(maxsplit).unwrap_or(usize::MAX)
}

fn trim_start(s: &[u8], strip: impl Fn(u8) -> bool) -> &[u8] {
    let start = s.iter().position(|&b| !strip(b)).unwrap_or(s.len());
    s.get(start..).unwrap_or(&[])
}

fn trim_end(s: &[u8], strip: impl Fn(u8) -> bool) -> &[u8] {
    let end = s.iter().rposition(|&b| !strip(b)).map_or(0, |i| i + 1);
    s.get(..end).unwrap_or(&[])
}

/// `bytes.split(sep, maxsplit)`; `sep = None` splits on runs of ASCII whitespace.
pub fn split<'a>(s: &'a [u8], sep: Option<&[u8]>, maxsplit: i64) -> TextResult<Vec<&'a [u8]>> {
    let mut left = split_limit(maxsplit);
    let mut parts = Vec::new();
    let mut rest = s;
    let Some(sep) = sep else {
        loop {
            rest = trim_start(rest, is_space);
            if rest.is_empty() {
                break;
            }
            if left == 0 {
                parts.push(rest);
                break;
            }
            let end = rest.iter().position(|&b| is_space(b)).unwrap_or(rest.len());
            let (word, tail) = rest.split_at(end);
            parts.push(word);
            rest = tail;
            left -= 1;
        }
        return Ok(parts);
    };
    if sep.is_empty() {
        return Err(TextError::empty_separator());
    }
    while left > 0 {
        let Some(at) = memmem::find(rest, sep) else {
            break;
        };
        parts.push(rest.get(..at).unwrap_or(&[]));
        rest = rest.get(at + sep.len()..).unwrap_or(&[]);
        left -= 1;
    }
    parts.push(rest);
    Ok(parts)
}

/// `bytes.rsplit(sep, maxsplit)`: the limit counts from the right.
pub fn rsplit<'a>(s: &'a [u8], sep: Option<&[u8]>, maxsplit: i64) -> TextResult<Vec<&'a [u8]>> {
    let mut left = split_limit(maxsplit);
    let mut parts = Vec::new();
    let mut rest = s;
    match sep {
        None => loop {
            rest = trim_end(rest, is_space);
            if rest.is_empty() {
                break;
            }
            if left == 0 {
                parts.push(rest);
                break;
            }
            let start = rest.iter().rposition(|&b| is_space(b)).map_or(0, |i| i + 1);
            let (head, word) = rest.split_at(start);
            parts.push(word);
            rest = head;
            left -= 1;
        },
        Some([]) => return Err(TextError::empty_separator()),
        Some(sep) => {
            while left > 0 {
                let Some(at) = memmem::rfind(rest, sep) else {
                    break;
                };
                parts.push(rest.get(at + sep.len()..).unwrap_or(&[]));
                rest = rest.get(..at).unwrap_or(&[]);
                left -= 1;
            }
            parts.push(rest);
        }
    }
    parts.reverse();
    Ok(parts)
}

/// `bytes.splitlines(keepends)`: lines end at `\n`, `\r` or `\r\n`.
pub fn splitlines(s: &[u8], keepends: bool) -> Vec<&[u8]> {
    let mut lines = Vec::new();
    let mut rest = s;
    while !rest.is_empty() {
        let Some(at) = rest.iter().position(|&b| b == b'\n' || b == b'\r') else {
            lines.push(rest);
            break;
        };
        let break_len = if rest.get(at..at + 2) == Some(b"\r\n") {
            2
        } else {
            1
        };
        lines.push(
            rest.get(..if keepends { at + break_len } else { at })
                .unwrap_or(&[]),
        );
        rest = rest.get(at + break_len..).unwrap_or(&[]);
    }
    lines
}

type Parts<'a> = (&'a [u8], &'a [u8], &'a [u8]);

/// `bytes.partition(sep)`.
pub fn partition<'a>(s: &'a [u8], sep: &'a [u8]) -> TextResult<Parts<'a>> {
    if sep.is_empty() {
        return Err(TextError::empty_separator());
    }
    Ok(match memmem::find(s, sep) {
        Some(at) => (
            s.get(..at).unwrap_or(&[]),
            sep,
            s.get(at + sep.len()..).unwrap_or(&[]),
        ),
        None => (s, &[], &[]),
    })
}

/// `bytes.rpartition(sep)`.
pub fn rpartition<'a>(s: &'a [u8], sep: &'a [u8]) -> TextResult<Parts<'a>> {
    if sep.is_empty() {
        return Err(TextError::empty_separator());
    }
    Ok(match memmem::rfind(s, sep) {
        Some(at) => (
            s.get(..at).unwrap_or(&[]),
            sep,
            s.get(at + sep.len()..).unwrap_or(&[]),
        ),
        None => (&[], &[], s),
    })
}

fn strip_pred(chars: Option<&[u8]>) -> impl Fn(u8) -> bool + '_ {
    move |b| match chars {
        None => is_space(b),
        Some(set) => set.contains(&b),
    }
}

/// `bytes.strip(chars)`; `None` strips ASCII whitespace.
pub fn strip<'a>(s: &'a [u8], chars: Option<&[u8]>) -> &'a [u8] {
    trim_end(trim_start(s, strip_pred(chars)), strip_pred(chars))
}

/// `bytes.lstrip(chars)`.
pub fn lstrip<'a>(s: &'a [u8], chars: Option<&[u8]>) -> &'a [u8] {
    trim_start(s, strip_pred(chars))
}

/// `bytes.rstrip(chars)`.
pub fn rstrip<'a>(s: &'a [u8], chars: Option<&[u8]>) -> &'a [u8] {
    trim_end(s, strip_pred(chars))
}

/// `bytes.removeprefix(prefix)`.
pub fn removeprefix<'a>(s: &'a [u8], prefix: &[u8]) -> &'a [u8] {
    s.strip_prefix(prefix).unwrap_or(s)
}

/// `bytes.removesuffix(suffix)`.
pub fn removesuffix<'a>(s: &'a [u8], suffix: &[u8]) -> &'a [u8] {
    s.strip_suffix(suffix).unwrap_or(s)
}

fn pad(s: &[u8], left: usize, right: usize, fill: u8) -> TextResult<Vec<u8>> {
    let size = left
        .checked_add(right)
        .and_then(|n| n.checked_add(s.len()))
        .ok_or_else(|| TextError::overflow_error("padded string is too long"))?;
    let mut out = vec_with_capacity(size)?;
    out.resize(left, fill);
    out.extend_from_slice(s);
    out.resize(size, fill);
    Ok(out)
}

fn margin(s: &[u8], width: i64) -> Option<usize> {
    usize::try_from(width)
        .ok()?
        .checked_sub(s.len())
        .filter(|&m| m > 0)
}

/// `bytes.center(width, fillbyte)`.
pub fn center(s: &[u8], width: i64, fill: u8) -> TextResult<Cow<'_, [u8]>> {
    let Some(marg) = margin(s, width) else {
        return Ok(Cow::Borrowed(s));
    };
    let left = marg / 2 + (marg & usize::try_from(width).unwrap_or(0) & 1);
    pad(s, left, marg - left, fill).map(Cow::Owned)
}

/// `bytes.ljust(width, fillbyte)`.
pub fn ljust(s: &[u8], width: i64, fill: u8) -> TextResult<Cow<'_, [u8]>> {
    let Some(marg) = margin(s, width) else {
        return Ok(Cow::Borrowed(s));
    };
    pad(s, 0, marg, fill).map(Cow::Owned)
}

/// `bytes.rjust(width, fillbyte)`.
pub fn rjust(s: &[u8], width: i64, fill: u8) -> TextResult<Cow<'_, [u8]>> {
    let Some(marg) = margin(s, width) else {
        return Ok(Cow::Borrowed(s));
    };
    pad(s, marg, 0, fill).map(Cow::Owned)
}

/// `bytes.zfill(width)`: '0' padding after a leading `+` or `-`.
pub fn zfill(s: &[u8], width: i64) -> TextResult<Cow<'_, [u8]>> {
    let Some(marg) = margin(s, width) else {
        return Ok(Cow::Borrowed(s));
    };
    let mut out = pad(s, marg, 0, b'0')?;
    if let Some(&sign @ (b'+' | b'-')) = out.get(marg) {
        out[0] = sign;
        out[marg] = b'0';
    }
    Ok(Cow::Owned(out))
}

/// `bytes.expandtabs(tabsize)`: the column resets at `\n` and `\r`; a non-positive
/// `tabsize` deletes tabs.
pub fn expandtabs(s: &[u8], tabsize: i64) -> TextResult<Cow<'_, [u8]>> {
    if !s.contains(&b'\t') {
        return Ok(Cow::Borrowed(s));
    }
    let too_long = || TextError::overflow_error("result too long");
    let tabsize = usize::try_from(tabsize).unwrap_or(0);
    let mut size: usize = 0;
    let mut column: usize = 0;
    for &b in s {
        if b == b'\t' {
            if tabsize > 0 {
                let spaces = tabsize - column % tabsize;
                column = column.checked_add(spaces).ok_or_else(too_long)?;
                size = size.checked_add(spaces).ok_or_else(too_long)?;
            }
        } else {
            column = if b == b'\n' || b == b'\r' {
                0
            } else {
                column.saturating_add(1)
            };
            size = size.checked_add(1).ok_or_else(too_long)?;
        }
    }
    let mut out = vec_with_capacity(size)?;
    column = 0;
    for &b in s {
        if b == b'\t' {
            if tabsize > 0 {
                let spaces = tabsize - column % tabsize;
                column += spaces;
                out.resize(out.len() + spaces, b' ');
            }
        } else {
            column = if b == b'\n' || b == b'\r' {
                0
            } else {
                column + 1
            };
            out.push(b);
        }
    }
    Ok(Cow::Owned(out))
}
