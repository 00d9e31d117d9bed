//! `str` objects: immutable UTF-8 text with a cached character count, an ASCII flag (O(1)
//! indexing when set) and a cached hash (DESIGN.md §3). The methods' algorithms live in
//! `crate::text`; `ops` and `builtins` wrap them.
//!
//! # Lone surrogates
//!
//! A Python `str` may hold lone surrogates (`"\ud800"`, `chr(0xdc80)`, the
//! `surrogateescape` decoder). Rust's `str` cannot, and building one from such bytes would be
//! undefined behaviour, so a body with surrogates keeps two forms:
//!
//! * the generalized UTF-8 bytes (only when there is at least one lone surrogate:
//!   `has_surrogates`): the true code points, each surrogate its own three-byte sequence
//!   `ED A0..BF xx` (`text::wtf8`; pairs are never joined, as CPython keeps them apart).
//!   Byte order is code-point order. They are put at creation in the `extra` slot, which
//!   otherwise holds the lazily built offset table of non-ASCII text, so ordinary strings
//!   carry no extra field, tracing or drop work.
//! * `text`, always valid UTF-8: the whole string for ordinary text, and for text with
//!   surrogates its *view*, in which surrogate U+D800+k is the private-use stand-in
//!   U+10F800+k (`text::wtf8::to_stand_ins`), one character for one code point.
//!
//! `as_str` is the same field access as before and `new` never looks for surrogates
//! (valid UTF-8 has none); `StrBody::from_wtf8` (`Vm::new_str_wtf8`) builds the other
//! kind. The operations that must see code points use `wtf8_bytes` (equality, hashing,
//! ordering, `in`, indexing, slicing, iteration, concatenation, `join`, repetition,
//! `repr`, `ord`, encoding, writing to the standard streams); `byte_offset` and the
//! sampled offset table then refer to `wtf8_bytes`. The other methods run on the view,
//! where comparisons and searches are exact, and `builtins::str::call_restoring` (str
//! methods) and `builtins::str::new_str_from_views` (`%`, `str.format`, `format`) turn
//! stand-ins in their results back into surrogates when an operand held some. The one
//! inexactness: a genuine U+10F800..U+10FFFF character meeting a lone surrogate in one
//! such operation comes out as a surrogate, and an error message that quotes a view
//! (rather than the repr of the str, as `int()` and `float()` do) shows the stand-in.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicI64, Ordering};

use crate::gc::Tracer;
use crate::object::Trace;

/// A `str` object.
pub struct StrBody {
    /// The text, or for text with surrogates its view (`text::wtf8::to_stand_ins`).
    text: Box<str>,
    char_len: usize,
    /// For non-ASCII text: the byte offset of every `text::index::SAMPLE_STEP`-th
    /// character, built on the first indexing, so indexing walks a bounded distance; for
    /// text with lone surrogates, set at creation, its code points (and that table).
    extra: OnceLock<Extra>,
    /// The hash, or 0 when not yet computed (`str_hash` never yields 0 for non-empty text).
    hash: AtomicI64,
}

/// What a `str` keeps beside its text (`StrBody::extra`).
enum Extra {
    /// The sampled offset table of non-ASCII text.
    Samples(Box<[u32]>),
    /// The generalized UTF-8 code points of text with lone surrogates.
    Surrogates(Box<SurrogateText>),
}

struct SurrogateText {
    bytes: Box<[u8]>,
    /// The sampled offset table over `bytes`, built on first use.
    samples: OnceLock<Box<[u32]>>,
}

impl Trace for StrBody {
    fn trace(&self, _tracer: &mut Tracer) {}

    fn external_bytes(&self) -> usize {
        // The view is at least as long as the generalized UTF-8 bytes.
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
            extra: OnceLock::new(),
            hash: AtomicI64::new(0),
        }
    }

    /// A str from generalized UTF-8 bytes (`text::wtf8`), which may hold lone surrogates.
    pub fn from_wtf8(bytes: Vec<u8>) -> StrBody {
        // Valid UTF-8 holds no surrogate; anything else the runtime builds does.
        let bytes = match String::from_utf8(bytes) {
            Ok(text) => return StrBody::new(text),
            Err(e) => e.into_bytes(),
        };
        let body = StrBody::new(crate::text::wtf8::to_stand_ins(&bytes));
        let _ = body.extra.set(Extra::Surrogates(Box::new(SurrogateText {
            bytes: bytes.into_boxed_slice(),
            samples: OnceLock::new(),
        })));
        body
    }

    /// The text; for text with lone surrogates, its view with stand-ins for them.
    #[inline]
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether the text holds a lone surrogate.
    #[inline]
    pub fn has_surrogates(&self) -> bool {
        self.surrogate_text().is_some()
    }

    #[inline]
    fn surrogate_text(&self) -> Option<&SurrogateText> {
        match self.extra.get() {
            Some(Extra::Surrogates(s)) => Some(s),
            _ => None,
        }
    }

    /// The code points as generalized UTF-8 bytes (the UTF-8 text when there is no
    /// surrogate); `byte_offset` indexes these.
    #[inline]
    pub fn wtf8_bytes(&self) -> &[u8] {
        match self.surrogate_text() {
            Some(s) => &s.bytes,
            None => self.text.as_bytes(),
        }
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
        let h = crate::ops::hash::bytes_hash(self.wtf8_bytes());
        self.hash.store(h, Ordering::Relaxed);
        h
    }

    /// The offset in `wtf8_bytes` of code point `index` (`index <= char_len`).
    pub fn byte_offset(&self, index: usize) -> usize {
        if self.is_ascii() {
            return index;
        }
        if index >= self.char_len {
            return self.wtf8_bytes().len();
        }
        match self.surrogate_text() {
            None => crate::text::index::char_to_byte_sampled(&self.text, self.samples(), index),
            Some(s) => crate::text::wtf8::char_to_byte_sampled(&s.bytes, self.samples(), index),
        }
    }

    /// The sampled offset table (`text::index::build_samples`) of non-ASCII text, over
    /// `wtf8_bytes`, built on first use.
    pub fn samples(&self) -> &[u32] {
        let extra = self
            .extra
            .get_or_init(|| Extra::Samples(crate::text::index::build_samples(&self.text)));
        match extra {
            Extra::Samples(samples) => samples,
            Extra::Surrogates(s) => s
                .samples
                .get_or_init(|| crate::text::wtf8::build_samples(&s.bytes)),
        }
    }

    /// The text (the view, for text with surrogates) with its character count and, for
    /// non-ASCII text long enough that the table pays for itself, its sampled offset table.
    pub fn indexed(&self) -> crate::text::index::Indexed<'_> {
        if self.is_ascii() || self.text.len() < 256 || self.has_surrogates() {
            crate::text::index::Indexed::with_char_len(&self.text, self.char_len)
        } else {
            crate::text::index::Indexed::with_samples(&self.text, self.char_len, self.samples())
        }
    }

    /// The code point at `index` (`index < char_len`), lone surrogates included.
    pub fn code_at(&self, index: usize) -> u32 {
        if self.is_ascii() {
            return u32::from(self.text.as_bytes()[index]);
        }
        let at = self.byte_offset(index);
        match self.surrogate_text() {
            None => self.text[at..].chars().next().map_or(0, u32::from),
            Some(s) => crate::text::wtf8::decode_at(&s.bytes, at).0,
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn body_fits_the_80_byte_cell() {
        // With the 16-byte object header, a str object must stay in the 80-byte class.
        assert!(std::mem::size_of::<super::StrBody>() <= 64);
    }
}
