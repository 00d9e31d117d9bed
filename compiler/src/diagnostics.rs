//! Diagnostics the frontend reports: syntax errors (with CPython 3.14's text and
//! layout) and compile-time warnings such as PEP 765's `SyntaxWarning`.
//!
//! The frontend never panics on user input; every rejection is a [`SyntaxDiagnostic`].

use std::fmt;

/// Which built-in exception class a syntax diagnostic becomes at run time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SyntaxErrorKind {
    SyntaxError,
    IndentationError,
    TabError,
}

impl SyntaxErrorKind {
    /// The Python class name, as printed on the last line of a traceback.
    pub fn class_name(self) -> &'static str {
        match self {
            SyntaxErrorKind::SyntaxError => "SyntaxError",
            SyntaxErrorKind::IndentationError => "IndentationError",
            SyntaxErrorKind::TabError => "TabError",
        }
    }
}

/// A rejected program, with the same fields a Python `SyntaxError` object carries.
///
/// Positions follow CPython's attributes: `lineno`/`end_lineno` are 1-based lines, and
/// `offset`/`end_offset` are 1-based *character* offsets into `text` (0 when unknown).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxDiagnostic {
    pub kind: SyntaxErrorKind,
    pub message: String,
    pub filename: String,
    pub lineno: u32,
    pub offset: u32,
    pub end_lineno: u32,
    pub end_offset: u32,
    /// The source line the error points into, without its trailing newline.
    pub text: Option<String>,
}

/// A warning issued while compiling, such as PEP 765's `SyntaxWarning`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompileWarning {
    /// The Python warning class name, e.g. `SyntaxWarning`.
    pub category: &'static str,
    pub message: String,
    pub filename: String,
    pub lineno: u32,
}

impl fmt::Display for SyntaxDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind.class_name(), self.message)
    }
}
