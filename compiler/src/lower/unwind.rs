//! Leaving frame blocks early: the code `return`, `break` and `continue` emit to get out of
//! `try`/`finally`, `with`, `except` handlers and loops (CPython's
//! `codegen_unwind_fblock_stack`), plus the exception-handler bookkeeping every
//! control-flow construct shares.
//!
//! Each [`FrameBlock`] is popped while its exit code is emitted, so a `return` inside an
//! inlined `finally` body only unwinds the frames outside that `try`; the stack is restored
//! afterwards because the statements after the jump (dead code) still belong to the region.

use super::{FrameBlock, LowerResult, Lowerer};
use crate::ir::{Block, Const, Imm, Op, Value};
use ruff_python_ast::Stmt;
use ruff_text_size::TextRange;

/// Where an early exit goes once the frames are unwound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ExitKind {
    Return,
    Break,
    Continue,
}

impl ExitKind {
    fn keyword(self) -> &'static str {
        match self {
            ExitKind::Return => "return",
            ExitKind::Break => "break",
            ExitKind::Continue => "continue",
        }
    }
}

/// What [`Lowerer::unwind_frames`] found and must be undone after the exit's terminator.
pub(crate) struct Unwound {
    /// For `break`/`continue`: the innermost loop's `(continue_to, break_to)`.
    pub loop_targets: Option<(Block, Block)>,
    /// The handler active before unwinding, restored by [`Lowerer::finish_unwind`].
    saved_handler: Option<Block>,
}

impl<'a> Lowerer<'a> {
    /// Makes `handler` the exception handler of the code emitted next. A block has one
    /// handler, so unless the current block is still empty this continues in a new block.
    pub(crate) fn switch_handler(&mut self, handler: Option<Block>) {
        let b = self.b();
        b.handler = handler;
        let Some(current) = b.current() else { return };
        let data = &mut b.func.blocks[current.index()];
        if data.handler == handler {
            return;
        }
        if data.insts.is_empty() {
            data.handler = handler;
            return;
        }
        let next = b.create_block();
        b.jump(next, Vec::new());
        b.switch_to(next);
    }

    /// A new exception-handler block run under `outer`, with its exception parameter.
    pub(crate) fn new_handler_block(&mut self, outer: Option<Block>) -> (Block, Value) {
        let block = self.b().create_block_with_handler(outer);
        let exc = self.b().func.append_block_param(block);
        (block, exc)
    }

    /// A handler that restores `previous` as the handled exception and re-raises what it
    /// caught (CPython's `POP_EXCEPT_AND_RERAISE` cleanup), run under `outer`. The cursor
    /// is left where it was.
    pub(crate) fn new_cleanup_block(&mut self, previous: Value, outer: Option<Block>) -> Block {
        let (cleanup, exc) = self.new_handler_block(outer);
        let saved = self.b().current();
        self.b().switch_to(cleanup);
        self.b().ins_void(Op::PopExcInfo, Imm::None, [previous]);
        self.b().terminate(crate::ir::Terminator::Reraise(exc));
        if let Some(block) = saved {
            self.b().switch_to(block);
        }
        cleanup
    }

    /// Lowers a `finally` body on a non-exceptional path, marked for PEP 765.
    pub(crate) fn lower_finally_copy(&mut self, body: &'a [Stmt]) -> LowerResult<()> {
        self.frame_blocks.push(FrameBlock::FinallyBody);
        let result = self.lower_body(body);
        self.frame_blocks.pop();
        result
    }

    /// Emits PEP 765's `SyntaxWarning` when `exit` at `range` would leave a `finally` body
    /// of the current function (for `break`/`continue`, only when no loop inside the
    /// `finally` catches it). Inlined copies of the same body warn once.
    pub(crate) fn warn_exit_from_finally(&mut self, exit: ExitKind, range: TextRange) {
        let mut in_finally = false;
        for frame in self.unit_frames().iter().rev() {
            match frame {
                FrameBlock::Loop { .. } if exit != ExitKind::Return => break,
                FrameBlock::FinallyBody | FrameBlock::FinallyEnd { .. } => {
                    in_finally = true;
                    break;
                }
                _ => {}
            }
        }
        if !in_finally {
            return;
        }
        let message = format!("'{}' in a 'finally' block", exit.keyword());
        let (line, _) = self.line_col(range.start());
        if self
            .warnings
            .iter()
            .any(|w| w.lineno == line && w.message == message)
        {
            return;
        }
        self.warn("SyntaxWarning", range, message);
    }

