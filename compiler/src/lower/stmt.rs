//! Statements: the dispatcher, simple statements, `if`, loops, `return`/`break`/`continue`,
//! `raise`, `assert`, and module/function bodies (CPython's `codegen_visit_stmt` and
//! `codegen_body` in Python/codegen.c). `try` lives in `try_stmt.rs`, `with` in
//! `with_stmt.rs`, imports in `import.rs` and early exits in `unwind.rs`.

use super::unwind::ExitKind;
use super::{FrameBlock, LowerResult, Lowerer};
use crate::ir::{
    BinOp, Block, BlockCall, Common, Const, FunctionKind, Imm, Intrinsic, Op, Terminator,
};
use crate::scope::{Scope, ScopeKind};
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::{Ranged, TextRange};

impl<'a> Lowerer<'a> {
    /// Lowers a module body and ends it with `return None`: `__future__` checks, the
    /// docstring, the statements, then the deferred `__annotate__` (PEP 649).
    pub(crate) fn lower_module_statements(&mut self, body: &'a [Stmt]) -> LowerResult<()> {
        self.scan_future_imports(body)?;
        self.begin_module_annotations(body)?;
        self.lower_scope_body(body)?;
        self.emit_deferred_annotations(body)?;
        if !self.b().is_terminated() {
            let none = self.b().none();
            self.b().terminate(Terminator::Return(none));
        }
        Ok(())
    }

    /// Lowers the body of a module or class (CPython's `codegen_body`): `setup_annotations`
    /// when `from __future__ import annotations` is on and the body annotates anything,
    /// the docstring stored as `__doc__` (cleaned as CPython 3.13+ does), then the
    /// statements. Emits no final return.
    pub(crate) fn lower_scope_body(&mut self, body: &'a [Stmt]) -> LowerResult<()> {
        if self.future_annotations && body_has_annotations(body) {
            if let Some(first) = body.first() {
                self.set_loc(first.range());
            }
            self.b().ins_void(Op::SetupAnnotations, Imm::None, []);
        }
        let interactive = self
            .current_unit()
            .is_some_and(|u| u.b.func.kind == FunctionKind::Interactive);
        let mut rest = body;
        // A string typed at the interactive prompt is displayed, not a docstring.
        if !interactive
            && let (Some(doc), Some(Stmt::Expr(first))) = (docstring_of(body), body.first())
        {
            self.set_loc(first.value.range());
            let doc = clean_docstring(doc, &mut self.docstring_lines);
            let doc = self.b().constant(Const::Str(doc));
            self.store_name("__doc__", doc);
            rest = &body[1..];
        }
        self.lower_body(rest)
    }

    /// Lowers a function body, adding `return None` when control falls off its end. (The
    /// docstring, if any, is an ignored constant statement here; the caller records it.)
    pub(crate) fn lower_function_body(&mut self, body: &'a [Stmt]) -> LowerResult<()> {
        self.lower_body(body)?;
        if !self.b().is_terminated() {
            let none = self.b().none();
            self.b().terminate(Terminator::Return(none));
        }
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
        self.set_loc(stmt.range());
        match stmt {
            Stmt::FunctionDef(def) => self.lower_function_def(def),
            Stmt::ClassDef(class) => self.lower_class_def(class),
            Stmt::TypeAlias(alias) => self.lower_type_alias(alias),
            Stmt::AnnAssign(assign) => self.lower_ann_assign(assign),
            Stmt::Match(stmt) => self.lower_match(stmt),
            Stmt::Return(ret) => self.lower_return(ret),
            Stmt::Delete(del) => {
                for target in &del.targets {
                    self.delete_target(target)?;
                }
                Ok(())
            }
            Stmt::Assign(assign) => {
                let value = self.lower_expr(&assign.value)?;
                for target in &assign.targets {
                    self.store_target(target, value)?;
                }
                Ok(())
            }
            Stmt::AugAssign(assign) => self.lower_aug_assign(assign),
            Stmt::For(stmt) if stmt.is_async => self.lower_async_for(stmt),
            Stmt::For(stmt) => self.lower_for(stmt),
            Stmt::While(stmt) => self.lower_while(stmt),
            Stmt::If(stmt) => self.lower_if(stmt),
            Stmt::With(stmt) => self.lower_with(stmt),
            Stmt::Raise(raise) => self.lower_raise(raise),
            Stmt::Try(stmt) => self.lower_try(stmt),
            Stmt::Assert(assert) => self.lower_assert(assert),
            Stmt::Import(import) => self.lower_import(import),
            Stmt::ImportFrom(import) => self.lower_import_from(import),
            Stmt::Global(_) | Stmt::Nonlocal(_) | Stmt::Pass(_) => Ok(()),
            Stmt::Expr(stmt) => self.lower_expr_stmt(&stmt.value),
            Stmt::Break(stmt) => self.lower_break_continue(ExitKind::Break, stmt.range),
            Stmt::Continue(stmt) => self.lower_break_continue(ExitKind::Continue, stmt.range),
            Stmt::IpyEscapeCommand(stmt) => Err(self.error(stmt.range, "invalid syntax")),
        }
    }

