//! Assignment and deletion targets: names, attributes, subscripts, and (starred) unpacking.

use super::{LowerResult, Lowerer};
use crate::ir::Value;
use ruff_python_ast::Expr;
use ruff_text_size::Ranged;

impl<'a> Lowerer<'a> {
    /// Stores `value` into an assignment target.
    pub(crate) fn store_target(&mut self, target: &'a Expr, value: Value) -> LowerResult<()> {
        let _ = value;
        Err(self.error(target.range(), "target not supported yet"))
    }

    /// Deletes a `del` target.
    pub(crate) fn delete_target(&mut self, target: &'a Expr) -> LowerResult<()> {
        Err(self.error(target.range(), "del target not supported yet"))
    }
}
