//! `try` statements: `except`, `except*` (PEP 654), `else` and `finally` (CPython's
//! `codegen_try_except`, `codegen_try_star_except` and `codegen_try_finally`).
//!
//! Shape of the IR: the protected body runs in blocks whose handler is a dispatch block
//! `H(exc)`. `H` makes `exc` the handled exception (`push_exc_info`, keeping the previous
//! one as an SSA value that dominates everything the handler reaches) and runs the
//! clauses under a cleanup handler that restores the previous exception and re-raises
//! whatever escapes them. A `finally` body is lowered once for the normal path, once for
//! the exceptional path, and inlined again at every `return`/`break`/`continue` leaving
//! the `try` (see `unwind.rs`).

use super::{FrameBlock, LowerResult, Lowerer};
use crate::ir::{Block, CmpOp, Const, Imm, Op, Terminator, Value};
use ruff_python_ast::{self as ast, ExceptHandler, Stmt};

impl<'a> Lowerer<'a> {
    /// Lowers any `try` statement.
    pub(crate) fn lower_try(&mut self, stmt: &'a ast::StmtTry) -> LowerResult<()> {
        if stmt.finalbody.is_empty() {
            return self.lower_try_except(stmt);
        }
        let outer = self.b().handler;
        let (handler, exc) = self.new_handler_block(outer);
        let end = self.b().create_block_with_handler(outer);

        // The protected region: the body (with its own handlers, if any).
        self.switch_handler(Some(handler));
        self.frame_blocks.push(FrameBlock::FinallyTry {
            body: &stmt.finalbody,
            handler: outer,
        });
        let result = if stmt.handlers.is_empty() {
            self.lower_body(&stmt.body)
        } else {
            self.lower_try_except(stmt)
        };
        self.frame_blocks.pop();
        result?;

        // Normal exit: the finally body, then on.
        self.switch_handler(outer);
        self.lower_finally_copy(&stmt.finalbody)?;
        if !self.b().is_terminated() {
            self.b().jump(end, Vec::new());
        }

        // Exceptional exit: the finally body with the exception being handled, then re-raise.
        self.b().switch_to(handler);
        self.b().handler = outer;
        let previous = self.b().ins(Op::PushExcInfo, Imm::None, [exc]);
        let cleanup = self.new_cleanup_block(previous, outer);
        self.switch_handler(Some(cleanup));
        self.frame_blocks.push(FrameBlock::FinallyEnd {
            previous,
            handler: outer,
        });
        let result = self.lower_body(&stmt.finalbody);
        self.frame_blocks.pop();
        result?;
        if !self.b().is_terminated() {
            self.switch_handler(outer);
            self.b().ins_void(Op::PopExcInfo, Imm::None, [previous]);
            self.b().terminate(Terminator::Reraise(exc));
        }
        self.b().handler = outer;
        self.b().switch_to(end);
        Ok(())
    }

    /// `try`/`except`/`else` (or `except*`), ignoring any `finally`.
    fn lower_try_except(&mut self, stmt: &'a ast::StmtTry) -> LowerResult<()> {
        let outer = self.b().handler;
        let (dispatch, exc) = self.new_handler_block(outer);
        let end = self.b().create_block_with_handler(outer);

        self.switch_handler(Some(dispatch));
        self.lower_body(&stmt.body)?;
        self.switch_handler(outer);
        self.lower_body(&stmt.orelse)?;
        if !self.b().is_terminated() {
            self.b().jump(end, Vec::new());
        }

        self.b().switch_to(dispatch);
        self.b().handler = outer;
        self.set_loc(stmt.range);
        let previous = self.b().ins(Op::PushExcInfo, Imm::None, [exc]);
        let cleanup = self.new_cleanup_block(previous, outer);
        self.switch_handler(Some(cleanup));
        if stmt.is_star {
            self.lower_except_star_clauses(stmt, exc, previous, cleanup, end)?;
        } else {
            self.lower_except_clauses(stmt, exc, previous, cleanup, end)?;
        }
        self.b().handler = outer;
        self.b().switch_to(end);
        Ok(())
    }

    /// The `except` clauses, tried in order under the `cleanup` handler; an unmatched
    /// exception is re-raised after restoring the previous one.
    fn lower_except_clauses(
        &mut self,
        stmt: &'a ast::StmtTry,
        exc: Value,
        previous: Value,
        cleanup: Block,
        end: Block,
    ) -> LowerResult<()> {
        let outer = self.block_handler(cleanup);
        let count = stmt.handlers.len();
        for (index, clause) in stmt.handlers.iter().enumerate() {
            let ExceptHandler::ExceptHandler(clause) = clause;
            if clause.type_.is_none() && index + 1 < count {
                return Err(self.error(clause.range, "default 'except:' must be last"));
            }
            self.set_loc(clause.range);
            let next = self.b().create_block();
            if let Some(type_) = &clause.type_ {
                let matched = self.b().create_block();
                let expected = self.lower_expr(type_)?;
                self.set_loc(clause.range);
                let is_match = self.b().ins(Op::ExcMatch, Imm::None, [exc, expected]);
                self.b().branch(is_match, matched, next);
                self.b().switch_to(matched);
            }
            let name = clause.name.as_ref().map(|n| n.id.as_str());
            match name {
                Some(name) => {
                    self.store_name(name, exc);
                    // `try: body finally: name = None; del name`, as CPython rewrites it.
                    let (cleanup_end, raised) = self.new_handler_block(Some(cleanup));
                    self.switch_handler(Some(cleanup_end));
                    self.lower_handler_body(&clause.body, previous, Some(name), outer)?;
                    if !self.b().is_terminated() {
                        self.switch_handler(outer);
                        self.b().ins_void(Op::PopExcInfo, Imm::None, [previous]);
                        self.clear_handler_name(name);
                        self.b().jump(end, Vec::new());
                    }
                    self.b().switch_to(cleanup_end);
                    self.b().handler = Some(cleanup);
                    self.clear_handler_name(name);
                    self.b().terminate(Terminator::Reraise(raised));
                    self.b().handler = Some(cleanup);
                }
                None => {
                    self.lower_handler_body(&clause.body, previous, None, outer)?;
                    if !self.b().is_terminated() {
                        self.switch_handler(outer);
                        self.b().ins_void(Op::PopExcInfo, Imm::None, [previous]);
                        self.b().jump(end, Vec::new());
                    }
                    self.b().handler = Some(cleanup);
                }
            }
            self.b().switch_to(next);
        }
        // No clause matched.
        self.switch_handler(outer);
        self.b().ins_void(Op::PopExcInfo, Imm::None, [previous]);
        self.b().terminate(Terminator::Reraise(exc));
        Ok(())
    }