    /// The scope of the code object being built (not of an inlined comprehension).
    pub(crate) fn unit_scope(&self) -> &'a Scope<'a> {
        self.unit_ref().scope_info
    }

    /// An expression statement: the value is discarded, except at the top level of an
    /// interactive statement, where it is displayed. Constants are skipped as CPython does.
    fn lower_expr_stmt(&mut self, value: &'a Expr) -> LowerResult<()> {
        let interactive = self
            .current_unit()
            .is_some_and(|u| u.b.func.kind == FunctionKind::Interactive);
        if interactive {
            let value = self.lower_expr(value)?;
            self.b()
                .ins(Op::CallIntrinsic, Imm::Intrinsic(Intrinsic::Print), [value]);
            return Ok(());
        }
        if crate::parse::is_literal_constant(value) {
            return Ok(());
        }
        self.lower_expr(value)?;
        Ok(())
    }

    /// `target op= value`: the target's container and key are evaluated once, the
    /// operator is applied in place and the result stored back.
    fn lower_aug_assign(&mut self, stmt: &'a ast::StmtAugAssign) -> LowerResult<()> {
        let op = binop_of(stmt.op);
        match &*stmt.target {
            Expr::Name(name) => {
                self.set_loc(name.range);
                let old = self.load_name(&name.id);
                let value = self.lower_expr(&stmt.value)?;
                self.set_loc(stmt.range);
                let result = self.b().ins(Op::Inplace, Imm::BinOp(op), [old, value]);
                self.set_loc(name.range);
                self.store_name(&name.id, result);
            }
            Expr::Attribute(attr) => {
                let object = self.lower_expr(&attr.value)?;
                self.set_loc(attr.range);
                let attr_name = self.mangle(&attr.attr.id);
                let id = self.b().func.add_name(&attr_name);
                let old = self.b().ins(Op::GetAttr, Imm::Name(id), [object]);
                let value = self.lower_expr(&stmt.value)?;
                self.set_loc(stmt.range);
                let result = self.b().ins(Op::Inplace, Imm::BinOp(op), [old, value]);
                self.set_loc(attr.range);
                self.b()
                    .ins_void(Op::SetAttr, Imm::Name(id), [object, result]);
            }
            Expr::Subscript(sub) => {
                let object = self.lower_expr(&sub.value)?;
                let key = self.lower_expr(&sub.slice)?;
                self.set_loc(sub.range);
                let old = self.b().ins(Op::GetItem, Imm::None, [object, key]);
                let value = self.lower_expr(&stmt.value)?;
                self.set_loc(stmt.range);
                let result = self.b().ins(Op::Inplace, Imm::BinOp(op), [old, value]);
                self.set_loc(sub.range);
                self.b()
                    .ins_void(Op::SetItem, Imm::None, [object, key, result]);
            }
            other => {
                let kind = match other {
                    Expr::Tuple(_) => "tuple",
                    Expr::List(_) => "list",
                    _ => "expression",
                };
                return Err(self.error(
                    other.range(),
                    format!("'{kind}' is an illegal expression for augmented assignment"),
                ));
            }
        }
        Ok(())
    }