    /// Emits the code leaving every frame block up to the innermost loop (for `break` and
    /// `continue`) or all of them (for `return`). The caller then emits its jump or return
    /// and calls [`Lowerer::finish_unwind`].
    pub(crate) fn unwind_frames(
        &mut self,
        exit: ExitKind,
        range: TextRange,
    ) -> LowerResult<Unwound> {
        let saved_handler = self.b().handler;
        self.set_loc(range);
        // The frames left are set aside above `base` of the lowerer's shared list, in the
        // order they were left, and put back once the code is emitted: copying the unit's
        // list to restore it allocated on every early exit.
        let base = self.unwound_frames.len();
        let mut loop_targets = None;
        let result = loop {
            let Some(top) = self.unit_frames().last().cloned() else {
                break Ok(());
            };
            match top {
                FrameBlock::ExceptStarHandler => {
                    break Err(self.error(
                        range,
                        "'break', 'continue' and 'return' cannot appear in an except* block",
                    ));
                }
                FrameBlock::Loop {
                    continue_to,
                    break_to,
                } if exit != ExitKind::Return => {
                    loop_targets = Some((continue_to, break_to));
                    break Ok(());
                }
                _ => {}
            }
            self.frame_blocks.pop();
            self.unwound_frames.push(top.clone());
            let height = self.frame_blocks.len();
            let unwound = self.unwind_frame(&top);
            // Leaving a frame may lower code (a `finally` body) but leaves the list as it
            // found it unless it failed.
            self.frame_blocks.truncate(height);
            if let Err(error) = unwound {
                break Err(error);
            }
        };
        while self.unwound_frames.len() > base {
            let frame = self.unwound_frames.pop().expect("a frame set aside");
            self.frame_blocks.push(frame);
        }
        result?;
        self.set_loc(range);
        Ok(Unwound {
            loop_targets,
            saved_handler,
        })
    }

    /// Restores the exception handler after the exit's terminator, for the dead code that
    /// may follow it.
    pub(crate) fn finish_unwind(&mut self, unwound: Unwound) {
        self.b().handler = unwound.saved_handler;
    }

    /// Emits the code leaving one frame block.
    fn unwind_frame(&mut self, frame: &FrameBlock<'a>) -> LowerResult<()> {
        match *frame {
            FrameBlock::Loop { .. } | FrameBlock::FinallyBody | FrameBlock::ExceptStarHandler => {}
            FrameBlock::FinallyTry { body, handler } => {
                self.switch_handler(handler);
                self.lower_finally_copy(body)?;
            }
            FrameBlock::FinallyEnd { previous, handler } => {
                self.switch_handler(handler);
                self.b().ins_void(Op::PopExcInfo, Imm::None, [previous]);
            }
            FrameBlock::With {
                exit,
                is_async,
                handler,
                range,
            } => {
                self.switch_handler(handler);
                self.set_loc(range);
                self.call_exit_with_none(exit, is_async);
            }
            FrameBlock::ExceptHandler {
                previous,
                name,
                handler,
            } => {
                self.switch_handler(handler);
                self.b().ins_void(Op::PopExcInfo, Imm::None, [previous]);
                if let Some(name) = name {
                    self.clear_handler_name(name);
                }
            }
        }
        Ok(())
    }

    /// `name = None; del name`: what leaving `except … as name` does, so the exception (and
    /// its traceback's frames) is not kept alive by the variable.
    pub(crate) fn clear_handler_name(&mut self, name: &str) {
        let none = self.b().constant(Const::None);
        self.store_name(name, none);
        self.delete_name(name);
    }

    /// Calls the `__exit__` (or `__aexit__`) bound method held in `exit` with no
    /// exception, awaiting the result for `async with`, and discards what it returns.
    pub(crate) fn call_exit_with_none(&mut self, exit: crate::ir::LocalId, is_async: bool) {
        let method = self.b().ins(Op::LoadFast, Imm::Local(exit), []);
        let none = self.b().constant(Const::None);
        let result = self.b().ins(Op::WithExit, Imm::None, [method, none]);
        if is_async {
            self.await_value(result, 2);
        }
    }

    /// `await value` for the compiler's own awaits: `get_awaitable` with the `where` code
    /// `site` (1 `async with` enter, 2 exit) and `yield_from`.
    pub(crate) fn await_value(&mut self, value: Value, site: i32) -> Value {
        let awaitable = self.b().ins(Op::GetAwaitable, Imm::Int(site), [value]);
        self.b().ins(Op::YieldFrom, Imm::None, [awaitable])
    }
}
