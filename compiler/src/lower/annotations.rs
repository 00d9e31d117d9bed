//! PEP 649/749 deferred annotations: `__annotate__` functions for functions, classes and
//! modules, and annotated assignments.

use super::{LowerResult, Lowerer};
use ruff_python_ast::{Stmt, StmtAnnAssign};
use ruff_text_size::Ranged;

impl<'a> Lowerer<'a> {
    /// Lowers `target: annotation [= value]`.
    pub(crate) fn lower_ann_assign(&mut self, stmt: &'a StmtAnnAssign) -> LowerResult<()> {
        Err(self.error(stmt.range(), "annotated assignment not supported yet"))
    }

    /// At the end of a module or class body, emits its `__annotate__` function (if the body
    /// has annotations) and stores it as `__annotate__`.
    pub(crate) fn emit_deferred_annotations(&mut self, body: &'a [Stmt]) -> LowerResult<()> {
        let _ = body;
        Ok(())
    }
}