    /// Branches to `then_to` when `test` is true and to `else_to` otherwise. `not`, `and`
    /// and `or` become control flow (CPython's `codegen_jump_if`), so each operand's truth
    /// value is tested exactly once; a constant test becomes a plain jump.
    pub(crate) fn lower_test(
        &mut self,
        test: &'a Expr,
        then_to: Block,
        else_to: Block,
    ) -> LowerResult<()> {
        match test {
            Expr::UnaryOp(unary) if unary.op == ast::UnaryOp::Not => {
                self.lower_test(&unary.operand, else_to, then_to)
            }
            Expr::BoolOp(boolop) if !boolop.values.is_empty() => {
                let (last, rest) = boolop.values.split_last().expect("non-empty");
                for value in rest {
                    let next = self.b().create_block();
                    match boolop.op {
                        ast::BoolOp::And => self.lower_test(value, next, else_to)?,
                        ast::BoolOp::Or => self.lower_test(value, then_to, next)?,
                    }
                    self.b().switch_to(next);
                }
                self.lower_test(last, then_to, else_to)
            }
            _ => {
                let cond = self.lower_expr(test)?;
                self.set_loc(test.range());
                match self.b().func.value_const(cond).map(Const::is_truthy) {
                    Some(true) => self.b().jump(then_to, Vec::new()),
                    Some(false) => self.b().jump(else_to, Vec::new()),
                    None => self.b().branch(cond, then_to, else_to),
                }
                Ok(())
            }
        }
    }

    /// `if`/`elif`/`else`.
    fn lower_if(&mut self, stmt: &'a ast::StmtIf) -> LowerResult<()> {
        let end = self.b().create_block();
        // Walked in place: collecting the clauses into a list allocated for every `if`.
        let clauses = std::iter::once((Some(&*stmt.test), &stmt.body[..])).chain(
            stmt.elif_else_clauses
                .iter()
                .map(|c| (c.test.as_ref(), &c.body[..])),
        );
        // Without an `else`, the last test's false edge goes straight to the join block, as
        // CPython's `codegen_if` does, rather than through an empty block that only jumps on
        // (which `simplify_cfg` would have to thread away).
        let last_tested = stmt
            .elif_else_clauses
            .last()
            .is_none_or(|c| c.test.is_some());
        let count = 1 + stmt.elif_else_clauses.len();
        for (i, (test, body)) in clauses.enumerate() {
            match test {
                Some(test) => {
                    let then_block = self.b().create_block();
                    let next = if last_tested && i + 1 == count {
                        end
                    } else {
                        self.b().create_block()
                    };
                    self.lower_test(test, then_block, next)?;
                    self.b().switch_to(then_block);
                    self.lower_body(body)?;
                    if !self.b().is_terminated() {
                        self.b().jump(end, Vec::new());
                    }
                    if next != end {
                        self.b().switch_to(next);
                    }
                }
                None => {
                    self.lower_body(body)?;
                    if !self.b().is_terminated() {
                        self.b().jump(end, Vec::new());
                    }
                }
            }
        }
        // The join block follows the whole statement's code in the layout.
        self.b().switch_to_end(end);
        Ok(())
    }

    /// `while test: body else: orelse`; the test is re-evaluated at the top of each pass.
    fn lower_while(&mut self, stmt: &'a ast::StmtWhile) -> LowerResult<()> {
        let header = self.b().create_block();
        let body = self.b().create_block();
        let orelse = self.b().create_block();
        let end = self.b().create_block();
        self.b().fall_into(header);
        self.lower_test(&stmt.test, body, orelse)?;
        self.b().switch_to(body);
        self.lower_loop_body(&stmt.body, header, end)?;
        self.b().switch_to(orelse);
        self.lower_body(&stmt.orelse)?;
        self.b().fall_into(end);
        Ok(())
    }

