//! PEP 649/749 deferred annotations: `__annotate__` functions for functions, classes and
//! modules, and annotated assignments, following CPython 3.14's `codegen_annotations`,
//! `codegen_annassign` and `codegen_process_deferred_annotations`.
//!
//! An `__annotate__` function takes one positional-only parameter `format`; it raises
//! `NotImplementedError` for formats above `VALUE_WITH_FAKE_GLOBALS` (2) and otherwise
//! returns a fresh dict of (mangled) name to evaluated annotation.
//!
//! Module and class bodies collect their simple-name annotations in an
//! [`AnnotationFrame`]. Annotations that might not run (every module annotation, and class
//! annotations nested in `if`/`for`/`while`/`try`/`with`/`match`) get an index; executing
//! the annotated statement adds it to the `__conditional_annotations__` set, and
//! `__annotate__` includes only annotations whose index is in the set.
//!
//! Under `from __future__ import annotations`, annotations are strings of their source
//! text: module and class bodies store them into `__annotations__` as they execute, and a
//! function gets a tuple `(name, text, name, text, …)` in `make_function`'s `annotate`
//! operand (CPython's `MAKE_FUNCTION_ANNOTATIONS`), which the runtime turns into
//! `__annotations__`.

use super::{LowerResult, Lowerer};
use crate::ir::{CmpOp, Common, Const, FuncId, FunctionKind, Imm, Op, Terminator, Value};
use crate::scope::{ScopeId, ScopeKey, ScopeKind};
use num_bigint::BigInt;
use ruff_python_ast::{Expr, Parameters, Stmt, StmtAnnAssign};
use ruff_text_size::{Ranged, TextRange, TextSize};

/// `annotationlib.Format.VALUE_WITH_FAKE_GLOBALS`: the highest format the compiler's
/// `__annotate__` functions support.
const VALUE_WITH_FAKE_GLOBALS: u64 = 2;

/// The hidden name of an annotation scope's parameter; renamed to `format` in the finished
/// code object, as CPython does, so that an annotation naming `format` is not shadowed.
const FORMAT_PARAM: &str = ".format";

/// The simple-name annotations of one module or class body.
pub(crate) struct AnnotationFrame<'a> {
    /// `self.depth()` of the body's unit.
    pub depth: usize,
    /// Each annotated statement with its conditional index, in source order.
    pub entries: Vec<(&'a StmtAnnAssign, Option<u32>)>,
    pub is_module: bool,
    /// The `__annotate__` function has been emitted.
    pub emitted: bool,
}

/// Collects simple-name annotated assignments of a body (not descending into nested
/// scopes), noting which are nested in compound statements.
fn collect_annotations<'a>(
    body: &'a [Stmt],
    conditional: bool,
    out: &mut Vec<(&'a StmtAnnAssign, bool)>,
) {
    for stmt in body {
        match stmt {
            Stmt::AnnAssign(ann) if ann.simple && ann.target.is_name_expr() => {
                out.push((ann, conditional))
            }
            Stmt::If(stmt) => {
                collect_annotations(&stmt.body, true, out);
                for clause in &stmt.elif_else_clauses {
                    collect_annotations(&clause.body, true, out);
                }
            }
            Stmt::For(stmt) => {
                collect_annotations(&stmt.body, true, out);
                collect_annotations(&stmt.orelse, true, out);
            }
            Stmt::While(stmt) => {
                collect_annotations(&stmt.body, true, out);
                collect_annotations(&stmt.orelse, true, out);
            }
            Stmt::With(stmt) => collect_annotations(&stmt.body, true, out),
            Stmt::Try(stmt) => {
                collect_annotations(&stmt.body, true, out);
                for handler in &stmt.handlers {
                    let ruff_python_ast::ExceptHandler::ExceptHandler(handler) = handler;
                    collect_annotations(&handler.body, true, out);
                }
                collect_annotations(&stmt.orelse, true, out);
                collect_annotations(&stmt.finalbody, true, out);
            }
            Stmt::Match(stmt) => {
                for case in &stmt.cases {
                    collect_annotations(&case.body, true, out);
                }
            }
            _ => {}
        }
    }
}

