//! `str` objects: immutable UTF-8 text with a cached character count, an ASCII flag (O(1)
//! indexing when set) and a cached hash (DESIGN.md §3). The methods' algorithms live in
//! `crate::text`; `ops` and `builtins` wrap them.

use std::sync::atomic::{AtomicI64, Ordering};

use crate::gc::Tracer;
use crate::object::Trace;

/// A `str` object.
pub struct StrBody {
    text: Box<str>,
    char_len: usize,
    /// For non-ASCII text: the byte offset of every `text::index::SAMPLE_STEP`-th
    /// character, built on the first indexing, so indexing walks a bounded distance.
    index: std::sync::OnceLock<Box<[u32]>>,
    /// The hash, or 0 when not yet computed (`str_hash` never yields 0 for non-empty text).
    hash: AtomicI64,
}

impl Trace for StrBody {
    fn trace(&self, _tracer: &mut Tracer) {}

    fn external_bytes(&self) -> usize {
        self.text.len()
    }
}

impl StrBody {
    pub fn new(text: impl Into<Box<str>>) -> StrBody {
        let text = text.into();
        let char_len = if text.is_ascii() {
            text.len()
        } else {
            text.chars().count()
        };
        StrBody {
            text,
            char_len,
            index: std::sync::OnceLock::new(),
            hash: AtomicI64::new(0),
        }
    }

    #[inline]
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Length in code points.
    #[inline]
    pub fn char_len(&self) -> usize {
        self.char_len
    }

    #[inline]
    pub fn is_ascii(&self) -> bool {
        self.char_len == self.text.len()
    }

    /// The string's hash (`ops::hash::str_hash`), computed once.
    pub fn hash(&self) -> i64 {
        let cached = self.hash.load(Ordering::Relaxed);
        if cached != 0 || self.text.is_empty() {
            return cached;
        }
        let h = crate::ops::hash::str_hash(&self.text);
        self.hash.store(h, Ordering::Relaxed);
        h
    }

    /// The byte offset of code point `index` (`index <= char_len`).
    pub fn byte_offset(&self, index: usize) -> usize {
        if self.is_ascii() {
            return index;
        }
        if index >= self.char_len {
            return self.text.len();
        }
        crate::text::index::char_to_byte_sampled(&self.text, self.samples(), index)
    }

    /// The sampled offset table of non-ASCII text, built on first use.
    pub fn samples(&self) -> &[u32] {
        self.index
            .get_or_init(|| crate::text::index::build_samples(&self.text))
    }

    /// The text with its character count and, for non-ASCII text long enough that the
    /// table pays for itself, its sampled offset table.
    pub fn indexed(&self) -> crate::text::index::Indexed<'_> {
        if self.is_ascii() || self.text.len() < 256 {
            crate::text::index::Indexed::with_char_len(&self.text, self.char_len)
        } else {
            crate::text::index::Indexed::with_samples(&self.text, self.char_len, self.samples())
        }
    }

    /// The code point at `index` (`index < char_len`).
    pub fn char_at(&self, index: usize) -> char {
        if self.is_ascii() {
            return self.text.as_bytes()[index] as char;
        }
        let at = self.byte_offset(index);
        self.text[at..].chars().next().unwrap_or('\0')
    }
}
