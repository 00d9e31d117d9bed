//! Expressions.

use super::{LowerResult, Lowerer};
use crate::ir::Value;
use ruff_python_ast::{Arguments, Expr};
use ruff_text_size::Ranged;

impl<'a> Lowerer<'a> {
    /// Lowers an expression to the value it evaluates to.
    pub(crate) fn lower_expr(&mut self, expr: &'a Expr) -> LowerResult<Value> {
        Err(self.error(expr.range(), "expression not supported yet"))
    }

    /// Calls `callee(*leading, <arguments>)`, where `leading` are already evaluated
    /// positional values (used by class definitions: `__build_class__(func, name, …)`).
    pub(crate) fn lower_call_with(&mut self, callee: Value, leading: Vec<Value>, arguments: &'a Arguments) -> LowerResult<Value> {
        let _ = (callee, leading);
        Err(self.error(arguments.range(), "call not supported yet"))
    }
}
