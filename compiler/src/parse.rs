//! The parser front door: source text → ruff AST, with CPython 3.14's verdict and
//! CPython's error text.
//!
//! `ruff_python_parser` does the parsing (targeting Python 3.14, so PEP 758 `except A, B:`,
//! t-strings and type parameters parse). Its error-recovering parser reports many errors
//! with its own wording and sometimes at another place than CPython, so the first error is
//! chosen the way CPython chooses it and translated:
//!
//! 1. a tokenizer-level error anywhere in the file wins ([`tokens`]), because CPython
//!    tokenizes the rest of the file after a parse error and prefers tokenizer errors;
//! 2. an unclosed bracket wins over a parse error on a later line;
//! 3. otherwise the earliest parse error, translated to CPython's message ([`errors`]);
//! 4. then syntax that 3.14 lacks (ruff's "unsupported syntax" errors, e.g. PEP 810 lazy
//!    imports);
//! 5. then the errors CPython raises after parsing, while building the symbol table or
//!    compiling, that ruff's `SemanticSyntaxChecker` detects ([`semantic`]). A compiler
//!    error is only a candidate: [`parse_module_deferring`] hands it back so that the
//!    pipeline can report the symbol table's errors first and lowering's earlier ones.
//!
//! Everything here reports [`SyntaxDiagnostic`]s and never panics on user input.

mod errors;
mod escapes;
mod numbers;
mod semantic;
mod tokens;

pub(crate) use semantic::Fused;

use ruff_python_ast::{ModExpression, ModModule, PythonVersion};
use ruff_python_parser::{Mode, ParseOptions, Parsed};
use ruff_text_size::TextSize;

use crate::diagnostics::{SyntaxDiagnostic, SyntaxErrorKind};
use crate::source::{LineIndex, decode_source};
use std::rc::Rc;

/// The Python version whose grammar we accept.
pub const TARGET_VERSION: PythonVersion = PythonVersion::PY314;

/// Parses a module (`exec` mode), returning its AST or the syntax error CPython 3.14 would
/// raise, including the errors CPython only finds after parsing (`'return' outside
/// function`, duplicate parameters, ...).
pub fn parse_module(source: &str, filename: &str) -> Result<ModModule, SyntaxDiagnostic> {
    match parse_module_deferring(source, filename)? {
        (_, Some(compile_error)) => Err(compile_error),
        (module, None) => Ok(module),
    }
}

/// [`parse_module`], except that an error CPython's compiler (code generation) would raise
/// comes back beside the AST instead: the symbol table's errors come first in CPython, and
/// lowering may meet an earlier compiler error that the parser's checks leave to it (see
/// [`crate::pipeline::compile_to_ir`]).
pub fn parse_module_deferring(
    source: &str,
    filename: &str,
) -> Result<(ModModule, Option<SyntaxDiagnostic>), SyntaxDiagnostic> {
    parse_module_indexed(source, filename, &Rc::new(LineIndex::new(source)))
}

/// [`parse_module_deferring`] with the source's line index built by the caller, which
/// shares it with the later stages.
pub fn parse_module_indexed(
    source: &str,
    filename: &str,
    index: &Rc<LineIndex>,
) -> Result<(ModModule, Option<SyntaxDiagnostic>), SyntaxDiagnostic> {
    let parsed = ruff_python_parser::parse_unchecked(source, options(Mode::Module));
    let map = SourceMap::with_index(source, filename, Rc::clone(index));
    let scan = scan_if_error_free(&map, &parsed);
    let bound = scan.as_ref().and_then(|scan| scan.depth_bound);
    let parsed = crate::guard::reject_too_deep_bounded(parsed, bound, filename)?;
    let compile_error = check_parsed(&map, &parsed, ParseKind::Module, scan)?;
    let module = parsed
        .try_into_module()
        .map(Parsed::into_syntax)
        .ok_or_else(|| map.internal("module parse did not produce a module"))?;
    Ok((module, compile_error))
}

