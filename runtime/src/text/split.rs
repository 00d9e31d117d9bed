//! `str.split`, `rsplit`, `splitlines`, `partition` and `rpartition`, ported from
//! CPython's `Objects/stringlib/split.h` (`split_whitespace`, `split`,
//! `rsplit_whitespace`, `rsplit`, `splitlines`) and `partition.h`.
//!
//! The pieces borrow from the input, so the caller decides how to box them.

use super::unicode;
use super::{TextError, TextResult};

/// Python's `maxsplit`: negative means "no limit".
fn split_limit(maxsplit: i64) -> usize {
    usize::try_from(maxsplit).unwrap_or(usize::MAX)
}

/// `str.split(sep, maxsplit)`. `sep = None` splits on runs of whitespace and drops empty
/// pieces; an empty `sep` is a `ValueError`.
pub fn split<'a>(s: &'a str, sep: Option<&str>, maxsplit: i64) -> TextResult<Vec<&'a str>> {
    let mut left = split_limit(maxsplit);
    let Some(sep) = sep else {
        return Ok(split_whitespace(s, left));
    };
    if sep.is_empty() {
        return Err(TextError::empty_separator());
    }
    let mut parts = Vec::new();
    let mut rest = s;
    while left > 0 {
        let Some(at) = rest.find(sep) else { break };
        parts.push(rest.get(..at).unwrap_or(""));
        rest = rest.get(at + sep.len()..).unwrap_or("");
        left -= 1;
    }
    parts.push(rest);
    Ok(parts)
}

fn split_whitespace(s: &str, mut left: usize) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut rest = s;
    loop {
        rest = rest.trim_start_matches(unicode::is_space);
        if rest.is_empty() {
            break;
        }
        if left == 0 {
            // The limit was reached: the remainder (leading whitespace dropped) is the
            // last piece, trailing whitespace and all.
            parts.push(rest);
            break;
        }
        let end = rest.find(unicode::is_space).unwrap_or(rest.len());
        parts.push(rest.get(..end).unwrap_or(""));
        rest = rest.get(end..).unwrap_or("");
        left -= 1;
    }
    parts
}

/// `str.rsplit(sep, maxsplit)`: like `split` but the limit counts from the right.
pub fn rsplit<'a>(s: &'a str, sep: Option<&str>, maxsplit: i64) -> TextResult<Vec<&'a str>> {
    let mut left = split_limit(maxsplit);
    let Some(sep) = sep else {
        return Ok(rsplit_whitespace(s, left));
    };
    if sep.is_empty() {
        return Err(TextError::empty_separator());
    }
    let mut parts = Vec::new();
    let mut rest = s;
    while left > 0 {
        let Some(at) = rest.rfind(sep) else { break };
        parts.push(rest.get(at + sep.len()..).unwrap_or(""));
        rest = rest.get(..at).unwrap_or("");
        left -= 1;
    }
    parts.push(rest);
    parts.reverse();
    Ok(parts)
}

fn rsplit_whitespace(s: &str, mut left: usize) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut rest = s;
    loop {
        rest = rest.trim_end_matches(unicode::is_space);
        if rest.is_empty() {
            break;
        }
        if left == 0 {
            parts.push(rest);
            break;
        }
        let start = rest.rfind(unicode::is_space).map_or(0, |at| {
            at + rest
                .get(at..)
                .and_then(|t| t.chars().next())
                .map_or(1, char::len_utf8)
        });
        parts.push(rest.get(start..).unwrap_or(""));
        rest = rest.get(..start).unwrap_or("");
        left -= 1;
    }
    parts.reverse();
    parts
}

/// `str.splitlines(keepends)`: splits at Python's line boundaries (`\n`, `\r`, `\r\n`,
/// `\v`, `\f`, `\x1c`-`\x1e`, `\x85`, U+2028, U+2029). A final line break does not start
/// an empty last line.
pub fn splitlines(s: &str, keepends: bool) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut rest = s;
    while !rest.is_empty() {
        let Some(at) = rest.find(unicode::is_linebreak) else {
            lines.push(rest);
            break;
        };
        let break_len = if rest.get(at..).is_some_and(|t| t.starts_with("\r\n")) {
            2
        } else {
            rest.get(at..)
                .and_then(|t| t.chars().next())
                .map_or(1, char::len_utf8)
        };
        let line_end = if keepends { at + break_len } else { at };
        lines.push(rest.get(..line_end).unwrap_or(""));
        rest = rest.get(at + break_len..).unwrap_or("");
    }
    lines
}

/// `str.partition(sep)`: `(before, sep, after)` at the first occurrence, or `(s, "", "")`.
pub fn partition<'a>(s: &'a str, sep: &'a str) -> TextResult<(&'a str, &'a str, &'a str)> {
    if sep.is_empty() {
        return Err(TextError::empty_separator());
    }
    Ok(match s.find(sep) {
        Some(at) => (
            s.get(..at).unwrap_or(""),
            sep,
            s.get(at + sep.len()..).unwrap_or(""),
        ),
        None => (s, "", ""),
    })
}

/// `str.rpartition(sep)`: `(before, sep, after)` at the last occurrence, or `("", "", s)`.
pub fn rpartition<'a>(s: &'a str, sep: &'a str) -> TextResult<(&'a str, &'a str, &'a str)> {
    if sep.is_empty() {
        return Err(TextError::empty_separator());
    }
    Ok(match s.rfind(sep) {
        Some(at) => (
            s.get(..at).unwrap_or(""),
            sep,
            s.get(at + sep.len()..).unwrap_or(""),
        ),
        None => ("", "", s),
    })
}
