//! `def`, `async def`, `lambda` and `class`: code objects, parameters, defaults,
//! closures and decorators.

use super::{LowerResult, Lowerer};
use crate::ir::Value;
use ruff_python_ast::{ExprLambda, StmtClassDef, StmtFunctionDef};
use ruff_text_size::Ranged;

impl<'a> Lowerer<'a> {
    /// Lowers a function definition, including decorators, and binds its name.
    pub(crate) fn lower_function_def(&mut self, def: &'a StmtFunctionDef) -> LowerResult<()> {
        Err(self.error(def.range(), "def not supported yet"))
    }

    /// Lowers a class definition, including decorators, and binds its name.
    pub(crate) fn lower_class_def(&mut self, class: &'a StmtClassDef) -> LowerResult<()> {
        Err(self.error(class.range(), "class not supported yet"))
    }

    /// Lowers a lambda to the function object.
    pub(crate) fn lower_lambda(&mut self, lambda: &'a ExprLambda) -> LowerResult<Value> {
        Err(self.error(lambda.range(), "lambda not supported yet"))
    }
}
