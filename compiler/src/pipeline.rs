//! The frontend pipeline in one place: parse → scopes → lower → passes (→ bytecode).

use crate::diagnostics::{CompileWarning, SyntaxDiagnostic, SyntaxErrorKind};
use crate::ir;
use crate::passes::{self, PassOptions};
use crate::scope::SymbolTable;
use ruff_python_ast::PythonVersion;
use ruff_python_parser::{Mode, ParseOptions};

/// What compiling a module to IR produces.
#[derive(Debug, Clone)]
pub struct IrOutput {
    pub module: ir::Module,
    pub warnings: Vec<CompileWarning>,
}

/// Parses, analyses and lowers `source` to IR (before passes).
pub fn compile_to_ir(source: &str, filename: &str) -> Result<IrOutput, SyntaxDiagnostic> {
    // Temporary direct parse; `parse::parse_module` (CPython-accurate diagnostics) replaces it.
    let options = ParseOptions::from(Mode::Module).with_target_version(PythonVersion::PY314);
    let parsed = ruff_python_parser::parse(source, options).map_err(|error| SyntaxDiagnostic {
        kind: SyntaxErrorKind::SyntaxError,
        message: error.error.to_string(),
        filename: filename.to_owned(),
        lineno: 0,
        offset: 0,
        end_lineno: 0,
        end_offset: 0,
        text: None,
    })?;
    let module = parsed.into_syntax().module().expect("module mode yields a module");
    let table = SymbolTable::build(&module, source, filename)?;
    let (module, warnings) = crate::lower::lower_module(&module, &table, source, filename)?;
    Ok(IrOutput { module, warnings })
}

/// Parses, analyses, lowers and optimises `source`: the IR code generation consumes.
///
/// The pass pipeline re-verifies the IR after every pass in debug builds; a failure there
/// is a compiler bug, not a user error, so it panics with the offending listing.
pub fn compile_to_optimized_ir(source: &str, filename: &str, options: &PassOptions) -> Result<IrOutput, SyntaxDiagnostic> {
    let mut output = compile_to_ir(source, filename)?;
    if let Err(error) = passes::run_passes(&mut output.module, options) {
        panic!("internal compiler error: {error}\n{}", ir::print_module(&output.module));
    }
    Ok(output)
}
