//! The algorithms behind Python's `str`, `bytes` and `bytearray` methods as pure functions
//! over `&str` and `&[u8]`, so that the runtime's string types are thin wrappers.
//!
//! Indices in the `str` functions are *character* indices, as in Python; the `bytes`
//! functions use byte indices. Optional `start`/`end` arguments follow Python's slice
//! clamping (see `index`). Errors carry the CPython exception type name and exact message;
//! argument type checking (`TypeError`) is the caller's job because only the caller sees
//! Python objects.
//!
//! Character properties and case mappings come from `unicode_tables`, which
//! `gen_tables.py` generates from CPython's own `unicodedata` and `str` methods.

pub mod bytes;
pub mod bytes_split;
pub mod case;
pub mod hex;
pub mod index;
pub mod pad;
pub mod predicates;
pub mod search;
pub mod split;
pub mod strip;
pub mod translate;
pub mod unicode;
mod unicode_tables;
pub mod wtf8;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_generated;

pub use unicode_tables::UNICODE_VERSION;

/// A failed string operation: the CPython exception type name and its exact message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextError {
    /// The built-in exception type, such as `"ValueError"`.
    pub exc_type: &'static str,
    /// The message exactly as CPython words it.
    pub message: String,
}

impl TextError {
    pub(crate) fn value_error(message: impl Into<String>) -> Self {
        TextError {
            exc_type: "ValueError",
            message: message.into(),
        }
    }

    pub(crate) fn overflow_error(message: impl Into<String>) -> Self {
        TextError {
            exc_type: "OverflowError",
            message: message.into(),
        }
    }

    /// An allocation that cannot be satisfied; CPython raises a bare `MemoryError`.
    pub(crate) fn memory_error() -> Self {
        TextError {
            exc_type: "MemoryError",
            message: String::new(),
        }
    }

    /// `str.split("")`, `str.partition("")` and friends.
    pub(crate) fn empty_separator() -> Self {
        Self::value_error("empty separator")
    }
}

impl std::fmt::Display for TextError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.message.is_empty() {
            f.write_str(self.exc_type)
        } else {
            write!(f, "{}: {}", self.exc_type, self.message)
        }
    }
}

impl std::error::Error for TextError {}

/// Result type of the fallible text operations.
pub type TextResult<T> = Result<T, TextError>;

/// Makes an empty `String` able to hold `bytes` bytes, reporting `MemoryError` instead of
/// aborting when the request is absurd (a Python program can ask for `'a'.center(2**60)`).
pub(crate) fn string_with_capacity(bytes: usize) -> TextResult<String> {
    let mut out = String::new();
    out.try_reserve_exact(bytes)
        .map_err(|_| TextError::memory_error())?;
    Ok(out)
}

/// The byte-string counterpart of `string_with_capacity`.
pub(crate) fn vec_with_capacity(bytes: usize) -> TextResult<Vec<u8>> {
    let mut out = Vec::new();
    out.try_reserve_exact(bytes)
        .map_err(|_| TextError::memory_error())?;
    Ok(out)
}
