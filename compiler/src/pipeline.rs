//! The frontend pipeline in one place: parse → scopes → lower → passes (→ bytecode).

use crate::diagnostics::{CompileWarning, SyntaxDiagnostic, SyntaxErrorKind};
use crate::ir;
use crate::lower::FunctionSink;
use crate::passes::{self, PassOptions};
use crate::scope::SymbolTable;
use crate::{guard, parse, source};

/// What compiling a module to IR produces.
#[derive(Debug, Clone)]
pub struct IrOutput {
    pub module: ir::Module,
    pub warnings: Vec<CompileWarning>,
}

/// Parses, analyses and lowers `source` to IR (before passes).
pub fn compile_to_ir(source: &str, filename: &str) -> Result<IrOutput, SyntaxDiagnostic> {
    compile_to_ir_streaming(source, filename, None)
}

/// [`compile_to_ir`], handing each function to `sink` as lowering completes it (see
/// [`crate::lower::lower_module_streaming`]).
fn compile_to_ir_streaming(
    source: &str,
    filename: &str,
    sink: Option<&mut dyn FunctionSink>,
) -> Result<IrOutput, SyntaxDiagnostic> {
    let longest_line = guard::compile_stack_line_bound(source);
    guard::with_stack_for_line(longest_line, || {
        guard::check_nesting_for_line(longest_line, source, filename)?;
        // One line index serves every stage's positions.
        let index = std::rc::Rc::new(source::LineIndex::new(source));
        // The parser leaves its semantic checks to the symbol table's walk when it can.
        let (module, compile_error, deferred) =
            parse::parse_module_deferring_semantics(source, filename, &index)?;
        let (table, compile_error) = match deferred {
            Some(may_declare_globals) => {
                SymbolTable::build_checked(&module, source, filename, &index, may_declare_globals)?
            }
            None => (
                SymbolTable::build_indexed(&module, source, filename, &index)?,
                compile_error,
            ),
        };
        // CPython's compiler raises the first error it meets walking the code in source
        // order; the parser's checks and lowering each find some of them.
        // Shortened to the borrows of this module's tree and table.
        let sink = sink.map(|s| -> &mut dyn FunctionSink { s });
        let lowered =
            crate::lower::lower_module_streaming(&module, &table, source, filename, &index, sink);
        let (ir, warnings) = match (lowered, compile_error) {
            (Ok(_), Some(error)) => return Err(error),
            (Ok(lowered), None) => lowered,
            (Err(lowered), parsed) => return Err(earlier(lowered, parsed)),
        };
        Ok(IrOutput {
            module: ir,
            warnings,
        })
    })
}

/// Whichever of two compiler errors comes first in the source.
fn earlier(lowered: SyntaxDiagnostic, parsed: Option<SyntaxDiagnostic>) -> SyntaxDiagnostic {
    match parsed {
        Some(parsed) if (parsed.lineno, parsed.offset) < (lowered.lineno, lowered.offset) => parsed,
        _ => lowered,
    }
}

/// Compiles `source` to register bytecode: [`compile_to_ir`], then code generation. Every
/// code object of the module is in the result, `codes[0]` being the module body.
///
/// Debug and test builds take [`compile_to_bytecode_verified`], release builds
/// [`compile_to_bytecode_streaming`]; the two give the same code (a test compares them on
/// every snapshot input).
pub fn compile_to_bytecode(
    source: &str,
    filename: &str,
) -> Result<(crate::bytecode::CodeModule, Vec<CompileWarning>), SyntaxDiagnostic> {
    if cfg!(debug_assertions) {
        compile_to_bytecode_verified(source, filename)
    } else {
        compile_to_bytecode_streaming(source, filename)
    }
}

