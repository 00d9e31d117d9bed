//! `match` statements and every pattern kind.

use super::{LowerResult, Lowerer};
use ruff_python_ast::StmtMatch;
use ruff_text_size::Ranged;

impl<'a> Lowerer<'a> {
    /// Lowers a `match` statement.
    pub(crate) fn lower_match(&mut self, stmt: &'a StmtMatch) -> LowerResult<()> {
        Err(self.error(stmt.range(), "match not supported yet"))
    }
}