impl<'a> Lowerer<'a> {
    /// Lowers `target: annotation [= value]`.
    pub(crate) fn lower_ann_assign(&mut self, stmt: &'a StmtAnnAssign) -> LowerResult<()> {
        self.set_loc(stmt.range);
        // The assignment happens first; the annotation itself is never evaluated here.
        if let Some(value) = &stmt.value {
            let value = self.lower_expr(value)?;
            self.store_target(&stmt.target, value)?;
        }
        self.set_loc(stmt.range);
        match &*stmt.target {
            Expr::Name(name) if stmt.simple && self.in_namespace_body() => {
                if self.future_annotations {
                    let text = self.annotation_text(&stmt.annotation);
                    let text = self.b().constant(Const::Str(text));
                    let annotations = self.load_name("__annotations__");
                    let key = self.mangled_const(&name.id);
                    self.b()
                        .ins_void(Op::SetItem, Imm::None, [annotations, key, text]);
                } else {
                    self.record_annotation(stmt);
                }
            }
            // Without a value, the target's sub-expressions are still evaluated (and
            // discarded) so that undefined names raise (`codegen_check_ann_expr`).
            Expr::Attribute(attribute) if stmt.value.is_none() => {
                self.lower_expr(&attribute.value)?;
            }
            Expr::Subscript(subscript) if stmt.value.is_none() => {
                self.lower_expr(&subscript.value)?;
                self.check_annotated_subscript(&subscript.slice)?;
            }
            _ => {}
        }
        Ok(())
    }

    /// Evaluates the parts of an annotated subscript target's slice (`codegen_check_ann_subscr`).
    fn check_annotated_subscript(&mut self, slice: &'a Expr) -> LowerResult<()> {
        match slice {
            Expr::Slice(slice) => {
                for part in [&slice.lower, &slice.upper, &slice.step]
                    .into_iter()
                    .flatten()
                {
                    self.lower_expr(part)?;
                }
            }
            Expr::Tuple(tuple) => {
                for element in &tuple.elts {
                    self.check_annotated_subscript(element)?;
                }
            }
            _ => {
                self.lower_expr(slice)?;
            }
        }
        Ok(())
    }

    /// The mangled form of `name` as a `str` constant (an annotation dict key).
    fn mangled_const(&mut self, name: &str) -> Value {
        // Interned from the borrowed text, which is copied only when the pool lacks it.
        let mangled = self.mangle(name);
        self.b().str_constant(&mangled)
    }

    /// Whether the current unit is a module or class body (where simple annotations are
    /// recorded).
    fn in_namespace_body(&self) -> bool {
        let Some(unit) = self.current_unit() else {
            return false;
        };
        matches!(unit.scope_info.kind, ScopeKind::Module | ScopeKind::Class)
            && !self.in_inlined_comprehension()
    }

    /// Notes that annotated statement `stmt` ran, for conditional annotations.
    fn record_annotation(&mut self, stmt: &'a StmtAnnAssign) {
        let depth = self.depth();
        let Some(frame) = self
            .defs
            .annotation_frames
            .iter()
            .rev()
            .find(|frame| frame.depth == depth)
        else {
            return;
        };
        let is_module = frame.is_module;
        let Some(index) = frame
            .entries
            .iter()
            .find(|(entry, _)| std::ptr::eq(*entry, stmt))
            .and_then(|(_, index)| *index)
        else {
            return;
        };
        let set = self.load_conditional_set(is_module, false);
        let index = self.b().constant(Const::Int(BigInt::from(index)));
        self.b().ins_void(Op::SetAdd, Imm::None, [set, index]);
    }

    /// Loads `__conditional_annotations__`: a global of the module, a cell of the class.
    fn load_conditional_set(&mut self, is_module: bool, from_annotate: bool) -> Value {
        const NAME: &str = "__conditional_annotations__";
        if let Some(slot) = self.deref_slot(NAME).filter(|_| !is_module) {
            return self.b().ins(Op::LoadDeref, Imm::Deref(slot), []);
        }
        let id = self.b().func.add_name(NAME);
        let op = if from_annotate {
            Op::LoadGlobal
        } else {
            Op::LoadName
        };
        self.b().ins(op, Imm::Name(id), [])
    }

    /// Starts collecting the annotations of a module or class body.
    pub(crate) fn begin_annotation_frame(&mut self, body: &'a [Stmt], is_module: bool) {
        let mut found = Vec::new();
        collect_annotations(body, false, &mut found);
        let mut next = 0u32;
        let entries: Vec<_> = found
            .into_iter()
            .map(|(stmt, conditional)| {
                let index = (is_module || conditional).then(|| {
                    next += 1;
                    next - 1
                });
                (stmt, index)
            })
            .collect();
        self.defs.annotation_frames.push(AnnotationFrame {
            depth: self.depth(),
            entries,
            is_module,
            emitted: false,
        });
    }