    /// `for target in iter: body else: orelse` with `get_iter` and the `ForIter` terminator.
    fn lower_for(&mut self, stmt: &'a ast::StmtFor) -> LowerResult<()> {
        let iterable = self.lower_expr(&stmt.iter)?;
        self.set_loc(stmt.iter.range());
        let iter = self.b().ins(Op::GetIter, Imm::None, [iterable]);
        let header = self.b().create_block();
        let body = self.b().create_block();
        let item = self.b().func.append_block_param(body);
        let orelse = self.b().create_block();
        let end = self.b().create_block();
        self.b().fall_into(header);
        self.b().terminate(Terminator::ForIter {
            iter,
            body: BlockCall::bare(body),
            exit: BlockCall::bare(orelse),
        });
        self.b().switch_to(body);
        self.store_target(&stmt.target, item)?;
        self.lower_loop_body(&stmt.body, header, end)?;
        self.b().switch_to(orelse);
        self.lower_body(&stmt.orelse)?;
        self.b().fall_into(end);
        self.b().ins_void(Op::Release, Imm::None, [iter]);
        Ok(())
    }

    /// `async for`: each step awaits `anext(it)` in a region whose handler ends the loop on
    /// `StopAsyncIteration` and re-raises anything else (CPython's `END_ASYNC_FOR`).
    fn lower_async_for(&mut self, stmt: &'a ast::StmtFor) -> LowerResult<()> {
        if !self.unit_scope().is_coroutine {
            return Err(self.error(stmt.range, "'async for' outside async function"));
        }
        let iterable = self.lower_expr(&stmt.iter)?;
        self.set_loc(stmt.iter.range());
        let aiter = self.b().ins(Op::GetAIter, Imm::None, [iterable]);
        let outer = self.b().handler;
        let (stop, exc) = self.new_handler_block(outer);
        let header = self.b().create_block_with_handler(Some(stop));
        let body = self.b().create_block();
        let orelse = self.b().create_block();
        let end = self.b().create_block();
        let reraise = self.b().create_block();

        self.b().fall_into(header);
        self.set_loc(stmt.range);
        let awaitable = self.b().ins(Op::GetANext, Imm::None, [aiter]);
        let item = self.b().ins(Op::YieldFrom, Imm::None, [awaitable]);
        self.b().jump(body, Vec::new());

        self.b().switch_to(body);
        self.store_target(&stmt.target, item)?;
        self.lower_loop_body(&stmt.body, header, end)?;

        self.b().switch_to(stop);
        self.set_loc(stmt.iter.range());
        let stop_type = self
            .b()
            .ins(Op::LoadCommon, Imm::Common(Common::StopAsyncIteration), []);
        let matches = self.b().ins(Op::ExcMatch, Imm::None, [exc, stop_type]);
        self.b().branch(matches, orelse, reraise);
        self.b().switch_to(reraise);
        self.b().terminate(Terminator::Reraise(exc));

        self.b().switch_to(orelse);
        self.lower_body(&stmt.orelse)?;
        self.b().fall_into(end);
        Ok(())
    }

    /// A loop body with its frame block pushed; jumps back to `continue_to` at the end.
    fn lower_loop_body(
        &mut self,
        body: &'a [Stmt],
        continue_to: Block,
        break_to: Block,
    ) -> LowerResult<()> {
        self.frame_blocks.push(FrameBlock::Loop {
            continue_to,
            break_to,
        });
        let result = self.lower_body(body);
        self.frame_blocks.pop();
        result?;
        if !self.b().is_terminated() {
            self.b().jump(continue_to, Vec::new());
        }
        Ok(())
    }

    /// `break`/`continue`: unwinds to the innermost loop and jumps to its exit or top.
    fn lower_break_continue(&mut self, exit: ExitKind, range: TextRange) -> LowerResult<()> {
        self.warn_exit_from_finally(exit, range);
        let unwound = self.unwind_frames(exit, range)?;
        let Some((continue_to, break_to)) = unwound.loop_targets else {
            let message = match exit {
                ExitKind::Continue => "'continue' not properly in loop",
                _ => "'break' outside loop",
            };
            return Err(self.error(range, message));
        };
        let target = if exit == ExitKind::Break {
            break_to
        } else {
            continue_to
        };
        self.b().jump(target, Vec::new());
        self.finish_unwind(unwound);
        Ok(())
    }