/// [`parse_module_indexed`], except that a parse without errors leaves the semantic checks
/// (step 5 of the module docs) to the symbol-table builder, whose walk of the tree drives
/// them ([`crate::scope::SymbolTable::build_checked`]), so that the tree is walked once for
/// both: the third value is then `Some(may_declare_globals)` for it, and the second `None`.
pub fn parse_module_deferring_semantics(
    source: &str,
    filename: &str,
    index: &Rc<LineIndex>,
) -> Result<(ModModule, Option<SyntaxDiagnostic>, Option<bool>), SyntaxDiagnostic> {
    let parsed = ruff_python_parser::parse_unchecked(source, options(Mode::Module));
    let map = SourceMap::with_index(source, filename, Rc::clone(index));
    let scan = scan_if_error_free(&map, &parsed);
    let bound = scan.as_ref().and_then(|scan| scan.depth_bound);
    let parsed = crate::guard::reject_too_deep_bounded(parsed, bound, filename)?;
    let (compile_error, deferred) = match scan {
        // `check_parsed`'s path for valid input, but for the semantic checks.
        Some(scan) => match scan.error {
            Some((_, error)) => return Err(error),
            None => (None, Some(scan.may_declare_globals)),
        },
        None => (check_parsed(&map, &parsed, ParseKind::Module, None)?, None),
    };
    let module = parsed
        .try_into_module()
        .map(Parsed::into_syntax)
        .ok_or_else(|| map.internal("module parse did not produce a module"))?;
    Ok((module, compile_error, deferred))
}

/// Whether `expr` is a literal constant: a string, bytes, number, `True`/`False`, `None` or
/// `...`. The symbol table skips these (nothing to record or check), and lowering drops a
/// bare one used as a statement, as CPython does.
#[inline(always)]
pub(crate) fn is_literal_constant(expr: &ruff_python_ast::Expr) -> bool {
    use ruff_python_ast::Expr;
    matches!(
        expr,
        Expr::StringLiteral(_)
            | Expr::BytesLiteral(_)
            | Expr::NumberLiteral(_)
            | Expr::BooleanLiteral(_)
            | Expr::NoneLiteral(_)
            | Expr::EllipsisLiteral(_)
    )
}

/// The semantic checks of a module `body` on their own (step 5 of the module docs), for a
/// symbol-table walk that could not drive them to the end.
pub(crate) fn check_semantics(
    map: &SourceMap<'_>,
    body: &[ruff_python_ast::Stmt],
    may_declare_globals: bool,
) -> Result<Option<SyntaxDiagnostic>, SyntaxDiagnostic> {
    semantic::check(
        map,
        semantic::Root::Module(body),
        ParseKind::Module,
        may_declare_globals,
    )
}

/// Parses a single expression (`eval` mode).
pub fn parse_expression(source: &str, filename: &str) -> Result<ModExpression, SyntaxDiagnostic> {
    let parsed = ruff_python_parser::parse_unchecked(source, options(Mode::Expression));
    let map = SourceMap::new(source, filename);
    let scan = scan_if_error_free(&map, &parsed);
    let bound = scan.as_ref().and_then(|scan| scan.depth_bound);
    let parsed = crate::guard::reject_too_deep_bounded(parsed, bound, filename)?;
    if let Some(compile_error) = check_parsed(&map, &parsed, ParseKind::Expression, scan)? {
        return Err(compile_error);
    }
    match parsed.into_syntax() {
        ruff_python_ast::Mod::Expression(expression) => Ok(expression),
        ruff_python_ast::Mod::Module(_) => {
            Err(map.internal("expression parse did not produce an expression"))
        }
    }
}

/// Parses interactive input (`single` mode). Ruff has no single-statement mode, so this
/// parses a module; callers that need `single`'s one-statement rule check the statement
/// count themselves.
pub fn parse_interactive(source: &str, filename: &str) -> Result<ModModule, SyntaxDiagnostic> {
    parse_module(source, filename)
}

/// Decodes `bytes` like CPython (BOM, PEP 263 cookie) and parses them as a module.
pub fn parse_module_bytes(bytes: &[u8], filename: &str) -> Result<ModModule, SyntaxDiagnostic> {
    let source = decode_source(bytes, filename)?;
    parse_module(&source, filename)
}

/// Checks a source file the way `compile(bytes, filename, "exec")` would: the whole
/// frontend (decoding, parsing, scopes, lowering, passes and bytecode generation). This is the one
/// entry point the stdlib conformance test drives.
pub fn check_source(bytes: &[u8], filename: &str) -> Result<(), SyntaxDiagnostic> {
    crate::pipeline::compile_bytes(bytes, filename).map(|_| ())
}

