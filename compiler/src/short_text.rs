//! Comparing short texts such as identifiers. The scope builder and lowering compare a
//! name with the names of a list (a scope's symbols, a pool, the locals, the cells and free
//! variables) far more often than they hash one, and `==` on text calls `memcmp`. Names
//! are short, most under 16 bytes, so two overlapping loads per side settle the comparison
//! inline.

/// The longest text [`same_short_text`] compares.
pub(crate) const SHORT: usize = 16;

/// Whether `a` and `b` are the same bytes (see the module docs).
#[inline(always)]
pub(crate) fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let len = a.len();
    if len != b.len() {
        return false;
    }
    match len {
        0..=SHORT => equal_short(a, b),
        _ => a == b,
    }
}

/// Whether `a` is `short`, bytes of at most [`SHORT`]: [`same_bytes`] without its call of
/// `memcmp` for longer texts, which would make a search loop around it save and restore
/// registers.
#[inline(always)]
fn same_short_bytes(a: &[u8], short: &[u8]) -> bool {
    debug_assert!(short.len() <= SHORT);
    a.len() == short.len() && equal_short(a, short)
}

/// Whether `a` and `b`, of one length up to [`SHORT`], hold the same bytes: two
/// overlapping loads per side (one byte each for the shortest). The length is read from
/// `b`, which a search keeps fixed, so the dispatch on it can leave the search's loop.
#[inline(always)]
fn equal_short(a: &[u8], b: &[u8]) -> bool {
    let len = b.len();
    let word = |s: &[u8], at: usize| u64::from_le_bytes(s[at..at + 8].try_into().unwrap());
    let half = |s: &[u8], at: usize| u32::from_le_bytes(s[at..at + 4].try_into().unwrap());
    match len {
        0 => true,
        1..4 => a[0] == b[0] && a[len / 2] == b[len / 2] && a[len - 1] == b[len - 1],
        4..8 => half(a, 0) == half(b, 0) && half(a, len - 4) == half(b, len - 4),
        // Two words cover up to 16 bytes.
        _ => word(a, 0) == word(b, 0) && word(a, len - 8) == word(b, len - 8),
    }
}

/// Whether `a` and `b` are the same text.
#[inline(always)]
pub(crate) fn same_text(a: &str, b: &str) -> bool {
    same_bytes(a.as_bytes(), b.as_bytes())
}

/// Whether `text` is `short`, a text of at most [`SHORT`] bytes (see [`same_short_bytes`]).
#[inline(always)]
pub(crate) fn same_short_text(text: &str, short: &str) -> bool {
    same_short_bytes(text.as_bytes(), short.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::{same_bytes, same_text};

    #[test]
    fn every_byte_counts() {
        let texts = [
            "",
            "a",
            "ab",
            "abc",
            "abcd",
            "abcdefg",
            "abcdefgh",
            "abcdefghijklmnop",
        ];
        for text in texts {
            assert!(same_text(text, text));
            for at in 0..text.len() {
                let mut other = text.as_bytes().to_vec();
                other[at] ^= 1;
                assert!(!same_bytes(text.as_bytes(), &other), "{text} at {at}");
            }
        }
        let long = "abcdefghijklmnopqrstuvwxyz";
        assert!(same_text(long, long));
        assert!(!same_text(long, "abcdefghijklmnopqrstuvwxyZ"));
        assert!(!same_text("abc", "abcd"));
    }
}
