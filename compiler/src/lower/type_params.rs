//! PEP 695 type-parameter scopes and `type` aliases.

use super::{LowerResult, Lowerer};
use ruff_python_ast::StmtTypeAlias;
use ruff_text_size::Ranged;

impl<'a> Lowerer<'a> {
    /// Lowers `type Name[params] = value`.
    pub(crate) fn lower_type_alias(&mut self, stmt: &'a StmtTypeAlias) -> LowerResult<()> {
        Err(self.error(stmt.range(), "type alias not supported yet"))
    }
}
