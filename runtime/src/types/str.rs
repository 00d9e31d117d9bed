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
    /// The hash, or 0 when not yet computed (`str_hash` never yields 0 for non-empty text).
    hash: AtomicI64,
}

impl Trace for StrBody {
    fn trace(&self, _tracer: &mut Tracer) {}
}

impl StrBody {
    pub fn new(text: impl Into<Box<str>>) -> StrBody {
        let text = text.into();
        let char_len = if text.is_ascii() { text.len() } else { text.chars().count() };
        StrBody { text, char_len, hash: AtomicI64::new(0) }
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
            index
        } else {
            self.text.char_indices().nth(index).map_or(self.text.len(), |(at, _)| at)
        }
    }

    /// The code point at `index` (`index < char_len`).
    pub fn char_at(&self, index: usize) -> char {
        if self.is_ascii() {
            self.text.as_bytes()[index] as char
        } else {
            self.text.chars().nth(index).unwrap_or('\0')
        }
    }
}