    /// Module lowering calls this before the module's statements (after the `__future__`
    /// scan): it collects the module's annotations, creates `__conditional_annotations__`
    /// and defines `__annotate__` up front, as CPython 3.14 does. Without it,
    /// [`Self::emit_deferred_annotations`] still defines `__annotate__` at the end, but
    /// includes annotations whose statements never ran.
    pub(crate) fn begin_module_annotations(&mut self, body: &'a [Stmt]) -> LowerResult<()> {
        self.begin_annotation_frame(body, true);
        self.emit_annotation_prologue()
    }

    /// The start of a module or class body: the `__conditional_annotations__` set when the
    /// symbol table says the body has one (CPython's `_PyCodegen_Module` and
    /// `codegen_class_body` create it even under the future import, and for a class whose
    /// only conditional annotations are in a nested class), then (modules, unless the
    /// future import is on) the `__annotate__` function.
    pub(crate) fn emit_annotation_prologue(&mut self) -> LowerResult<()> {
        let scope = self.unit().scope;
        let info = self.table.scope(scope);
        let is_module = info.kind == ScopeKind::Module;
        if info.has_conditional_annotations {
            let set = self.b().ins(Op::BuildSet, Imm::None, []);
            if is_module {
                let id = self.b().func.add_name("__conditional_annotations__");
                self.b().ins_void(Op::StoreName, Imm::Name(id), [set]);
            } else if let Some(slot) = self.deref_slot("__conditional_annotations__") {
                self.b().ins_void(Op::StoreDeref, Imm::Deref(slot), [set]);
            }
        }
        // Under the future import, `lower_scope_body` emits `setup_annotations` instead.
        // CPython emits a module's `__annotate__` in a separate block placed at the start,
        // so that it exists even while the module is still executing.
        let depth = self.depth();
        let has_frame = self
            .defs
            .annotation_frames
            .last()
            .is_some_and(|frame| frame.depth == depth && !frame.entries.is_empty());
        if is_module && has_frame && !self.future_annotations {
            self.emit_annotate_for_frame()?;
        }
        Ok(())
    }

    /// At the end of a module or class body, emits its `__annotate__` function (if the body
    /// has annotations and it was not emitted yet) and stores it: as `__annotate__` in a
    /// module, `__annotate_func__` in a class. Pops the body's annotation frame.
    pub(crate) fn emit_deferred_annotations(&mut self, body: &'a [Stmt]) -> LowerResult<()> {
        let depth = self.depth();
        let has_frame = self
            .defs
            .annotation_frames
            .last()
            .is_some_and(|frame| frame.depth == depth);
        if !has_frame {
            // A module lowered without `begin_module_annotations`: treat every annotation as
            // unconditional.
            let mut found = Vec::new();
            collect_annotations(body, false, &mut found);
            let is_module = self.depth() == 1;
            let entries = found.into_iter().map(|(stmt, _)| (stmt, None)).collect();
            self.defs.annotation_frames.push(AnnotationFrame {
                depth,
                entries,
                is_module,
                emitted: false,
            });
        }
        let result = if self.future_annotations {
            Ok(())
        } else {
            self.emit_annotate_for_frame()
        };
        self.defs.annotation_frames.pop();
        result
    }

