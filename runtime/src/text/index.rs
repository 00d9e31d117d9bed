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

/// Characters between entries of a non-ASCII string's sampled offset table.
pub const SAMPLE_STEP: usize = 64;

/// The sampled offset table of non-ASCII `s`: the byte offset of every
/// `SAMPLE_STEP`-th character, so that finding any character's offset walks at most
/// `SAMPLE_STEP - 1` characters instead of the whole prefix.
pub fn build_samples(s: &str) -> Box<[u32]> {
    let mut offsets = Vec::with_capacity(s.len() / SAMPLE_STEP + 1);
    for (i, (at, _)) in s.char_indices().enumerate() {
        if i % SAMPLE_STEP == 0 {
            offsets.push(u32::try_from(at).unwrap_or(u32::MAX));
        }
    }
    offsets.into_boxed_slice()
}

/// The byte offset of character `char_index` in `s` using its sampled offset table
/// (`build_samples`), or `s.len()` past the end.
pub fn char_to_byte_sampled(s: &str, samples: &[u32], char_index: usize) -> usize {
    let start = samples
        .get(char_index / SAMPLE_STEP)
        .map_or(0, |&at| at as usize);
    let Some(rest) = s.get(start..) else {
        return char_to_byte(s, char_index);
    };
    rest.char_indices()
        .nth(char_index % SAMPLE_STEP)
        .map_or(s.len(), |(at, _)| start + at)
}

/// A string together with its length in characters. The runtime's `str` caches that
/// length, and when it equals the byte length the string is ASCII and byte offsets are
/// character indices, which spares every O(n) index conversion below. A non-ASCII
/// string may also bring its sampled offset table, which bounds each conversion.
#[derive(Debug, Clone, Copy)]
pub struct Indexed<'a> {
    text: &'a str,
    char_len: usize,
    samples: Option<&'a [u32]>,
}

impl<'a> Indexed<'a> {
    /// Counts the characters of `text`.
    pub fn new(text: &'a str) -> Self {
        Indexed {
            text,
            char_len: char_len(text),
            samples: None,
        }
    }

    /// Uses a cached character count, which must be right (a wrong one gives wrong
    /// indices, never a panic).
    pub fn with_char_len(text: &'a str, char_len: usize) -> Self {
        Indexed {
            text,
            char_len,
            samples: None,
        }
    }

    /// Uses a cached character count and sampled offset table (`build_samples`), both of
    /// which must be right (wrong ones give wrong indices, never a panic).
    pub fn with_samples(text: &'a str, char_len: usize, samples: &'a [u32]) -> Self {
        Indexed {
            text,
            char_len,
            samples: Some(samples),
        }
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
        } else if let Some(samples) = self.samples {
            char_to_byte_sampled(self.text, samples, char_index)
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
