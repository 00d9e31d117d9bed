//! `str.find`, `rfind`, `index`, `rindex`, `count`, `startswith`, `endswith` and
//! `replace` with Python's index semantics (character indices, slice clamping), ported
//! from CPython's `Objects/unicodeobject.c` (`any_find_slice`, `unicode_count_impl`,
//! `tailmatch`, `replace`).
//!
//! Every function takes `impl Into<Indexed>`: a plain `&str`, or an `Indexed` built
//! from the runtime's cached length so that ASCII strings skip index conversion.
//! The searching itself is Rust's substring search on UTF-8 bytes, which is exact because
//! UTF-8 is self-synchronising; only the returned indices need converting to characters.

use super::index::{Indexed, Window, window};
use super::{TextError, TextResult, string_with_capacity};

/// `str.find(sub, start, end)`; `None` stands for Python's -1.
pub fn find<'a>(
    s: impl Into<Indexed<'a>>,
    sub: &str,
    start: Option<i64>,
    end: Option<i64>,
) -> Option<usize> {
    let w = window(s, start, end)?;
    w.text.find(sub).map(|at| w.char_index(at))
}

/// `str.rfind(sub, start, end)`; `None` stands for Python's -1.
pub fn rfind<'a>(
    s: impl Into<Indexed<'a>>,
    sub: &str,
    start: Option<i64>,
    end: Option<i64>,
) -> Option<usize> {
    let w = window(s, start, end)?;
    w.text.rfind(sub).map(|at| w.char_index(at))
}

fn not_found() -> TextError {
    TextError::value_error("substring not found")
}

/// `str.index(sub, start, end)`.
pub fn index<'a>(
    s: impl Into<Indexed<'a>>,
    sub: &str,
    start: Option<i64>,
    end: Option<i64>,
) -> TextResult<usize> {
    find(s, sub, start, end).ok_or_else(not_found)
}

/// `str.rindex(sub, start, end)`.
pub fn rindex<'a>(
    s: impl Into<Indexed<'a>>,
    sub: &str,
    start: Option<i64>,
    end: Option<i64>,
) -> TextResult<usize> {
    rfind(s, sub, start, end).ok_or_else(not_found)
}

/// `str.count(sub, start, end)`: non-overlapping occurrences, left to right. The empty
/// string occurs once per gap between characters, ends included.
pub fn count<'a>(
    s: impl Into<Indexed<'a>>,
    sub: &str,
    start: Option<i64>,
    end: Option<i64>,
) -> usize {
    let Some(w) = window(s, start, end) else {
        return 0;
    };
    if sub.is_empty() {
        return w.char_len() + 1;
    }
    w.text.matches(sub).count()
}

/// `str.startswith(prefix, start, end)` for one prefix; the caller loops over a tuple.
pub fn startswith<'a>(
    s: impl Into<Indexed<'a>>,
    prefix: &str,
    start: Option<i64>,
    end: Option<i64>,
) -> bool {
    window(s, start, end).is_some_and(|w: Window<'_>| w.text.starts_with(prefix))
}

/// `str.endswith(suffix, start, end)` for one suffix; the caller loops over a tuple.
pub fn endswith<'a>(
    s: impl Into<Indexed<'a>>,
    suffix: &str,
    start: Option<i64>,
    end: Option<i64>,
) -> bool {
    window(s, start, end).is_some_and(|w: Window<'_>| w.text.ends_with(suffix))
}

/// `str.replace(old, new, count)`; a negative `count` replaces every occurrence. An empty
/// `old` inserts `new` before every character and at the end ('ab' → '-a-b-').
pub fn replace<'a>(
    s: impl Into<Indexed<'a>>,
    old: &str,
    new: &str,
    count: i64,
) -> TextResult<String> {
    let indexed = s.into();
    let s = indexed.text();
    let limit = usize::try_from(count).unwrap_or(usize::MAX);
    let occurrences = if old.is_empty() {
        indexed.char_len().saturating_add(1).min(limit)
    } else {
        s.matches(old).take(limit).count()
    };
    if occurrences == 0 {
        return Ok(s.to_owned());
    }
    let too_long = || TextError::overflow_error("replace string is too long");
    let grown = occurrences.checked_mul(new.len()).ok_or_else(too_long)?;
    let size = (s.len() - occurrences * old.len())
        .checked_add(grown)
        .ok_or_else(too_long)?;
    let mut out = string_with_capacity(size)?;
    if old.is_empty() {
        let mut chars = s.chars();
        for _ in 0..occurrences {
            out.push_str(new);
            if let Some(c) = chars.next() {
                out.push(c);
            }
        }
        out.push_str(chars.as_str());
    } else {
        let mut last = 0;
        for (at, _) in s.match_indices(old).take(occurrences) {
            out.push_str(s.get(last..at).unwrap_or(""));
            out.push_str(new);
            last = at + old.len();
        }
        out.push_str(s.get(last..).unwrap_or(""));
    }
    Ok(out)
}
