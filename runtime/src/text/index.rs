//! Python's slice-index conventions for the `start`/`end` arguments of `find`, `count`,
//! `startswith` and friends (CPython `Objects/stringlib/*` `ADJUST_INDICES`), and the
//! translation between character indices and UTF-8 byte offsets.

/// Clamps optional `start`/`end` indices to a sequence of `len` items the way CPython's
/// `ADJUST_INDICES` does: negative values count from the end and stop at 0, `end` stops
/// at `len`. Returns `None` when the window is empty *and* inverted (`start > end`), in
/// which case every search reports "not found" (even for an empty needle).
pub fn adjust_indices(start: Option<i64>, end: Option<i64>, len: usize) -> Option<(usize, usize)> {
    let len_i = i128::try_from(len).unwrap_or(i128::MAX);
    let clamp = |index: i64| -> i128 {
        let index = i128::from(index);
        if index < 0 {
            (index + len_i).max(0)
        } else {
            index
        }
    };
    let end = end.map_or(len_i, |e| clamp(e).min(len_i));
    let start = start.map_or(0, clamp);
    if start > end {
        return None;
    }
    // Both lie in 0..=len now, so they fit in usize.
    Some((usize::try_from(start).ok()?, usize::try_from(end).ok()?))
}

/// The number of characters in `s`.
pub fn char_len(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

/// The byte offset of character index `char_index` in `s`, or `s.len()` past the end.
pub fn char_to_byte(s: &str, char_index: usize) -> usize {
    if s.is_ascii() {
        return char_index.min(s.len());
    }
    s.char_indices()
        .nth(char_index)
        .map_or(s.len(), |(at, _)| at)
}

/// The character index of byte offset `byte` (a char boundary) in `s`.
pub fn byte_to_char(s: &str, byte: usize) -> usize {
    match s.get(..byte) {
        Some(prefix) => char_len(prefix),
        None => char_len(s),
    }
}

/// A string together with its length in characters. The runtime's `str` caches that
/// length, and when it equals the byte length the string is ASCII and byte offsets are
/// character indices, which spares every O(n) index conversion below.
#[derive(Debug, Clone, Copy)]
pub struct Indexed<'a> {
    text: &'a str,
    char_len: usize,
}

impl<'a> Indexed<'a> {
    /// Counts the characters of `text`.
    pub fn new(text: &'a str) -> Self {
        Indexed {
            text,
            char_len: char_len(text),
        }
    }

    /// Uses a cached character count, which must be right (a wrong one gives wrong
    /// indices, never a panic).
    pub fn with_char_len(text: &'a str, char_len: usize) -> Self {
        Indexed { text, char_len }
    }

    /// The text.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The length in characters.
    pub fn char_len(&self) -> usize {
        self.char_len
    }

    /// Whether byte offsets are character indices.
    pub fn is_ascii(&self) -> bool {
        self.char_len == self.text.len()
    }

    fn byte_offset(&self, char_index: usize) -> usize {
        if self.is_ascii() {
            char_index.min(self.text.len())
        } else {
            char_to_byte(self.text, char_index)
        }
    }
}

impl<'a> From<&'a str> for Indexed<'a> {
    fn from(text: &'a str) -> Self {
        Indexed::new(text)
    }
}

/// A window of a string selected by character indices.
#[derive(Debug, Clone, Copy)]
pub struct Window<'a> {
    /// The selected text.
    pub text: &'a str,
    /// Character index of the window's start in the whole string.
    pub char_start: usize,
    /// Whether the whole string is ASCII.
    pub ascii: bool,
}

impl Window<'_> {
    /// Turns a byte offset inside the window into a character index of the whole string.
    pub fn char_index(&self, byte: usize) -> usize {
        if self.ascii {
            self.char_start + byte
        } else {
            self.char_start + byte_to_char(self.text, byte)
        }
    }

    /// The window's length in characters.
    pub fn char_len(&self) -> usize {
        if self.ascii {
            self.text.len()
        } else {
            char_len(self.text)
        }
    }
}

/// Selects `s[start:end]` by character indices with `adjust_indices` semantics; `None`
/// when `start > end` after clamping.
pub fn window<'a>(
    s: impl Into<Indexed<'a>>,
    start: Option<i64>,
    end: Option<i64>,
) -> Option<Window<'a>> {
    let s = s.into();
    let (start, end) = adjust_indices(start, end, s.char_len)?;
    let (byte_start, byte_end) = (s.byte_offset(start), s.byte_offset(end));
    Some(Window {
        text: s.text.get(byte_start..byte_end)?,
        char_start: start,
        ascii: s.is_ascii(),
    })
}