/// [`compile_to_bytecode`] lowering the whole module first and verifying its IR between
/// passes.
pub fn compile_to_bytecode_verified(
    source: &str,
    filename: &str,
) -> Result<(crate::bytecode::CodeModule, Vec<CompileWarning>), SyntaxDiagnostic> {
    let IrOutput { module, warnings } =
        compile_to_optimized_ir(source, filename, &PassOptions::default())?;
    let code = crate::bytecode::codegen::compile_module_owned(module)
        .map_err(|error| too_large(filename, error))?;
    Ok((code, warnings))
}

/// [`compile_to_bytecode`] optimising each function and generating its code the moment
/// lowering finishes it, while its IR is still in cache.
pub fn compile_to_bytecode_streaming(
    source: &str,
    filename: &str,
) -> Result<(crate::bytecode::CodeModule, Vec<CompileWarning>), SyntaxDiagnostic> {
    let mut sink = CodegenSink {
        options: PassOptions::default(),
        codes: Vec::new(),
        too_large: None,
    };
    let IrOutput { module, warnings } = compile_to_ir_streaming(source, filename, Some(&mut sink))?;
    if let Some(error) = sink.too_large {
        return Err(too_large(filename, error));
    }
    let mut codes = sink.codes;
    // The module body finishes last and goes to `codes[0]`, the placeholder's slot.
    if !codes.is_empty() {
        codes.swap_remove(0);
    }
    let code = crate::bytecode::CodeModule {
        filename: module.filename,
        codes,
    };
    Ok((code, warnings))
}

/// Valid IR only fails code generation past the encoding's limits (65,536 registers,
/// constants or names in one code object); CPython reports such limits as SyntaxError.
fn too_large(filename: &str, error: crate::bytecode::CodegenError) -> SyntaxDiagnostic {
    SyntaxDiagnostic {
        kind: SyntaxErrorKind::SyntaxError,
        message: error.message,
        filename: filename.to_owned(),
        lineno: 0,
        offset: 0,
        end_lineno: 0,
        end_offset: 0,
        text: None,
    }
}

/// Optimises and compiles each function as lowering finishes it (release builds).
struct CodegenSink {
    options: PassOptions,
    /// A placeholder for the module body, which lowering finishes last, then every code
    /// object in the order they are finished: moving the body into the placeholder's slot
    /// at the end costs one move, where shifting every code object along a slot cost
    /// several per code object.
    codes: Vec<crate::bytecode::CodeObject>,
    /// The first function past the encoding's limits.
    too_large: Option<crate::bytecode::CodegenError>,
}

impl FunctionSink for CodegenSink {
    fn reserve(&mut self, functions: usize) {
        // Called once, before the first function: the placeholder goes first.
        self.codes.reserve(functions + 1);
        self.codes.push(crate::bytecode::CodeObject::placeholder());
    }

    fn finish(&mut self, func: &mut ir::Function) {
        passes::optimize_function(func, &self.options);
        if let Err(error) = crate::bytecode::codegen::compile_function_into(func, &mut self.codes) {
            self.too_large.get_or_insert(error);
        }
    }
}

/// Parses, analyses, lowers and optimises `source`: the IR code generation consumes.
///
/// The pass pipeline re-verifies the IR after every pass in debug builds; a failure there
/// is a compiler bug, not a user error, so it panics with the offending listing.
pub fn compile_to_optimized_ir(
    source: &str,
    filename: &str,
    options: &PassOptions,
) -> Result<IrOutput, SyntaxDiagnostic> {
    let mut output = compile_to_ir(source, filename)?;
    if let Err(error) = passes::run_passes(&mut output.module, options) {
        panic!(
            "internal compiler error: {error}\n{}",
            ir::print_module(&output.module)
        );
    }
    Ok(output)
}

/// Compiles raw source bytes through the whole frontend, as `compile()` would.
pub fn compile_bytes(
    bytes: &[u8],
    filename: &str,
) -> Result<(crate::bytecode::CodeModule, Vec<CompileWarning>), SyntaxDiagnostic> {
    let source = source::decode_source(bytes, filename)?;
    compile_to_bytecode(&source, filename)
}