    /// Builds and stores the `__annotate__` function of the innermost frame, once.
    fn emit_annotate_for_frame(&mut self) -> LowerResult<()> {
        let Some(frame) = self.defs.annotation_frames.last_mut() else {
            return Ok(());
        };
        if frame.emitted || frame.entries.is_empty() {
            return Ok(());
        }
        frame.emitted = true;
        let entries = frame.entries.clone();
        let is_module = frame.is_module;
        let owner = self.current_unit().map(|unit| unit.scope_info.key);
        let Some(scope) = self.namespace_annotation_scope(owner) else {
            return Err(self.error(
                entries[0].0.range,
                "internal error: annotations have no scope",
            ));
        };
        let saved_loc = self.b().loc;
        // CPython attributes the function to the body's prologue location
        // (`LOCATION(firstlineno, firstlineno, 0, 0)`; line 1 for a module).
        let line = self.b().func.first_line;
        self.b().loc = crate::ir::Loc {
            line,
            col: 0,
            end_line: line,
            end_col: 0,
        };
        let qualname = self.code_qualname("__annotate__", false);
        self.enter_annotation_unit(
            scope,
            FunctionKind::Annotate,
            "__annotate__",
            qualname,
            line,
        );
        if !is_module && entries.iter().any(|(_, index)| index.is_some()) {
            let frees = &mut self.b().func.frees;
            if !frees
                .iter()
                .any(|free| free == "__conditional_annotations__")
            {
                frees.push("__conditional_annotations__".to_owned());
                // This unit's free variables are the last open ones.
                self.open_frees.push("__conditional_annotations__");
            }
            // The new free variable changes how `__conditional_annotations__` resolves.
            self.forget_names();
        }
        let dict = self.b().ins(Op::BuildMap, Imm::None, []);
        for (stmt, index) in entries {
            self.set_loc(stmt.range);
            let next = self.b().create_block();
            if let Some(index) = index {
                let index = self.b().constant(Const::Int(BigInt::from(index)));
                let set = self.load_conditional_set(is_module, true);
                let present = self
                    .b()
                    .ins(Op::Compare, Imm::CmpOp(CmpOp::In), [index, set]);
                let store = self.b().create_block();
                self.b().branch(present, store, next);
                self.b().switch_to(store);
            }
            let value = self.lower_expr(&stmt.annotation)?;
            let Expr::Name(name) = &*stmt.target else {
                continue;
            };
            let key = self.mangled_const(&name.id);
            self.b()
                .ins_void(Op::SetItem, Imm::None, [dict, key, value]);
            self.b().jump(next, Vec::new());
            self.b().switch_to(next);
        }
        self.b().terminate(Terminator::Return(dict));
        let code = self.exit_annotation_unit();
        self.b().loc = saved_loc;
        let annotate = self.make_function(code, None, None, None);
        let name = if is_module {
            "__annotate__"
        } else {
            "__annotate_func__"
        };
        let id = self.b().func.add_name(name);
        self.b().ins_void(Op::StoreName, Imm::Name(id), [annotate]);
        Ok(())
    }

    /// The annotation scope of the current module or class body.
    fn namespace_annotation_scope(&self, owner: Option<ScopeKey>) -> Option<ScopeId> {
        match owner? {
            ScopeKey::Class(range) => self.table.lookup(ScopeKey::Annotation(range)),
            ScopeKey::Module => {
                let full =
                    TextRange::new(TextSize::new(0), TextSize::new(self.source.len() as u32));
                self.table.lookup(ScopeKey::Annotation(full)).or_else(|| {
                    // Fall back to the module's widest annotation child: function
                    // annotation scopes are keyed by (narrower) `def` ranges.
                    let root = self.table.root();
                    self.table
                        .scope(root)
                        .children
                        .iter()
                        .copied()
                        .filter(|&child| self.table.scope(child).kind == ScopeKind::Annotation)
                        .max_by_key(|&child| match self.table.scope(child).key {
                            ScopeKey::Annotation(range) => range.len(),
                            _ => TextSize::new(0),
                        })
                })
            }
            _ => None,
        }
    }

    /// The `__annotate__` function of a `def` (or, under the future import, the tuple of
    /// name/string pairs), or `None` when nothing is annotated. Keys follow CPython's order:
    /// regular parameters, positional-only ones, `*args`, keyword-only, `**kwargs`, `return`.
    pub(crate) fn lower_function_annotations(
        &mut self,
        parameters: &'a Parameters,
        returns: Option<&'a Expr>,
        owner: TextRange,
        stmt_range: TextRange,
    ) -> LowerResult<Option<Value>> {
        // Walked in place, and the pairs gathered on the operand stack: every annotated
        // `def` allocated a list of its annotations and one of their values.
        let mut items = annotated_items(parameters, returns).peekable();
        if items.peek().is_none() {
            return Ok(None);
        }
        self.set_loc(stmt_range);
        if self.future_annotations {
            let base = self.operand_base();
            for (name, annotation) in items {
                let key = self.mangled_const(name);
                self.push_operand(key);
                let text = self.annotation_text(annotation);
                let value = self.b().constant(Const::Str(text));
                self.push_operand(value);
            }
            return Ok(Some(self.ins_from_stack(Op::BuildTuple, Imm::None, base)));
        }
        let Some(scope) = self.table.lookup(ScopeKey::Annotation(owner)) else {
            return Err(self.error(stmt_range, "internal error: annotations have no scope"));
        };
        let qualname = self.code_qualname("__annotate__", false);
        let line = self.line_col(stmt_range.start()).0;
        self.enter_annotation_unit(
            scope,
            FunctionKind::Annotate,
            "__annotate__",
            qualname,
            line,
        );
        let base = self.operand_base();
        for (name, annotation) in items {
            let key = self.mangled_const(name);
            self.push_operand(key);
            let value = self.lower_annotation_value(annotation, true)?;
            self.push_operand(value);
            self.set_loc(stmt_range);
        }
        let dict = self.ins_from_stack(Op::BuildMap, Imm::None, base);
        self.b().terminate(Terminator::Return(dict));
        let code = self.exit_annotation_unit();
        self.set_loc(stmt_range);
        Ok(Some(self.make_function(code, None, None, None)))
    }

