//! The `bytes`/`bytearray` methods with ASCII semantics: predicates, case conversion and
//! searching, ported from CPython's `Objects/bytes_methods.c` (`_Py_bytes_isalpha`,
//! `_Py_bytes_istitle`, `_Py_bytes_title`, ...) and `Objects/bytesobject.c`
//! (`bytes_find_internal`, `bytes_count`, `tailmatch`, `replace`).
//!
//! Indices are byte indices. Splitting, stripping and padding live in `bytes_split`,
//! `hex()`/`fromhex()` in `hex`.

use memchr::memmem;

use super::index::adjust_indices;
use super::{TextError, TextResult, vec_with_capacity};

/// `Py_ISSPACE`: the ASCII whitespace bytes `b' \t\n\r\x0b\x0c'` (not `\x1c`-`\x1f`).
pub fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c')
}

fn all_nonempty(s: &[u8], pred: impl Fn(&u8) -> bool) -> bool {
    !s.is_empty() && s.iter().all(pred)
}

/// `bytes.isalpha()`.
pub fn isalpha(s: &[u8]) -> bool {
    all_nonempty(s, u8::is_ascii_alphabetic)
}

/// `bytes.isalnum()`.
pub fn isalnum(s: &[u8]) -> bool {
    all_nonempty(s, u8::is_ascii_alphanumeric)
}

/// `bytes.isdigit()`.
pub fn isdigit(s: &[u8]) -> bool {
    all_nonempty(s, u8::is_ascii_digit)
}

/// `bytes.isspace()`.
pub fn isspace(s: &[u8]) -> bool {
    all_nonempty(s, |&b| is_space(b))
}

/// `bytes.isascii()`; true for `b''`.
pub fn isascii(s: &[u8]) -> bool {
    s.is_ascii()
}

/// `bytes.islower()`: some lowercase letter and no uppercase one.
pub fn islower(s: &[u8]) -> bool {
    !s.iter().any(u8::is_ascii_uppercase) && s.iter().any(u8::is_ascii_lowercase)
}

/// `bytes.isupper()`: some uppercase letter and no lowercase one.
pub fn isupper(s: &[u8]) -> bool {
    !s.iter().any(u8::is_ascii_lowercase) && s.iter().any(u8::is_ascii_uppercase)
}

/// `bytes.istitle()`: uppercase letters only after non-letters, lowercase ones only after
/// letters, and at least one letter.
pub fn istitle(s: &[u8]) -> bool {
    let mut cased = false;
    let mut previous_is_cased = false;
    for b in s {
        if b.is_ascii_uppercase() {
            if previous_is_cased {
                return false;
            }
            previous_is_cased = true;
            cased = true;
        } else if b.is_ascii_lowercase() {
            if !previous_is_cased {
                return false;
            }
            previous_is_cased = true;
            cased = true;
        } else {
            previous_is_cased = false;
        }
    }
    cased
}

/// `bytes.lower()`.
pub fn lower(s: &[u8]) -> Vec<u8> {
    s.to_ascii_lowercase()
}

/// `bytes.upper()`.
pub fn upper(s: &[u8]) -> Vec<u8> {
    s.to_ascii_uppercase()
}

/// `bytes.swapcase()`.
pub fn swapcase(s: &[u8]) -> Vec<u8> {
    s.iter()
        .map(|&b| {
            if b.is_ascii_uppercase() {
                b.to_ascii_lowercase()
            } else {
                b.to_ascii_uppercase()
            }
        })
        .collect()
}

/// `bytes.capitalize()`: first byte uppercased, the rest lowercased.
pub fn capitalize(s: &[u8]) -> Vec<u8> {
    s.iter()
        .enumerate()
        .map(|(i, &b)| {
            if i == 0 {
                b.to_ascii_uppercase()
            } else {
                b.to_ascii_lowercase()
            }
        })
        .collect()
}

/// `bytes.title()`: a letter following a letter is lowercased, any other uppercased.
pub fn title(s: &[u8]) -> Vec<u8> {
    let mut previous_is_cased = false;
    s.iter()
        .map(|&b| {
            let mapped = if previous_is_cased {
                b.to_ascii_lowercase()
            } else {
                b.to_ascii_uppercase()
            };
            previous_is_cased = b.is_ascii_alphabetic();
            mapped
        })
        .collect()
}

/// `s[start:end]` with Python's clamping, plus the offset of its first byte; `None` when
/// `start > end` after clamping, where every search reports "not found".
fn window(s: &[u8], start: Option<i64>, end: Option<i64>) -> Option<(&[u8], usize)> {
    let (start, end) = adjust_indices(start, end, s.len())?;
    Some((s.get(start..end)?, start))
}

