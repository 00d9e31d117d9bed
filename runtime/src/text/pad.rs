//! `str.center`, `ljust`, `rjust`, `zfill` and `expandtabs`, ported from CPython's
//! `Objects/unicodeobject.c` (`pad`, `unicode_center_impl`, `unicode_zfill_impl`,
//! `unicode_expandtabs_impl`).
//!
//! The padding functions take `impl Into<Indexed>` (a `&str`, or an `Indexed` carrying the
//! runtime's cached length). Widths are Python ints clamped by the caller to `i64`. Results that cannot be
//! allocated are reported as `MemoryError` instead of aborting the process.

use std::borrow::Cow;

use super::index::Indexed;
use super::{TextError, TextResult, string_with_capacity};

/// Builds `fill * left + s + fill * right`.
fn pad(s: &str, left: usize, right: usize, fill: char) -> TextResult<String> {
    let too_long = || TextError::overflow_error("padded string is too long");
    let fill_bytes = left
        .checked_add(right)
        .and_then(|n| n.checked_mul(fill.len_utf8()));
    let size = fill_bytes
        .and_then(|n| n.checked_add(s.len()))
        .ok_or_else(too_long)?;
    let mut out = string_with_capacity(size)?;
    out.extend(std::iter::repeat_n(fill, left));
    out.push_str(s);
    out.extend(std::iter::repeat_n(fill, right));
    Ok(out)
}

/// How many fill characters reach `width`, or `None` when `s` is already that wide.
fn margin(s: Indexed<'_>, width: i64) -> Option<usize> {
    let width = usize::try_from(width).ok()?;
    width.checked_sub(s.char_len()).filter(|&m| m > 0)
}

/// `str.center(width, fillchar)`. An odd margin puts the extra fill on the left exactly
/// when `width` is odd, as CPython does.
pub fn center<'a>(s: impl Into<Indexed<'a>>, width: i64, fill: char) -> TextResult<Cow<'a, str>> {
    let s = s.into();
    let Some(marg) = margin(s, width) else {
        return Ok(Cow::Borrowed(s.text()));
    };
    let left = marg / 2 + (marg & usize::try_from(width).unwrap_or(0) & 1);
    pad(s.text(), left, marg - left, fill).map(Cow::Owned)
}

/// `str.ljust(width, fillchar)`.
pub fn ljust<'a>(s: impl Into<Indexed<'a>>, width: i64, fill: char) -> TextResult<Cow<'a, str>> {
    let s = s.into();
    let Some(marg) = margin(s, width) else {
        return Ok(Cow::Borrowed(s.text()));
    };
    pad(s.text(), 0, marg, fill).map(Cow::Owned)
}

/// `str.rjust(width, fillchar)`.
pub fn rjust<'a>(s: impl Into<Indexed<'a>>, width: i64, fill: char) -> TextResult<Cow<'a, str>> {
    let s = s.into();
    let Some(marg) = margin(s, width) else {
        return Ok(Cow::Borrowed(s.text()));
    };
    pad(s.text(), marg, 0, fill).map(Cow::Owned)
}

/// `str.zfill(width)`: pads with '0' on the left, after a leading '+' or '-'.
pub fn zfill<'a>(s: impl Into<Indexed<'a>>, width: i64) -> TextResult<Cow<'a, str>> {
    let s = s.into();
    let Some(marg) = margin(s, width) else {
        return Ok(Cow::Borrowed(s.text()));
    };
    let s = s.text();
    let (sign, digits) = match s.as_bytes().first() {
        Some(b'+' | b'-') => s.split_at(1),
        _ => ("", s),
    };
    let mut out = pad(digits, marg, 0, '0')?;
    out.insert_str(0, sign);
    Ok(Cow::Owned(out))
}

/// `str.expandtabs(tabsize)`: each tab becomes spaces up to the next multiple of
/// `tabsize` columns; `\n` and `\r` reset the column. A non-positive `tabsize` deletes
/// tabs.
pub fn expandtabs(s: &str, tabsize: i64) -> TextResult<Cow<'_, str>> {
    if !s.contains('\t') {
        return Ok(Cow::Borrowed(s));
    }
    let too_long = || TextError::overflow_error("new string is too long");
    let tabsize = usize::try_from(tabsize).unwrap_or(0);
    // First pass: the exact size, so that a huge tabsize fails cleanly up front.
    let mut size: usize = 0;
    let mut column: usize = 0;
    for c in s.chars() {
        if c == '\t' {
            if tabsize > 0 {
                let spaces = tabsize - column % tabsize;
                column = column.checked_add(spaces).ok_or_else(too_long)?;
                size = size.checked_add(spaces).ok_or_else(too_long)?;
            }
        } else {
            column = if matches!(c, '\n' | '\r') {
                0
            } else {
                column.saturating_add(1)
            };
            size = size.checked_add(c.len_utf8()).ok_or_else(too_long)?;
        }
    }
    let mut out = string_with_capacity(size)?;
    column = 0;
    for c in s.chars() {
        if c == '\t' {
            if tabsize > 0 {
                let spaces = tabsize - column % tabsize;
                column += spaces;
                out.extend(std::iter::repeat_n(' ', spaces));
            }
        } else {
            column = if matches!(c, '\n' | '\r') {
                0
            } else {
                column + 1
            };
            out.push(c);
        }
    }
    Ok(Cow::Owned(out))
}