    /// Evaluates an annotation (or lazily evaluated type-parameter expression); a starred
    /// one (`*args: *Ts`) unpacks to its single item, as `[value] = [*Ts]`.
    pub(crate) fn lower_annotation_value(
        &mut self,
        expr: &'a Expr,
        allow_starred: bool,
    ) -> LowerResult<Value> {
        match expr {
            Expr::Starred(starred) if allow_starred => {
                let value = self.lower_expr(&starred.value)?;
                self.set_loc(expr.range());
                let unpacked = self.b().ins(Op::UnpackSequence, Imm::Int(1), [value]);
                Ok(self.b().ins(Op::TupleGet, Imm::Int(0), [unpacked]))
            }
            _ => self.lower_expr(expr),
        }
    }

    /// Enters an annotation-like code object (`codegen_setup_annotations_scope`): one
    /// positional-only parameter, and `if format > VALUE_WITH_FAKE_GLOBALS: raise
    /// NotImplementedError`.
    pub(crate) fn enter_annotation_unit(
        &mut self,
        scope: ScopeId,
        kind: FunctionKind,
        name: &str,
        qualname: String,
        line: u32,
    ) {
        let loc = self.b().loc;
        self.enter_unit(scope, kind, name, qualname, line);
        self.b().loc = loc;
        // The table outlives the lowerer's borrow, so the name is read in place.
        let table = self.table;
        let param = table.scope(scope).params().next().unwrap_or(FORMAT_PARAM);
        self.set_leading_params(&[param]);
        let nested = self.is_nested_scope(scope);
        let func = &mut self.b().func;
        func.argcount = 1;
        func.posonlyargcount = 1;
        if nested {
            func.flags.insert(crate::ir::CodeFlags::NESTED);
        }
        let format = self
            .b()
            .ins(Op::LoadFast, Imm::Local(crate::ir::LocalId::new(0)), []);
        let limit = self.b().int_constant(VALUE_WITH_FAKE_GLOBALS);
        let unsupported = self
            .b()
            .ins(Op::Compare, Imm::CmpOp(CmpOp::Gt), [format, limit]);
        let raise = self.b().create_block();
        let body = self.b().create_block();
        self.b().branch(unsupported, raise, body);
        self.b().switch_to(raise);
        let error = self
            .b()
            .ins(Op::LoadCommon, Imm::Common(Common::NotImplementedError), []);
        self.b().terminate(Terminator::Raise {
            exc: Some(error),
            cause: None,
        });
        self.b().switch_to(body);
    }

    /// Finishes an annotation-like code object, naming its parameter `format`.
    pub(crate) fn exit_annotation_unit(&mut self) -> FuncId {
        if let Some(first) = self.b().func.locals.first_mut() {
            "format".clone_into(first);
        }
        self.exit_unit()
    }

    /// The string form of an annotation under `from __future__ import annotations`: its
    /// source text (CPython unparses the AST, which differs only in spacing and quotes).
    fn annotation_text(&self, expr: &Expr) -> String {
        self.source
            .get(std::ops::Range::<usize>::from(expr.range()))
            .unwrap_or("")
            .to_owned()
    }
}

/// The annotated parameters of a `def` and its return annotation, named, in CPython's
/// order: regular parameters, positional-only ones, `*args`, keyword-only, `**kwargs`,
/// `return`.
fn annotated_items<'a>(
    parameters: &'a Parameters,
    returns: Option<&'a Expr>,
) -> impl Iterator<Item = (&'a str, &'a Expr)> {
    let named = |parameter: &'a ruff_python_ast::ParameterWithDefault| {
        let annotation = parameter.parameter.annotation.as_deref()?;
        Some((parameter.name().as_str(), annotation))
    };
    let variadic = |parameter: &'a Option<Box<ruff_python_ast::Parameter>>| {
        let parameter = parameter.as_deref()?;
        Some((parameter.name.as_str(), parameter.annotation.as_deref()?))
    };
    parameters
        .args
        .iter()
        .chain(&parameters.posonlyargs)
        .filter_map(named)
        .chain(variadic(&parameters.vararg))
        .chain(parameters.kwonlyargs.iter().filter_map(named))
        .chain(variadic(&parameters.kwarg))
        .chain(returns.map(|returns| ("return", returns)))
}