fn options(mode: Mode) -> ParseOptions {
    ParseOptions::from(mode).with_target_version(TARGET_VERSION)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ParseKind {
    Module,
    Expression,
}

/// The token checks of a parse without errors ([`tokens::scan_error_free`]), which run
/// before the guard's depth check because they measure its bound on the way; `None` when
/// the parse has errors, which [`check_parsed`] then scans for itself.
fn scan_if_error_free<T>(map: &SourceMap<'_>, parsed: &Parsed<T>) -> Option<tokens::TokenScan> {
    (parsed.errors().is_empty() && parsed.unsupported_syntax_errors().is_empty())
        .then(|| tokens::scan_error_free(map, parsed.tokens()))
}

/// Picks the error CPython would report, if any (see the module docs for the order). An
/// error of CPython's compiler phase comes back as `Ok(Some(_))`. `error_free_scan` is
/// [`scan_if_error_free`]'s result.
fn check_parsed<T>(
    map: &SourceMap<'_>,
    parsed: &Parsed<T>,
    kind: ParseKind,
    error_free_scan: Option<tokens::TokenScan>,
) -> Result<Option<SyntaxDiagnostic>, SyntaxDiagnostic>
where
    T: AsAstRoot,
{
    if let Some(scan) = error_free_scan {
        // Cheap path for valid input: only the semantic checks and the few tokenizer
        // rules ruff does not enforce (tabs, number suffixes) remain.
        if let Some((_, error)) = scan.error {
            return Err(error);
        }
        return semantic::check(
            map,
            parsed.syntax().as_root(),
            kind,
            scan.may_declare_globals,
        );
    }
    let scan = tokens::scan(map, parsed.tokens(), parsed.errors());
    // A malformed f-string field stops CPython's parser before its tokenizer reaches a
    // later error in the same string.
    let field_error = errors::fstrings::first_field_error(map, parsed.tokens());
    if let Some((at, error)) = scan.error {
        return Err(field_error
            .as_ref()
            .filter(|field| field.string.contains_inclusive(at) && field.read_to <= at)
            .map_or(error, |field| field.diagnostic.clone()));
    }
    if let (Some(at), None) = (scan.eof_in_continuation, scan.unclosed) {
        // The tokenizer meets the end of the file inside a continuation line.
        let line = map.index.line_number(at);
        let (_, offset) = map
            .index
            .line_char_col(map.index.line_end(line, map.text), map.text);
        return Err(map.at(
            SyntaxErrorKind::SyntaxError,
            "unexpected EOF while parsing",
            line,
            offset,
            line,
            0,
        ));
    }
    let parse_error = errors::first_parse_error(
        map,
        parsed.errors(),
        parsed.tokens(),
        parsed.syntax().as_root(),
    );
    let first_error_at = parsed.errors().iter().map(|e| e.location.start()).min();
    let parse_error = match first_error_at.and_then(|at| {
        field_error
            .as_ref()
            .filter(|field| field.string.contains_inclusive(at))
    }) {
        Some(field) => Some(field.diagnostic.clone()),
        None => parse_error,
    };
    if let Some((bracket, at)) = scan.unclosed {
        let (line, offset) = map.index.line_char_col(at, map.text);
        let unclosed = map.at(
            SyntaxErrorKind::SyntaxError,
            &format!("'{bracket}' was never closed"),
            line,
            offset,
            line,
            0,
        );
        // CPython prefers the unclosed bracket unless the parse error comes first.
        match &parse_error {
            Some(error) if error.lineno.max(error.end_lineno) <= line => {}
            _ => return Err(unclosed),
        }
    }
    if let Some(error) = parse_error {
        return Err(error);
    }
    if let Some(error) = errors::first_unsupported_error(map, parsed.unsupported_syntax_errors()) {
        return Err(error);
    }
    semantic::check(map, parsed.syntax().as_root(), kind, true)
}

/// Lets [`check_parsed`] reach the AST root of any parse mode.
trait AsAstRoot {
    fn as_root(&self) -> semantic::Root<'_>;
}

impl AsAstRoot for ruff_python_ast::Mod {
    fn as_root(&self) -> semantic::Root<'_> {
        match self {
            ruff_python_ast::Mod::Module(module) => semantic::Root::Module(&module.body),
            ruff_python_ast::Mod::Expression(expression) => {
                semantic::Root::Expression(&expression.body)
            }
        }
    }
}

