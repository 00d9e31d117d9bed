//! Printing compile-time diagnostics the way CPython prints them on stderr: a `SyntaxError`
//! as the `File "…", line N` / source line / carets / `Kind: message` block, and warnings
//! as `file:line: Category: message` followed by the indented source line.

use compiler::diagnostics::{CompileWarning, SyntaxDiagnostic};

/// CPython's rendering of an uncaught `SyntaxError` (`traceback.format_exception_only`).
pub fn render_syntax_error(diagnostic: &SyntaxDiagnostic) -> String {
    let mut out = String::new();
    if diagnostic.lineno > 0 {
        out.push_str(&format!(
            "  File \"{}\", line {}\n",
            diagnostic.filename, diagnostic.lineno
        ));
    } else {
        out.push_str(&format!("  File \"{}\"\n", diagnostic.filename));
    }
    if let Some(text) = &diagnostic.text {
        let trimmed = text.trim_start_matches([' ', '\t', '\x0c']);
        let stripped = text.chars().count() - trimmed.chars().count();
        let trimmed = trimmed.trim_end();
        out.push_str(&format!("    {trimmed}\n"));
        if diagnostic.offset > 0 {
            // Offsets are 1-based characters; the carets span to end_offset on the same line.
            let start = (diagnostic.offset as usize)
                .saturating_sub(1)
                .saturating_sub(stripped);
            let end = if diagnostic.end_lineno == diagnostic.lineno
                && diagnostic.end_offset > diagnostic.offset
            {
                (diagnostic.end_offset as usize)
                    .saturating_sub(1)
                    .saturating_sub(stripped)
            } else {
                start + 1
            };
            let width = end.saturating_sub(start).max(1);
            out.push_str(&format!("    {}{}\n", " ".repeat(start), "^".repeat(width)));
        }
    }
    out.push_str(&format!(
        "{}: {}\n",
        diagnostic.kind.class_name(),
        diagnostic.message
    ));
    out
}

/// CPython's default `warnings.showwarning` text for a compile-time warning.
pub fn render_warning(warning: &CompileWarning, source: Option<&str>) -> String {
    let mut out = format!(
        "{}:{}: {}: {}\n",
        warning.filename, warning.lineno, warning.category, warning.message
    );
    let line = source.and_then(|s| s.lines().nth((warning.lineno as usize).checked_sub(1)?));
    if let Some(line) = line.map(str::trim).filter(|l| !l.is_empty()) {
        out.push_str(&format!("  {line}\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use compiler::diagnostics::SyntaxErrorKind;

    #[test]
    fn syntax_error_matches_cpython() {
        let diagnostic = SyntaxDiagnostic {
            kind: SyntaxErrorKind::SyntaxError,
            message: "'(' was never closed".into(),
            filename: "<string>".into(),
            lineno: 1,
            offset: 5,
            end_lineno: 1,
            end_offset: 6,
            text: Some("x = (1,".into()),
        };
        assert_eq!(
            render_syntax_error(&diagnostic),
            "  File \"<string>\", line 1\n    x = (1,\n        ^\nSyntaxError: '(' was never closed\n"
        );
    }
}