    /// `return [value]`: the value is computed first, then every frame is unwound.
    fn lower_return(&mut self, stmt: &'a ast::StmtReturn) -> LowerResult<()> {
        let scope = self.unit_scope();
        if !matches!(scope.kind, ScopeKind::Function | ScopeKind::Lambda) {
            return Err(self.error(stmt.range, "'return' outside function"));
        }
        if stmt.value.is_some() && scope.is_coroutine && scope.is_generator {
            return Err(self.error(stmt.range, "'return' with value in async generator"));
        }
        self.warn_exit_from_finally(ExitKind::Return, stmt.range);
        let value = match &stmt.value {
            Some(value) => self.lower_expr(value)?,
            None => self.b().none(),
        };
        // CPython 3.14 locates the exit at a constant return value on the statement's line,
        // and at the statement otherwise (this is where an `except*` error points).
        let exit_range = match stmt.value.as_deref() {
            Some(value)
                if crate::parse::is_literal_constant(value)
                    && self.line_col(value.start()).0 == self.line_col(stmt.range.start()).0 =>
            {
                value.range()
            }
            _ => stmt.range,
        };
        let unwound = self.unwind_frames(ExitKind::Return, exit_range)?;
        self.b().terminate(Terminator::Return(value));
        self.finish_unwind(unwound);
        Ok(())
    }

    /// `raise`, `raise exc` and `raise exc from cause`.
    fn lower_raise(&mut self, stmt: &'a ast::StmtRaise) -> LowerResult<()> {
        let exc = stmt
            .exc
            .as_deref()
            .map(|e| self.lower_expr(e))
            .transpose()?;
        let cause = stmt
            .cause
            .as_deref()
            .map(|e| self.lower_expr(e))
            .transpose()?;
        self.set_loc(stmt.range);
        self.b().terminate(Terminator::Raise { exc, cause });
        Ok(())
    }

    /// `assert test[, msg]`: always emitted (`-O` is a runtime concern). Raises
    /// `AssertionError` (the builtin, even if shadowed) called with the message if given.
    fn lower_assert(&mut self, stmt: &'a ast::StmtAssert) -> LowerResult<()> {
        if let Expr::Tuple(tuple) = &*stmt.test
            && !tuple.elts.is_empty()
        {
            self.warn(
                "SyntaxWarning",
                stmt.range,
                "assertion is always true, perhaps remove parentheses?",
            );
        }
        let fail = self.b().create_block();
        let end = self.b().create_block();
        self.lower_test(&stmt.test, end, fail)?;
        self.b().switch_to(fail);
        self.set_loc(stmt.range);
        let error_type = self
            .b()
            .ins(Op::LoadCommon, Imm::Common(Common::AssertionError), []);
        let exc = match &stmt.msg {
            Some(msg) => {
                let msg = self.lower_expr(msg)?;
                self.set_loc(stmt.range);
                self.b().ins(Op::Call, Imm::None, [error_type, msg])
            }
            None => error_type,
        };
        // CPython locates the raise at the test (`compiler_assert`), so tracebacks
        // underline the failed condition.
        self.set_loc(stmt.test.range());
        self.b().terminate(Terminator::Raise {
            exc: Some(exc),
            cause: None,
        });
        self.set_loc(stmt.range);
        self.b().switch_to(end);
        Ok(())
    }
}

/// The augmented-assignment operator's IR operator.
fn binop_of(op: ast::Operator) -> BinOp {
    match op {
        ast::Operator::Add => BinOp::Add,
        ast::Operator::Sub => BinOp::Sub,
        ast::Operator::Mult => BinOp::Mul,
        ast::Operator::MatMult => BinOp::MatMul,
        ast::Operator::Div => BinOp::TrueDiv,
        ast::Operator::Mod => BinOp::Mod,
        ast::Operator::Pow => BinOp::Pow,
        ast::Operator::LShift => BinOp::LShift,
        ast::Operator::RShift => BinOp::RShift,
        ast::Operator::BitOr => BinOp::Or,
        ast::Operator::BitXor => BinOp::Xor,
        ast::Operator::BitAnd => BinOp::And,
        ast::Operator::FloorDiv => BinOp::FloorDiv,
    }
}

