//! `str` objects: immutable UTF-8 text with a cached character count, an ASCII flag (O(1)
//! indexing when set) and a cached hash (DESIGN.md §3). The methods' algorithms live in
//! `crate::text`; `ops` and `builtins` wrap them.

use std::sync::atomic::{AtomicI64, Ordering};

use crate::gc::Tracer;
use crate::object::Trace;

/// Characters between entries of a non-ASCII string's index.
const INDEX_STEP: usize = 64;

/// A `str` object.
pub struct StrBody {
    text: Box<str>,
    char_len: usize,
    /// For non-ASCII text: the byte offset of every `INDEX_STEP`-th character, built on the
    /// first indexing, so indexing walks at most `INDEX_STEP - 1` characters.
    index: std::sync::OnceLock<Box<[u32]>>,
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
        StrBody { text, char_len, index: std::sync::OnceLock::new(), hash: AtomicI64::new(0) }
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
        let index_table = self.index.get_or_init(|| {
            let mut offsets = Vec::with_capacity(self.char_len / INDEX_STEP + 1);
            for (i, (at, _)) in self.text.char_indices().enumerate() {
                if i % INDEX_STEP == 0 {
                    offsets.push(at as u32);
                }
            }
            offsets.into_boxed_slice()
        });
        let start = index_table.get(index / INDEX_STEP).copied().unwrap_or(0) as usize;
        let rest = &self.text[start..];
        rest.char_indices().nth(index % INDEX_STEP).map_or(self.text.len(), |(at, _)| start + at)
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
