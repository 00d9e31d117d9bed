//! Statements and control flow.

use super::{LowerResult, Lowerer};
use crate::ir::Terminator;
use ruff_python_ast::Stmt;

impl<'a> Lowerer<'a> {
    /// Lowers a module body and ends it with `return None`.
    pub(crate) fn lower_module_statements(&mut self, body: &'a [Stmt]) -> LowerResult<()> {
        self.lower_body(body)?;
        let none = self.b().none();
        self.b().terminate(Terminator::Return(none));
        Ok(())
    }

    /// Lowers a statement list.
    pub(crate) fn lower_body(&mut self, body: &'a [Stmt]) -> LowerResult<()> {
        for stmt in body {
            self.lower_stmt(stmt)?;
        }
        Ok(())
    }

    /// Lowers one statement.
    pub(crate) fn lower_stmt(&mut self, stmt: &'a Stmt) -> LowerResult<()> {
        use ruff_text_size::Ranged;
        Err(self.error(stmt.range(), "statement not supported yet"))
    }
}