/// `bytes.find(sub, start, end)`; `None` stands for -1. An int `sub` is the caller's
/// one-byte slice.
pub fn find(s: &[u8], sub: &[u8], start: Option<i64>, end: Option<i64>) -> Option<usize> {
    let (w, offset) = window(s, start, end)?;
    memmem::find(w, sub).map(|at| at + offset)
}

/// `bytes.rfind(sub, start, end)`; `None` stands for -1.
pub fn rfind(s: &[u8], sub: &[u8], start: Option<i64>, end: Option<i64>) -> Option<usize> {
    let (w, offset) = window(s, start, end)?;
    memmem::rfind(w, sub).map(|at| at + offset)
}

fn not_found() -> TextError {
    TextError::value_error("subsection not found")
}

/// `bytes.index(sub, start, end)`.
pub fn index(s: &[u8], sub: &[u8], start: Option<i64>, end: Option<i64>) -> TextResult<usize> {
    find(s, sub, start, end).ok_or_else(not_found)
}

/// `bytes.rindex(sub, start, end)`.
pub fn rindex(s: &[u8], sub: &[u8], start: Option<i64>, end: Option<i64>) -> TextResult<usize> {
    rfind(s, sub, start, end).ok_or_else(not_found)
}

/// `bytes.count(sub, start, end)`: non-overlapping occurrences.
pub fn count(s: &[u8], sub: &[u8], start: Option<i64>, end: Option<i64>) -> usize {
    let Some((w, _)) = window(s, start, end) else {
        return 0;
    };
    if sub.is_empty() {
        return w.len() + 1;
    }
    memmem::find_iter(w, sub).count()
}

/// `bytes.startswith(prefix, start, end)` for one prefix.
pub fn startswith(s: &[u8], prefix: &[u8], start: Option<i64>, end: Option<i64>) -> bool {
    window(s, start, end).is_some_and(|(w, _)| w.starts_with(prefix))
}

/// `bytes.endswith(suffix, start, end)` for one suffix.
pub fn endswith(s: &[u8], suffix: &[u8], start: Option<i64>, end: Option<i64>) -> bool {
    window(s, start, end).is_some_and(|(w, _)| w.ends_with(suffix))
}

/// `bytes.replace(old, new, count)`; negative `count` means all. An empty `old` inserts
/// `new` before every byte and at the end.
pub fn replace(s: &[u8], old: &[u8], new: &[u8], count: i64) -> TextResult<Vec<u8>> {
    let limit = usize::try_from(count).unwrap_or(usize::MAX);
    let occurrences = if old.is_empty() {
        s.len().saturating_add(1).min(limit)
    } else {
        memmem::find_iter(s, old).take(limit).count()
    };
    if occurrences == 0 {
        return Ok(s.to_vec());
    }
    let too_long = || TextError::overflow_error("replace bytes is too long");
    let grown = occurrences.checked_mul(new.len()).ok_or_else(too_long)?;
    let size = (s.len() - occurrences * old.len())
        .checked_add(grown)
        .ok_or_else(too_long)?;
    let mut out = vec_with_capacity(size)?;
    if old.is_empty() {
        for i in 0..occurrences {
            out.extend_from_slice(new);
            if let Some(&b) = s.get(i) {
                out.push(b);
            }
        }
        out.extend_from_slice(s.get(occurrences..).unwrap_or(&[]));
    } else {
        let mut last = 0;
        for at in memmem::find_iter(s, old).take(occurrences) {
            out.extend_from_slice(s.get(last..at).unwrap_or(&[]));
            out.extend_from_slice(new);
            last = at + old.len();
        }
        out.extend_from_slice(s.get(last..).unwrap_or(&[]));
    }
    Ok(out)
}

/// `bytes.translate(table, delete)`: bytes in `delete` are dropped, the others mapped
/// through `table` (256 bytes) when one is given.
pub fn translate(s: &[u8], table: Option<&[u8]>, delete: &[u8]) -> TextResult<Vec<u8>> {
    if table.is_some_and(|t| t.len() != 256) {
        return Err(TextError::value_error(
            "translation table must be 256 characters long",
        ));
    }
    Ok(s.iter()
        .filter(|b| !delete.contains(b))
        .map(|&b| {
            table
                .and_then(|t| t.get(usize::from(b)).copied())
                .unwrap_or(b)
        })
        .collect())
}

/// `bytes.maketrans(from, to)`: the identity table with `from[i]` mapped to `to[i]`.
pub fn maketrans(from: &[u8], to: &[u8]) -> TextResult<Vec<u8>> {
    if from.len() != to.len() {
        return Err(TextError::value_error(
            "maketrans arguments must have same length",
        ));
    }
    let mut table: Vec<u8> = (0..=255).collect();
    for (&f, &t) in from.iter().zip(to) {
        table[usize::from(f)] = t;
    }
    Ok(table)
}
