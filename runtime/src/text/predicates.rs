//! The `str.isX()` predicates over whole strings, ported from CPython's
//! `Objects/unicodeobject.c` (`unicode_isalpha_impl`, `unicode_islower_impl`,
//! `unicode_istitle_impl`, `unicode_isidentifier_impl`, ...).
//!
//! Most are "non-empty and every character satisfies the class"; the case predicates need
//! at least one cased character; `isprintable` and `isascii` are true for "".

use super::unicode;

fn all_nonempty(s: &str, pred: impl Fn(char) -> bool) -> bool {
    !s.is_empty() && s.chars().all(pred)
}

/// `str.isalpha()`.
pub fn isalpha(s: &str) -> bool {
    all_nonempty(s, unicode::is_alpha)
}

/// `str.isalnum()`.
pub fn isalnum(s: &str) -> bool {
    all_nonempty(s, unicode::is_alnum)
}

/// `str.isdecimal()`.
pub fn isdecimal(s: &str) -> bool {
    all_nonempty(s, unicode::is_decimal)
}

/// `str.isdigit()`.
pub fn isdigit(s: &str) -> bool {
    all_nonempty(s, unicode::is_digit)
}

/// `str.isnumeric()`.
pub fn isnumeric(s: &str) -> bool {
    all_nonempty(s, unicode::is_numeric)
}

/// `str.isspace()`.
pub fn isspace(s: &str) -> bool {
    all_nonempty(s, unicode::is_space)
}

/// `str.isprintable()`; true for the empty string.
pub fn isprintable(s: &str) -> bool {
    s.chars().all(unicode::is_printable)
}

/// `str.isascii()`; true for the empty string.
pub fn isascii(s: &str) -> bool {
    s.is_ascii()
}

/// `str.islower()`: at least one cased character and no uppercase or titlecase one.
pub fn islower(s: &str) -> bool {
    let mut cased = false;
    for c in s.chars() {
        if unicode::is_upper(c) || unicode::is_title(c) {
            return false;
        }
        cased |= unicode::is_lower(c);
    }
    cased
}

/// `str.isupper()`: at least one cased character and no lowercase or titlecase one.
pub fn isupper(s: &str) -> bool {
    let mut cased = false;
    for c in s.chars() {
        if unicode::is_lower(c) || unicode::is_title(c) {
            return false;
        }
        cased |= unicode::is_upper(c);
    }
    cased
}

/// `str.istitle()`: uppercase/titlecase characters only after uncased ones, lowercase
/// ones only after cased ones, and at least one cased character.
pub fn istitle(s: &str) -> bool {
    let mut cased = false;
    let mut previous_is_cased = false;
    for c in s.chars() {
        if unicode::is_upper(c) || unicode::is_title(c) {
            if previous_is_cased {
                return false;
            }
            previous_is_cased = true;
            cased = true;
        } else if unicode::is_lower(c) {
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

/// `str.isidentifier()` (PEP 3131): XID_Start or `_`, then XID_Continue. Keywords count
/// as identifiers here, as in CPython.
pub fn isidentifier(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) if first == '_' || unicode::is_xid_start(first) => {
            chars.all(unicode::is_xid_continue)
        }
        _ => false,
    }
}