/// The decoded source with its line index and file name: everything needed to turn byte
/// offsets into CPython-style diagnostic positions.
pub(crate) struct SourceMap<'a> {
    pub text: &'a str,
    /// Shared by the stages of one compilation (see [`crate::pipeline`]), which would
    /// otherwise each index the same source again.
    pub index: Rc<LineIndex>,
    pub filename: &'a str,
}

impl<'a> SourceMap<'a> {
    pub fn new(text: &'a str, filename: &'a str) -> SourceMap<'a> {
        SourceMap::with_index(text, filename, Rc::new(LineIndex::new(text)))
    }

    /// A map over `text` with its line index already built.
    pub fn with_index(text: &'a str, filename: &'a str, index: Rc<LineIndex>) -> SourceMap<'a> {
        SourceMap {
            text,
            index,
            filename,
        }
    }

    /// A diagnostic at explicit CPython coordinates (1-based lines and character offsets;
    /// 0 for an unknown offset).
    pub fn at(
        &self,
        kind: SyntaxErrorKind,
        message: &str,
        lineno: u32,
        offset: u32,
        end_lineno: u32,
        end_offset: u32,
    ) -> SyntaxDiagnostic {
        let text = (lineno >= 1 && lineno <= self.index.line_count())
            .then(|| self.index.line_text(lineno, self.text).to_string());
        SyntaxDiagnostic {
            kind,
            message: message.to_string(),
            filename: self.filename.to_string(),
            lineno,
            offset,
            end_lineno,
            end_offset,
            text,
        }
    }

    /// A diagnostic covering the byte range `start..end` of the source.
    pub fn at_range(
        &self,
        kind: SyntaxErrorKind,
        message: &str,
        start: TextSize,
        end: TextSize,
    ) -> SyntaxDiagnostic {
        let (lineno, offset) = self.index.line_char_col(start, self.text);
        let (end_lineno, end_offset) = self.index.line_char_col(end.max(start), self.text);
        self.at(kind, message, lineno, offset, end_lineno, end_offset)
    }

    /// A diagnostic in the style of the C tokenizer's `syntaxerror()`: the offset counts
    /// the characters from the start of the line up to `cursor`, so the caret lands on
    /// the character just before it.
    pub fn at_cursor(
        &self,
        kind: SyntaxErrorKind,
        message: &str,
        cursor: TextSize,
    ) -> SyntaxDiagnostic {
        let before = TextSize::new(u32::from(cursor).saturating_sub(1));
        let line = self.index.line_number(before);
        let (_, column) = self
            .index
            .line_char_col(cursor.max(self.index.line_start(line)), self.text);
        let offset = column - 1;
        self.at(kind, message, line, offset, line, offset)
    }

    /// A diagnostic on `line` between two byte offsets (0-based start, exclusive end), as
    /// `syntaxerror_known_range` reports them.
    pub fn at_byte_columns(
        &self,
        kind: SyntaxErrorKind,
        message: &str,
        line: u32,
        start: usize,
        end: usize,
    ) -> SyntaxDiagnostic {
        let (_, offset) = self
            .index
            .line_char_col(TextSize::new(start as u32), self.text);
        let (_, end_offset) = self
            .index
            .line_char_col(TextSize::new(end as u32), self.text);
        self.at(kind, message, line, offset, line, end_offset)
    }

    /// A diagnostic for a state the parser should never reach; still an error, not a panic.
    fn internal(&self, message: &str) -> SyntaxDiagnostic {
        self.at(SyntaxErrorKind::SyntaxError, message, 0, 0, 0, 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes() {
        assert_eq!(parse_module("x = 1\n", "t.py").unwrap().body.len(), 1);
        assert!(parse_expression("a + b", "<string>").is_ok());
        let error = parse_expression("return", "<string>").unwrap_err();
        assert_eq!(error.message, "invalid syntax");
        assert!(parse_interactive("x = 1\n", "<stdin>").is_ok());
        let error = check_source(b"def f(:\n    pass\n", "t.py").unwrap_err();
        assert_eq!(
            (error.lineno, error.kind),
            (1, SyntaxErrorKind::SyntaxError)
        );
    }

    #[test]
    fn python_314_syntax_parses() {
        for source in [
            "try:\n    pass\nexcept A, B:\n    pass\n",
            "t = t'{x}'\n",
            "type L[T] = list[T]\n",
            "def f[T = int](): pass\n",
        ] {
            assert!(parse_module(source, "t.py").is_ok(), "{source}");
        }
        assert!(parse_module("lazy import os\n", "t.py").is_err());
    }
}
