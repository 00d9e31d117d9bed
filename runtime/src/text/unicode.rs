//! Character classes and case mappings with CPython's definitions
//! (`Objects/unicodectype.c`: `_PyUnicode_IsAlpha`, `_PyUnicode_IsDecimalDigit`,
//! `_PyUnicode_IsDigit`, `_PyUnicode_IsNumeric`, `_PyUnicode_IsWhitespace`,
//! `_PyUnicode_IsPrintable`, `_PyUnicode_ToLowerFull` and friends).
//!
//! Rust's `char` methods use different definitions (`is_alphabetic` is the Alphabetic
//! property, `is_numeric` is the N* categories, `is_whitespace` lacks `\x1c`-`\x1f`), so
//! everything here reads the generated tables, with an ASCII fast path first.

use super::unicode_tables as t;

/// Whether `c` lies in one of the sorted, disjoint, inclusive `ranges`.
fn in_ranges(ranges: &[(u32, u32)], c: char) -> bool {
    let cp = u32::from(c);
    match ranges.binary_search_by(|&(lo, _)| lo.cmp(&cp)) {
        Ok(_) => true,
        Err(0) => false,
        Err(i) => ranges.get(i - 1).is_some_and(|&(_, hi)| cp <= hi),
    }
}

/// `str.isalpha` for one character: general category Lu, Ll, Lt, Lm or Lo.
pub fn is_alpha(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        in_ranges(t::ALPHA, c)
    }
}

/// `str.isdecimal` for one character: Numeric_Type=Decimal (category Nd).
pub fn is_decimal(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_digit()
    } else {
        in_ranges(t::DECIMAL, c)
    }
}

/// `str.isdigit` for one character: Numeric_Type Decimal or Digit.
pub fn is_digit(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_digit()
    } else {
        in_ranges(t::DIGIT, c)
    }
}

/// `str.isnumeric` for one character: any Numeric_Type, including CJK numerals.
pub fn is_numeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_digit()
    } else {
        in_ranges(t::NUMERIC, c)
    }
}

/// `str.isalnum` for one character. Every decimal is a digit and every digit is numeric,
/// so CPython's four-way test reduces to two.
pub fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        is_alpha(c) || is_numeric(c)
    }
}

/// `str.isspace` for one character: bidirectional class WS, B or S, or category Zs. This
/// includes the ASCII separators `\x1c`-`\x1f`, which Rust's `is_whitespace` does not.
pub fn is_space(c: char) -> bool {
    match c {
        '\t'..='\r' | '\x1c'..='\x20' => true,
        _ if c.is_ascii() => false,
        _ => in_ranges(t::SPACE, c),
    }
}

/// `str.isprintable` for one character: not in Cc, Cf, Cs, Co, Cn, Zl, Zp, or Zs except
/// the ASCII space.
pub fn is_printable(c: char) -> bool {
    if c.is_ascii() {
        (' '..='~').contains(&c)
    } else {
        in_ranges(t::PRINTABLE, c)
    }
}

/// The Lowercase derived property, as `Py_UNICODE_ISLOWER`.
pub fn is_lower(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_lowercase()
    } else {
        in_ranges(t::LOWER, c)
    }
}

/// The Uppercase derived property, as `Py_UNICODE_ISUPPER`.
pub fn is_upper(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_uppercase()
    } else {
        in_ranges(t::UPPER, c)
    }
}

/// General category Lt (titlecase letters such as 'ǅ'), as `Py_UNICODE_ISTITLE`.
pub fn is_title(c: char) -> bool {
    !c.is_ascii() && in_ranges(t::TITLE, c)
}

/// The Cased derived property (Lowercase, Uppercase or Lt).
pub fn is_cased(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        in_ranges(t::CASED, c)
    }
}

/// The Case_Ignorable derived property, used by the final-sigma rule.
pub fn is_case_ignorable(c: char) -> bool {
    if c.is_ascii() {
        matches!(c, '\'' | '.' | ':' | '^' | '`')
    } else {
        in_ranges(t::CASE_IGNORABLE, c)
    }
}

/// XID_Start, the first character of an identifier (without `_`, which Python adds).
pub fn is_xid_start(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        in_ranges(t::XID_START, c)
    }
}

/// XID_Continue, any later character of an identifier.
pub fn is_xid_continue(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '_'
    } else {
        in_ranges(t::XID_CONTINUE, c)
    }
}

/// Python's line boundaries for `str.splitlines` (`Py_UNICODE_ISLINEBREAK`).
pub fn is_linebreak(c: char) -> bool {
    matches!(
        c,
        '\n' | '\x0b'
            | '\x0c'
            | '\r'
            | '\x1c'
            | '\x1d'
            | '\x1e'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// The image of one character under a full case mapping.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mapped {
    /// The common case: exactly one character (possibly the input itself).
    One(char),
    /// A special-casing expansion such as 'ß' → "SS".
    Many(&'static str),
}

impl Mapped {
    /// Appends the mapped text to `out`.
    pub fn push_to(self, out: &mut String) {
        match self {
            Mapped::One(c) => out.push(c),
            Mapped::Many(s) => out.push_str(s),
        }
    }
}

fn lookup(runs: &[(u32, u32, i32, u32)], multi: &[(u32, &'static str)], c: char) -> Mapped {
    let cp = u32::from(c);
    if let Ok(i) = multi.binary_search_by(|&(k, _)| k.cmp(&cp))
        && let Some(&(_, s)) = multi.get(i)
    {
        return Mapped::Many(s);
    }
    let i = match runs.binary_search_by(|&(first, ..)| first.cmp(&cp)) {
        Ok(i) => i,
        Err(0) => return Mapped::One(c),
        Err(i) => i - 1,
    };
    if let Some(&(first, last, delta, stride)) = runs.get(i)
        && cp <= last
        && stride != 0
        && (cp - first) % stride == 0
        && let Some(mapped) = cp.checked_add_signed(delta).and_then(char::from_u32)
    {
        return Mapped::One(mapped);
    }
    Mapped::One(c)
}

/// Full lowercase mapping without the context-sensitive final sigma rule
/// (`_PyUnicode_ToLowerFull`).
pub fn to_lower(c: char) -> Mapped {
    if c.is_ascii() {
        Mapped::One(c.to_ascii_lowercase())
    } else {
        lookup(t::LOWER_MAP_RUNS, t::LOWER_MAP_MULTI, c)
    }
}

/// Full uppercase mapping (`_PyUnicode_ToUpperFull`): 'ß' → "SS".
pub fn to_upper(c: char) -> Mapped {
    if c.is_ascii() {
        Mapped::One(c.to_ascii_uppercase())
    } else {
        lookup(t::UPPER_MAP_RUNS, t::UPPER_MAP_MULTI, c)
    }
}

/// Full titlecase mapping (`_PyUnicode_ToTitleFull`): 'ǆ' → 'ǅ', 'ﬁ' → "Fi".
pub fn to_title(c: char) -> Mapped {
    if c.is_ascii() {
        Mapped::One(c.to_ascii_uppercase())
    } else {
        lookup(t::TITLE_MAP_RUNS, t::TITLE_MAP_MULTI, c)
    }
}

/// Full case folding (`_PyUnicode_ToFoldedFull`): 'ß' → "ss".
pub fn to_folded(c: char) -> Mapped {
    if c.is_ascii() {
        Mapped::One(c.to_ascii_lowercase())
    } else {
        lookup(t::FOLD_MAP_RUNS, t::FOLD_MAP_MULTI, c)
    }
}