/// The docstring of a body: its first statement when that is a plain string literal
/// (CPython's `_PyAST_GetDocString`).
pub(crate) fn docstring_of(body: &[Stmt]) -> Option<&str> {
    match body.first()? {
        Stmt::Expr(stmt) => match &*stmt.value {
            Expr::StringLiteral(s) => Some(s.value.to_str()),
            _ => None,
        },
        _ => None,
    }
}

/// Whether a module or class body has an annotated assignment outside nested scopes
/// (CPython's `ste_annotations_used`), so `from __future__ import annotations` needs
/// `__annotations__` created up front.
pub(crate) fn body_has_annotations(body: &[Stmt]) -> bool {
    body.iter().any(|stmt| match stmt {
        Stmt::AnnAssign(_) => true,
        Stmt::For(s) => body_has_annotations(&s.body) || body_has_annotations(&s.orelse),
        Stmt::While(s) => body_has_annotations(&s.body) || body_has_annotations(&s.orelse),
        Stmt::If(s) => {
            body_has_annotations(&s.body)
                || s.elif_else_clauses
                    .iter()
                    .any(|c| body_has_annotations(&c.body))
        }
        Stmt::With(s) => body_has_annotations(&s.body),
        Stmt::Try(s) => {
            body_has_annotations(&s.body)
                || s.handlers.iter().any(|h| {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    body_has_annotations(&h.body)
                })
                || body_has_annotations(&s.orelse)
                || body_has_annotations(&s.finalbody)
        }
        Stmt::Match(s) => s.cases.iter().any(|c| body_has_annotations(&c.body)),
        _ => false,
    })
}

/// Removes a docstring's indentation as CPython 3.13+ does at compile time
/// (Python/compile.c `_PyCompile_CleanDoc`): tabs are expanded, the first line loses its
/// leading spaces and later lines lose the smallest indentation among their non-blank
/// lines. Unlike `inspect.cleandoc`, blank leading and trailing lines are kept.
/// `lines` is working space, kept by the caller for the next docstring: a list of its
/// own cost an allocation per docstring.
pub(crate) fn clean_docstring(doc: &str, lines: &mut Vec<DocLine>) -> String {
    // Docstrings are long and rarely hold tabs: only those are copied before the copy
    // that removes the margin. The search is `memchr`'s vector one: the standard
    // library's `contains` looks at a word at a time, four times the work on a docstring.
    let doc = if memchr::memchr(b'\t', doc.as_bytes()).is_some() {
        std::borrow::Cow::Owned(expand_tabs(doc))
    } else {
        std::borrow::Cow::Borrowed(doc)
    };
    // The text is walked by bytes, a line at a time: `\n` and ` ` are ASCII, so every
    // index found is a character boundary. (Splitting into a list of lines and trimming
    // each as characters cost several times more; the standard library holds thousands
    // of docstrings.)
    let bytes = doc.as_bytes();
    let first_end = line_end(bytes, 0);
    // Each later line's start, indentation and end, found once: the margin needs them
    // all before the first line is copied.
    lines.clear();
    let mut margin = usize::MAX;
    let mut start = first_end + 1;
    while start <= bytes.len() {
        let indent = leading_spaces(bytes, start);
        let end = line_end(bytes, start + indent);
        // Lines of spaces alone do not set the margin.
        if start + indent < end {
            margin = margin.min(indent);
        }
        lines.push((start, indent, end));
        start = end + 1;
    }
    let margin = if margin == usize::MAX { 0 } else { margin };
    let mut out = String::with_capacity(doc.len());
    out.push_str(doc[..first_end].trim_start_matches(' '));
    for &(start, indent, end) in lines.iter() {
        out.push('\n');
        out.push_str(&doc[start + indent.min(margin)..end]);
    }
    out
}

/// A docstring line after the first, as [`clean_docstring`] finds it: its start, how many
/// spaces indent it and its end.
pub(crate) type DocLine = (usize, usize, usize);