    /// One handler's body with its frame block pushed.
    fn lower_handler_body(
        &mut self,
        body: &'a [Stmt],
        previous: Value,
        name: Option<&'a str>,
        outer: Option<Block>,
    ) -> LowerResult<()> {
        self.frame_blocks.push(FrameBlock::ExceptHandler {
            previous,
            name,
            handler: outer,
        });
        let result = self.lower_body(body);
        self.frame_blocks.pop();
        result
    }

    /// The `except*` clauses. Each clause splits the part of the exception group not yet
    /// handled (`check_eg_match`), runs its body on the matching part, and collects what the
    /// body raises; at the end `prep_reraise_star` combines the raised exceptions and the
    /// unhandled rest into what propagates, if anything.
    fn lower_except_star_clauses(
        &mut self,
        stmt: &'a ast::StmtTry,
        original: Value,
        previous: Value,
        cleanup: Block,
        end: Block,
    ) -> LowerResult<()> {
        let outer = self.block_handler(cleanup);
        let raised_list = self.b().ins(Op::BuildList, Imm::None, []);
        let mut rest = original;
        for clause in &stmt.handlers {
            let ExceptHandler::ExceptHandler(clause) = clause;
            self.set_loc(clause.range);
            let Some(type_) = &clause.type_ else {
                return Err(self.error(clause.range, "expected one or more exception types"));
            };
            let expected = self.lower_expr(type_)?;
            self.set_loc(clause.range);
            let split = self.b().ins(Op::CheckEgMatch, Imm::None, [rest, expected]);
            let remaining = self.b().ins(Op::TupleGet, Imm::Int(0), [split]);
            let matched = self.b().ins(Op::TupleGet, Imm::Int(1), [split]);
            let none = self.b().constant(Const::None);
            let no_match = self
                .b()
                .ins(Op::Compare, Imm::CmpOp(CmpOp::Is), [matched, none]);
            let body_block = self.b().create_block();
            let next = self.b().create_block();
            let next_rest = self.b().func.append_block_param(next);
            self.b().terminate(Terminator::Branch {
                cond: no_match,
                then_to: crate::ir::BlockCall::new(next, vec![remaining]),
                else_to: crate::ir::BlockCall::bare(body_block),
            });

            self.b().switch_to(body_block);
            let name = clause.name.as_ref().map(|n| n.id.as_str());
            if let Some(name) = name {
                self.store_name(name, matched);
            }
            let (cleanup_end, raised) = self.new_handler_block(Some(cleanup));
            self.switch_handler(Some(cleanup_end));
            self.frame_blocks.push(FrameBlock::ExceptStarHandler);
            let result = self.lower_body(&clause.body);
            self.frame_blocks.pop();
            result?;
            if !self.b().is_terminated() {
                self.switch_handler(Some(cleanup));
                if let Some(name) = name {
                    self.clear_handler_name(name);
                }
                self.b().jump(next, vec![remaining]);
            }

            // The body raised: remember the exception and go on with the next clause.
            self.b().switch_to(cleanup_end);
            self.b().handler = Some(cleanup);
            if let Some(name) = name {
                self.clear_handler_name(name);
            }
            self.b()
                .ins_void(Op::ListAppend, Imm::None, [raised_list, raised]);
            self.b().jump(next, vec![remaining]);

            self.b().switch_to(next);
            rest = next_rest;
        }
        self.b()
            .ins_void(Op::ListAppend, Imm::None, [raised_list, rest]);
        let to_raise = self
            .b()
            .ins(Op::PrepReraiseStar, Imm::None, [original, raised_list]);
        let none = self.b().constant(Const::None);
        let nothing = self
            .b()
            .ins(Op::Compare, Imm::CmpOp(CmpOp::Is), [to_raise, none]);
        let handled = self.b().create_block_with_handler(outer);
        let reraise = self.b().create_block_with_handler(outer);
        self.b().branch(nothing, handled, reraise);

        self.b().switch_to(handled);
        self.b().ins_void(Op::PopExcInfo, Imm::None, [previous]);
        self.b().jump(end, Vec::new());

        self.b().switch_to(reraise);
        self.b().ins_void(Op::PopExcInfo, Imm::None, [previous]);
        self.b().terminate(Terminator::Reraise(to_raise));
        Ok(())
    }

    /// The exception handler of `block` (the handler outside a `try`, read back from its
    /// cleanup block).
    fn block_handler(&mut self, block: Block) -> Option<Block> {
        self.b().func.blocks[block.index()].handler
    }
}
