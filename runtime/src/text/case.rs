//! Case conversion: `str.lower`, `upper`, `casefold`, `capitalize`, `title` and `swapcase`
//! with full special casing, ported from CPython's `Objects/unicodeobject.c`
//! (`do_lower`, `do_upper`, `do_casefold`, `do_capitalize`, `do_title`, `do_swapcase`,
//! `handle_capital_sigma`).
//!
//! Only the final-sigma rule is context-sensitive: CPython applies no language-specific
//! rules (Turkish 'İ'.lower() is "i̇").

use super::unicode;

const CAPITAL_SIGMA: char = '\u{3a3}';
const SMALL_SIGMA: char = '\u{3c3}';
const FINAL_SIGMA: char = '\u{3c2}';

/// The lowercase of 'Σ' at byte offset `at` of `s`: 'ς' when it ends a word (a cased
/// letter before it and none after it, skipping case-ignorable characters both ways).
/// CPython `handle_capital_sigma`.
fn lower_sigma(s: &str, at: usize) -> char {
    let before = s.get(..at).unwrap_or("");
    let after = s.get(at + CAPITAL_SIGMA.len_utf8()..).unwrap_or("");
    let cased_before = before
        .chars()
        .rev()
        .find(|&c| !unicode::is_case_ignorable(c))
        .is_some_and(unicode::is_cased);
    if !cased_before {
        return SMALL_SIGMA;
    }
    let cased_after = after
        .chars()
        .find(|&c| !unicode::is_case_ignorable(c))
        .is_some_and(unicode::is_cased);
    if cased_after {
        SMALL_SIGMA
    } else {
        FINAL_SIGMA
    }
}

/// Lowercases the character `c` found at byte offset `at` of `s` into `out`
/// (CPython `lower_ucs4`).
fn push_lower_in_context(out: &mut String, s: &str, at: usize, c: char) {
    if c == CAPITAL_SIGMA {
        out.push(lower_sigma(s, at));
    } else {
        unicode::to_lower(c).push_to(out);
    }
}

/// `str.lower()`.
pub fn lower(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    for (at, c) in s.char_indices() {
        push_lower_in_context(&mut out, s, at, c);
    }
    out
}

/// `str.upper()`.
pub fn upper(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_uppercase();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        unicode::to_upper(c).push_to(&mut out);
    }
    out
}

/// `str.casefold()`.
pub fn casefold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        unicode::to_folded(c).push_to(&mut out);
    }
    out
}

/// `str.capitalize()`: since Python 3.8 the first character is *titlecased* ('ǆ' → 'ǅ')
/// and the rest lowercased.
pub fn capitalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.char_indices();
    if let Some((_, first)) = chars.next() {
        unicode::to_title(first).push_to(&mut out);
    }
    for (at, c) in chars {
        push_lower_in_context(&mut out, s, at, c);
    }
    out
}

/// `str.title()`: a character following a cased one is lowercased, any other titlecased.
pub fn title(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut previous_is_cased = false;
    for (at, c) in s.char_indices() {
        if previous_is_cased {
            push_lower_in_context(&mut out, s, at, c);
        } else {
            unicode::to_title(c).push_to(&mut out);
        }
        previous_is_cased = unicode::is_cased(c);
    }
    out
}

/// `str.swapcase()`: uppercase characters are lowercased (with the final-sigma rule),
/// lowercase ones uppercased, and titlecase ones such as 'ǅ' left alone.
pub fn swapcase(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (at, c) in s.char_indices() {
        if unicode::is_upper(c) {
            push_lower_in_context(&mut out, s, at, c);
        } else if unicode::is_lower(c) {
            unicode::to_upper(c).push_to(&mut out);
        } else {
            out.push(c);
        }
    }
    out
}