/// The index of the first `\n` in `bytes` from `from` on, or the length of `bytes`.
fn line_end(bytes: &[u8], from: usize) -> usize {
    let rest = bytes.get(from..).unwrap_or_default();
    // `memchr` looks at many bytes per step; docstring lines average some forty bytes.
    match memchr::memchr(b'\n', rest) {
        Some(offset) => from + offset,
        None => bytes.len(),
    }
}

/// How many spaces start `bytes[from..]`.
fn leading_spaces(bytes: &[u8], from: usize) -> usize {
    bytes
        .get(from..)
        .unwrap_or_default()
        .iter()
        .take_while(|&&b| b == b' ')
        .count()
}

/// `str.expandtabs()` with the default tab size of 8.
fn expand_tabs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut column = 0usize;
    for ch in text.chars() {
        match ch {
            '\t' => {
                let spaces = 8 - column % 8;
                out.extend(std::iter::repeat_n(' ', spaces));
                column += spaces;
            }
            '\n' | '\r' => {
                out.push(ch);
                column = 0;
            }
            _ => {
                out.push(ch);
                column += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    /// [`super::clean_docstring`] with working space of its own.
    fn clean_docstring(doc: &str) -> String {
        super::clean_docstring(doc, &mut Vec::new())
    }

    #[test]
    fn cleans_docstrings_like_cpython() {
        assert_eq!(
            clean_docstring("  Summary.\n\n    Body\n      more\n    "),
            "Summary.\n\nBody\n  more\n"
        );
        assert_eq!(clean_docstring("one line"), "one line");
        assert_eq!(clean_docstring("\n\tTabbed\n\t  x"), "\nTabbed\n  x");
        assert_eq!(clean_docstring(""), "");
        assert_eq!(clean_docstring("   "), "");
        assert_eq!(clean_docstring("a\n"), "a\n");
        assert_eq!(clean_docstring("a\n\n"), "a\n\n");
        assert_eq!(clean_docstring("a\n   \n  b\n    c"), "a\n \nb\n  c");
        assert_eq!(
            clean_docstring(
                "  Long first line, longer than a word.\n        indented line eight\n      x\r\n      "
            ),
            "Long first line, longer than a word.\n  indented line eight\nx\r\n"
        );
        assert_eq!(clean_docstring("x\n  é\n    ü"), "x\né\n  ü");
    }

    /// The line-splitting formulation `clean_docstring` replaced, kept as its reference.
    fn reference(doc: &str) -> String {
        let lines: Vec<&str> = doc.split('\n').collect();
        let margin = lines
            .iter()
            .skip(1)
            .filter_map(|line| {
                let indent = line.len() - line.trim_start_matches(' ').len();
                (indent < line.len()).then_some(indent)
            })
            .min()
            .unwrap_or(0);
        let mut out = String::new();
        for (i, line) in lines.iter().enumerate() {
            if i == 0 {
                out.push_str(line.trim_start_matches(' '));
            } else {
                out.push('\n');
                let spaces = line.len() - line.trim_start_matches(' ').len();
                out.push_str(&line[spaces.min(margin)..]);
            }
        }
        out
    }

    #[test]
    fn matches_the_line_splitting_reference() {
        // Every string of up to seven characters over an alphabet of the characters that
        // matter, plus longer ones that exercise the word-at-a-time newline search.
        let alphabet = [' ', '\n', 'x', 'é'];
        let mut cases = vec![String::new()];
        let mut frontier = vec![String::new()];
        for _ in 0..7 {
            let mut next = Vec::new();
            for prefix in &frontier {
                for &c in &alphabet {
                    let mut s = prefix.clone();
                    s.push(c);
                    next.push(s);
                }
            }
            cases.extend(next.iter().cloned());
            frontier = next;
        }
        for (i, case) in frontier.iter().enumerate().step_by(7) {
            cases.push(format!("{case}{}{case}", " ".repeat(i % 13)).repeat(3));
        }
        for case in &cases {
            assert_eq!(clean_docstring(case), reference(case), "{case:?}");
        }
    }
}
