//! `with` and `async with` (CPython's `codegen_with_inner`/`codegen_async_with_inner`).
//!
//! Several items nest: `with a, b: body` is `with a: with b: body`. For each item the
//! context expression is evaluated, `__exit__` is looked up first and kept in a hidden
//! local (so every exit path, including inlined `return`s, can reach it), then `__enter__`
//! is called and its result bound. The body runs under a handler that calls
//! `__exit__(type, exc, tb)` with the exception being handled and re-raises unless the
//! result is true; normal exits call `__exit__(None, None, None)`.

use super::{FrameBlock, LowerResult, Lowerer};
use crate::ir::{Imm, Op, Terminator};
use ruff_python_ast as ast;
use ruff_text_size::Ranged;

impl<'a> Lowerer<'a> {
    /// Lowers `with`/`async with`.
    pub(crate) fn lower_with(&mut self, stmt: &'a ast::StmtWith) -> LowerResult<()> {
        if stmt.is_async && !self.unit_scope().is_coroutine {
            return Err(self.error(stmt.range, "'async with' outside async function"));
        }
        self.lower_with_items(stmt, 0)
    }

    /// Item `index` and everything inside it.
    fn lower_with_items(&mut self, stmt: &'a ast::StmtWith, index: usize) -> LowerResult<()> {
        let Some(item) = stmt.items.get(index) else {
            return self.lower_body(&stmt.body);
        };
        let is_async = stmt.is_async;
        let (enter_name, exit_name) = if is_async {
            ("__aenter__", "__aexit__")
        } else {
            ("__enter__", "__exit__")
        };

        let manager = self.lower_expr(&item.context_expr)?;
        self.set_loc(item.context_expr.range());
        let exit_id = self.b().func.add_name(exit_name);
        let exit_method = self.b().ins(Op::LoadSpecial, Imm::Name(exit_id), [manager]);
        let exit = self.hidden_local("exit");
        self.b()
            .ins_void(Op::StoreFast, Imm::Local(exit), [exit_method]);
        let enter_id = self.b().func.add_name(enter_name);
        let enter_method = self
            .b()
            .ins(Op::LoadSpecial, Imm::Name(enter_id), [manager]);
        let mut entered = self.b().ins(Op::Call, Imm::None, [enter_method]);
        if is_async {
            entered = self.await_value(entered, 1);
        }

        let outer = self.b().handler;
        let (handler, exc) = self.new_handler_block(outer);
        let end = self.b().create_block_with_handler(outer);

        // The protected region starts before the `as` target is bound, as in CPython.
        self.switch_handler(Some(handler));
        self.frame_blocks.push(FrameBlock::With {
            exit,
            is_async,
            handler: outer,
            range: item.context_expr.range(),
        });
        let result = match &item.optional_vars {
            Some(target) => self.store_target(target, entered),
            None => Ok(()),
        }
        .and_then(|()| self.lower_with_items(stmt, index + 1));
        self.frame_blocks.pop();
        result?;

        // Normal exit.
        self.switch_handler(outer);
        self.set_loc(item.context_expr.range());
        if !self.b().is_terminated() {
            self.call_exit_with_none(exit, is_async);
            self.b().jump(end, Vec::new());
        }

        // Exceptional exit: `__exit__` sees the exception; a true result suppresses it.
        self.b().switch_to(handler);
        self.b().handler = outer;
        let previous = self.b().ins(Op::PushExcInfo, Imm::None, [exc]);
        let cleanup = self.new_cleanup_block(previous, outer);
        self.switch_handler(Some(cleanup));
        let method = self.b().ins(Op::LoadFast, Imm::Local(exit), []);
        let mut suppress = self.b().ins(Op::WithExit, Imm::None, [method, exc]);
        if is_async {
            suppress = self.await_value(suppress, 2);
        }
        let suppressed = self.b().create_block_with_handler(outer);
        let reraise = self.b().create_block_with_handler(outer);
        self.b().branch(suppress, suppressed, reraise);

        self.b().switch_to(reraise);
        self.b().ins_void(Op::PopExcInfo, Imm::None, [previous]);
        self.b().terminate(Terminator::Reraise(exc));

        self.b().switch_to(suppressed);
        self.b().ins_void(Op::PopExcInfo, Imm::None, [previous]);
        self.b().jump(end, Vec::new());

        self.b().handler = outer;
        self.b().switch_to(end);
        Ok(())
    }
}
