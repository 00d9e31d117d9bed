//! The symbol-table walk (to be written): records definitions and uses, then resolves.

use super::SymbolTable;
use crate::diagnostics::SyntaxDiagnostic;

pub(super) fn build(
    _module: &ruff_python_ast::ModModule,
    _source: &str,
    _filename: &str,
) -> Result<SymbolTable, SyntaxDiagnostic> {
    Ok(SymbolTable::default())
}
