//! The one error type of the formatting algorithms, and constructors for every message
//! they raise, so the texts match CPython 3.14 and live in one place.
//!
//! The lead turns a [`FormatError`] into a Python exception of the named type.

use std::fmt;

/// A formatting failure: the CPython exception type name and its message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError {
    /// The builtin exception type, e.g. `"ValueError"`.
    pub exc_type: &'static str,
    /// The exact message CPython gives.
    pub message: String,
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.exc_type, self.message)
    }
}

impl std::error::Error for FormatError {}

impl FormatError {
    pub fn value_error(message: impl Into<String>) -> Self {
        Self {
            exc_type: "ValueError",
            message: message.into(),
        }
    }

    pub fn type_error(message: impl Into<String>) -> Self {
        Self {
            exc_type: "TypeError",
            message: message.into(),
        }
    }

    pub fn overflow_error(message: impl Into<String>) -> Self {
        Self {
            exc_type: "OverflowError",
            message: message.into(),
        }
    }

    /// Raised instead of attempting an allocation so large that Rust would abort; CPython
    /// raises MemoryError (with an empty message) when its allocation fails.
    pub fn memory_error() -> Self {
        Self {
            exc_type: "MemoryError",
            message: String::new(),
        }
    }

    /// `format(1.5, 'd')`: the presentation type is not one this type knows.
    pub fn unknown_format_code(code: char, type_name: &str) -> Self {
        Self::value_error(format!(
            "Unknown format code '{}' for object of type '{}'",
            printable_code(code),
            truncate_type_name(type_name)
        ))
    }

    /// `format(1, 'abc')`: more than one character was left for the type field.
    pub fn invalid_format_specifier(spec: &str, type_name: &str) -> Self {
        Self::value_error(format!(
            "Invalid format specifier '{spec}' for object of type '{}'",
            truncate_type_name(type_name)
        ))
    }

    /// `"%d %d" % (1,)`: raised by the caller when it runs out of arguments.
    pub fn not_enough_arguments() -> Self {
        Self::type_error("not enough arguments for format string")
    }

    /// `"%d" % (1, 2)`: raised by the caller when arguments are left over.
    pub fn not_all_converted() -> Self {
        Self::type_error("not all arguments converted during string formatting")
    }

    /// `"%(a)s" % (1,)`: a mapping key was used but the right operand is no mapping.
    pub fn format_requires_mapping() -> Self {
        Self::type_error("format requires a mapping")
    }

    /// `"%*d" % ("a", 1)`: a `*` width or precision argument was not an int.
    pub fn star_wants_int() -> Self {
        Self::type_error("* wants int")
    }

    /// `"%d" % "x"`: `%d`, `%i`, `%u` need a real number.
    pub fn percent_needs_real(conversion: char, type_name: &str) -> Self {
        Self::type_error(format!(
            "%{conversion} format: a real number is required, not {}",
            truncate_type_name(type_name)
        ))
    }

    /// `"%x" % 1.5`: `%o`, `%x`, `%X` need an integer.
    pub fn percent_needs_integer(conversion: char, type_name: &str) -> Self {
        Self::type_error(format!(
            "%{conversion} format: an integer is required, not {}",
            truncate_type_name(type_name)
        ))
    }

    /// `"%f" % "x"`: the float conversions need a real number.
    pub fn percent_float_needs_real(type_name: &str) -> Self {
        Self::type_error(format!(
            "must be real number, not {}",
            truncate_type_name(type_name)
        ))
    }

    /// `"%c" % "ab"`: 3.14 wording (3.11 said "%c requires int or char"), hand-written.
    pub fn percent_c_string_length(len: usize) -> Self {
        Self::type_error(format!(
            "%c requires an int or a unicode character, not a string of length {len}"
        ))
    }

    /// `"%c" % 1.5`: 3.14 wording (3.11 said "%c requires int or char"), hand-written.
    pub fn percent_c_wrong_type(type_name: &str) -> Self {
        Self::type_error(format!(
            "%c requires an int or a unicode character, not {}",
            truncate_type_name(type_name)
        ))
    }

    /// `"%c" % 0x110000` and `format(-1, 'c')`.
    pub fn char_out_of_range() -> Self {
        Self::overflow_error("%c arg not in range(0x110000)")
    }

    /// `"{0}".format_map({})`: format_map has no positional arguments.
    pub fn positional_in_format_map() -> Self {
        Self::value_error("Format string contains positional fields")
    }

    /// `"{5}".format(1)`.
    pub fn replacement_index_out_of_range(index: usize) -> Self {
        Self {
            exc_type: "IndexError",
            message: format!("Replacement index {index} out of range for positional args tuple"),
        }
    }
}

/// CPython prints printable ASCII codes as themselves and anything else as `\x..`.
pub(crate) fn printable_code(code: char) -> String {
    let value = u32::from(code);
    if value > 32 && value < 128 {
        code.to_string()
    } else {
        format!("\\x{value:x}")
    }
}

/// CPython formats type names with `%.200s`.
pub(crate) fn truncate_type_name(name: &str) -> &str {
    match name.char_indices().nth(200) {
        Some((index, _)) => &name[..index],
        None => name,
    }
}
