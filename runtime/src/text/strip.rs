//! `str.strip`, `lstrip`, `rstrip`, `removeprefix` and `removesuffix`, ported from
//! CPython's `Objects/unicodeobject.c` (`do_strip`, `_PyUnicode_XStrip`).

use super::unicode;

/// Which ends `strip` works on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StripSide {
    /// `lstrip`.
    Left,
    /// `rstrip`.
    Right,
    /// `strip`.
    Both,
}

/// `str.strip(chars)` and its one-sided variants. `chars = None` strips Python whitespace
/// (including `\x1c`-`\x1f` and `\x85`); otherwise every character of `chars` is stripped.
pub fn strip_side<'a>(s: &'a str, chars: Option<&str>, side: StripSide) -> &'a str {
    let strip = |c: char| match chars {
        None => unicode::is_space(c),
        Some(set) => set.contains(c),
    };
    let s = if side == StripSide::Right {
        s
    } else {
        s.trim_start_matches(strip)
    };
    if side == StripSide::Left {
        s
    } else {
        s.trim_end_matches(strip)
    }
}

/// `str.strip(chars)`.
pub fn strip<'a>(s: &'a str, chars: Option<&str>) -> &'a str {
    strip_side(s, chars, StripSide::Both)
}

/// `str.lstrip(chars)`.
pub fn lstrip<'a>(s: &'a str, chars: Option<&str>) -> &'a str {
    strip_side(s, chars, StripSide::Left)
}

/// `str.rstrip(chars)`.
pub fn rstrip<'a>(s: &'a str, chars: Option<&str>) -> &'a str {
    strip_side(s, chars, StripSide::Right)
}

/// `str.removeprefix(prefix)`.
pub fn removeprefix<'a>(s: &'a str, prefix: &str) -> &'a str {
    s.strip_prefix(prefix).unwrap_or(s)
}

/// `str.removesuffix(suffix)`.
pub fn removesuffix<'a>(s: &'a str, suffix: &str) -> &'a str {
    s.strip_suffix(suffix).unwrap_or(s)
}
