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
    /// The tree is nested deeper than the compiler's recursion budget (CPython raises
    /// `RecursionError: maximum recursion depth exceeded during compilation`).
    RecursionError,
}

impl SyntaxErrorKind {
    /// The Python class name, as printed on the last line of a traceback.
    pub fn class_name(self) -> &'static str {
        match self {
            SyntaxErrorKind::SyntaxError => "SyntaxError",
            SyntaxErrorKind::IndentationError => "IndentationError",
            SyntaxErrorKind::TabError => "TabError",
            SyntaxErrorKind::RecursionError => "RecursionError",
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

impl SyntaxDiagnostic {
    /// Renders the diagnostic exactly as `python3 file.py` prints an uncaught syntax error
    /// on stderr (CPython 3.14's `traceback.TracebackException._format_syntax_error`):
    /// the `File` line, the offending line without its indentation, a caret line spanning
    /// `offset..end_offset`, and `Kind: message`. Every line ends with `\n`.
    pub fn render(&self) -> String {
        if self.kind == SyntaxErrorKind::RecursionError {
            // CPython reports a compile-time RecursionError with no source excerpt.
            return format!("{}: {}\n", self.kind.class_name(), self.message);
        }
        let mut out = format!("  File \"{}\", line {}\n", self.filename, self.lineno);
        if let Some(text) = &self.text {
            out.push_str(&render_source_excerpt(
                text,
                self.lineno,
                self.offset,
                self.end_lineno,
                self.end_offset,
            ));
        }
        out.push_str(&format!("{}: {}\n", self.kind.class_name(), self.message));
        out
    }
}

/// The source line and caret line of a syntax error, following CPython's rules: the line
/// loses its leading spaces and form feeds (not tabs), offsets shift with it, offsets past
/// the end clamp to just after the last character, a span reaching another line runs to the
/// end of this one, and the caret line is left out when the offset falls left of the text.
fn render_source_excerpt(
    text: &str,
    lineno: u32,
    offset: u32,
    end_lineno: u32,
    end_offset: u32,
) -> String {
    let rtext = text.trim_end_matches('\n');
    let ltext = rtext.trim_start_matches([' ', '\n', '\x0c']);
    let rlen = rtext.chars().count() as i64;
    let spaces = rlen - ltext.chars().count() as i64;
    let mut out = format!("    {ltext}\n");
    if offset == 0 {
        return out;
    }
    let mut offset = i64::from(offset);
    let mut end_offset = if lineno == end_lineno {
        if end_offset != 0 {
            i64::from(end_offset)
        } else {
            offset
        }
    } else {
        rlen + 1
    };
    // CPython's `text` carries its newline, so "past the text" means past `rtext` + 1.
    let text_len = rlen + 1;
    if offset > text_len {
        offset = rlen + 1;
    }
    if end_offset > text_len {
        end_offset = rlen + 1;
    }
    if offset >= end_offset {
        end_offset = offset + 1;
    }
    let colno = offset - 1 - spaces;
    let end_colno = end_offset - 1 - spaces;
    if colno < 0 {
        return out;
    }
    out.push_str("    ");
    let mut prefix_len = 0;
    for c in ltext.chars().take(colno as usize) {
        out.push(if c.is_whitespace() { c } else { ' ' });
        prefix_len += 1;
    }
    // `ltext[:colno]` is shorter than `colno` when the offset points past the text.
    for _ in prefix_len..colno {
        out.push(' ');
    }
    for _ in colno..end_colno {
        out.push('^');
    }
    out.push('\n');
    out
}

impl CompileWarning {
    /// Renders the warning as CPython's default `warnings.showwarning` prints it when the
    /// source line is unavailable (as for `python3 -c`): `file:line: Category: message`.
    pub fn render(&self) -> String {
        format!(
            "{}:{}: {}: {}\n",
            self.filename, self.lineno, self.category, self.message
        )
    }

    /// Like [`CompileWarning::render`], followed by the warning's source line (looked up in
    /// `source`), stripped and indented by two spaces, as printed for a file.
    pub fn render_with_source(&self, source: &str) -> String {
        let mut out = self.render();
        let index = crate::source::LineIndex::new(source);
        let line = if self.lineno >= 1 && self.lineno <= index.line_count() {
            index.line_text(self.lineno, source).trim()
        } else {
            ""
        };
        if !line.is_empty() {
            out.push_str(&format!("  {line}\n"));
        }
        out
    }
}
