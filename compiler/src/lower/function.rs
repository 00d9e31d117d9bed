//! `def`, `async def`, `lambda` and `class`: code objects, parameters, defaults,
//! closures and decorators, following CPython 3.14's `Python/codegen.c`
//! (`codegen_function`, `codegen_function_body`, `codegen_lambda`, `codegen_class`,
//! `codegen_class_body`, `_PyCodegen_Body`).
//!
//! Also home to private-name mangling (`_Py_Mangle`): the innermost enclosing class name is
//! kept on [`DefinitionState::class_stack`], and `load_name`/`store_name`/`delete_name` in
//! `mod.rs` mangle through [`Lowerer::mangle`].

use super::annotations::AnnotationFrame;
use super::stmt::{clean_docstring, docstring_of};
use super::{LowerResult, Lowerer};
use crate::ir::{
    CodeFlags, Const, FuncId, FunctionKind, Imm, Intrinsic, Loc, Op, Terminator, Value,
};
use crate::scope::{ScopeId, ScopeKey, ScopeKind};
#[cfg(debug_assertions)]
use ruff_python_ast::visitor::{Visitor, walk_expr, walk_stmt};
use ruff_python_ast::{Decorator, ExprLambda, Parameters, Stmt, StmtClassDef, StmtFunctionDef};
use ruff_text_size::{Ranged, TextRange, TextSize};
use std::borrow::Cow;
#[cfg(debug_assertions)]
use std::collections::BTreeSet;

/// Lowering state that follows definitions rather than code objects.
#[derive(Default)]
pub(crate) struct DefinitionState<'a> {
    /// Names of the enclosing classes, innermost last: the "private" name used to mangle
    /// `__x` identifiers. Pushed for a class body and for a generic class's type-parameter
    /// scope (CPython passes the class name as that scope's private name too). Borrowed
    /// from the tree: copying each class's name cost an allocation per class.
    pub class_stack: Vec<&'a str>,
    /// Simple-name annotations of the module and class bodies being lowered, innermost last.
    pub annotation_frames: Vec<AnnotationFrame<'a>>,
}

/// CPython's `_Py_Mangle`: `__spam` inside class `_Ham` becomes `_Ham__spam`; dunder names,
/// dotted names and names in all-underscore classes are left alone.
/// Borrowed when nothing changes, which is nearly always: every name lowering meets goes
/// through here.
#[inline]
pub(crate) fn mangle_name<'n>(private: Option<&str>, name: &'n str) -> Cow<'n, str> {
    // Inlined for the first test, which nearly every name fails; the rest stays out of line.
    match private {
        Some(private) if name.starts_with("__") => mangle_private_name(private, name),
        _ => Cow::Borrowed(name),
    }
}

/// [`mangle_name`] of a name starting with `__` inside class `private`.
fn mangle_private_name<'n>(private: &str, name: &'n str) -> Cow<'n, str> {
    if name.ends_with("__") || name.contains('.') {
        return Cow::Borrowed(name);
    }
    let class = private.trim_start_matches('_');
    if class.is_empty() {
        return Cow::Borrowed(name);
    }
    Cow::Owned(format!("_{class}{name}"))
}

/// `{base}{separator}{name}`, built in one allocation of the exact size: every nested
/// code object's qualified name is made this way, and `format!` cost several times more.
pub(crate) fn join_qualname(base: &str, separator: &str, name: &str) -> String {
    let mut qualname = String::with_capacity(base.len() + separator.len() + name.len());
    qualname.push_str(base);
    qualname.push_str(separator);
    qualname.push_str(name);
    qualname
}

/// Whether a scope kind is "function-like" in CPython's sense (`_PyST_IsFunctionLike`):
/// code in it uses fast locals and anything defined inside it is `CO_NESTED`.
fn is_function_like(kind: ScopeKind) -> bool {
    !matches!(kind, ScopeKind::Module | ScopeKind::Class)
}

/// The attribute names stored through `self.<name>` anywhere in a class body, including
/// nested functions but not nested classes (CPython's `__static_attributes__`, collected by
/// `_PyCompile_MaybeAddStaticAttributeToClass`), found by a walk of the body of its own.
/// The scope builder collects them during its walk ([`crate::scope::Scope::static_attributes`]);
/// debug and test builds check its answer against this one.
#[cfg(debug_assertions)]
fn static_attributes(body: &[Stmt]) -> Vec<String> {
    use ruff_python_ast::{Expr, ExprContext};
    struct Collector<'b> {
        names: BTreeSet<&'b str>,
    }
    impl<'b> Visitor<'b> for Collector<'b> {
        fn visit_stmt(&mut self, stmt: &'b Stmt) {
            if let Stmt::ClassDef(class) = stmt {
                // A nested class collects its own attributes; only the parts evaluated in
                // the enclosing body belong to this class.
                for decorator in &class.decorator_list {
                    self.visit_decorator(decorator);
                }
                if let Some(arguments) = &class.arguments {
                    self.visit_arguments(arguments);
                }
                return;
            }
            walk_stmt(self, stmt);
        }

        fn visit_expr(&mut self, expr: &'b Expr) {
            if let Expr::Attribute(attribute) = expr
                && matches!(attribute.ctx, ExprContext::Store)
                && matches!(&*attribute.value, Expr::Name(name) if name.id.as_str() == "self")
            {
                self.names.insert(attribute.attr.as_str());
            }
            walk_expr(self, expr);
        }
    }
    let mut collector = Collector {
        names: BTreeSet::new(),
    };
    for stmt in body {
        collector.visit_stmt(stmt);
    }
    collector.names.into_iter().map(str::to_owned).collect()
}

impl<'a> Lowerer<'a> {
    /// Mangles a private name for the innermost enclosing class (`__x` → `_Class__x`).
    /// Inlined, like the first test of [`mangle_name`]: every name lowering meets comes
    /// through here, and a call returned even an unchanged name through memory.
    #[inline(always)]
    pub(crate) fn mangle<'n>(&self, name: &'n str) -> Cow<'n, str> {
        mangle_name(self.defs.class_stack.last().copied(), name)
    }

    /// Whether [`Lowerer::mangle`] may change `name`: only a name starting with `__`
    /// inside a class can be private. The hottest callers test this first and leave the
    /// mangling out of line, so that the common name never becomes a `Cow` (built on the
    /// stack, where the mangled path's result arrives, and dropped after).
    #[inline(always)]
    pub(crate) fn may_mangle(&self, name: &str) -> bool {
        !self.defs.class_stack.is_empty() && name.starts_with("__")
    }

    /// The qualified name of a code object named `name` created in the current unit,
    /// following CPython's `compiler_set_qualname`: annotation-like parents (type
    /// parameters, `__annotate__`, lazily evaluated values) are skipped, `.<locals>` is
    /// added only below functions and lambdas, and a `def`/`class` declared `global` in
    /// its parent gets its bare name.
    pub(crate) fn code_qualname(&self, name: &str, is_definition: bool) -> String {
        let Some(mut parent) = self.depth().checked_sub(1) else {
            return name.to_owned();
        };
        if parent == 0 {
            return name.to_owned();
        }
        let annotation_like = |kind: FunctionKind| {
            matches!(
                kind,
                FunctionKind::TypeParams | FunctionKind::Annotate | FunctionKind::TypeAliasValue
            )
        };
        if annotation_like(self.unit_at(parent).b.func.kind) {
            if parent == 1 {
                return name.to_owned();
            }
            parent -= 1;
        }
        let parent_unit = self.unit_at(parent);
        if is_definition {
            let mangled = self.mangle(name);
            if parent_unit.scope_info.resolve(&mangled) == crate::scope::SymbolScope::GlobalExplicit
            {
                return name.to_owned();
            }
        }
        let base = &parent_unit.b.func.qualname;
        match parent_unit.b.func.kind {
            FunctionKind::Function | FunctionKind::Lambda => {
                join_qualname(base, ".<locals>.", name)
            }
            _ => join_qualname(base, ".", name),
        }
    }

    /// Lowers a function definition, including decorators, and binds its name.
    pub(crate) fn lower_function_def(&mut self, def: &'a StmtFunctionDef) -> LowerResult<()> {
        let stmt_range = self.definition_range(def.range, &def.decorator_list);
        let decorators = self.lower_decorators(&def.decorator_list)?;
        let first_line = self.first_line(def.range);
        let qualname = self.code_qualname(&def.name, true);
        self.set_loc(stmt_range);
        let (defaults, kwdefaults) = self.lower_defaults(&def.parameters, stmt_range)?;
        let func = match &def.type_params {
            Some(type_params) => self.lower_generic_function(
                def,
                type_params,
                &qualname,
                first_line,
                stmt_range,
                defaults,
                kwdefaults,
            )?,
            None => self.lower_function_object(
                def, qualname, first_line, stmt_range, defaults, kwdefaults,
            )?,
        };
        let value = self.apply_decorators(&def.decorator_list, decorators, func);
        self.set_loc(stmt_range);
        self.store_name(&def.name, value);
        Ok(())
    }

    /// The `__annotate__` function, code object and `make_function` of a `def` (without
    /// decorators or type parameters), in the current unit.
    pub(crate) fn lower_function_object(
        &mut self,
        def: &'a StmtFunctionDef,
        qualname: impl Into<String>,
        first_line: u32,
        stmt_range: TextRange,
        defaults: Option<Value>,
        kwdefaults: Option<Value>,
    ) -> LowerResult<Value> {
        let annotate = self.lower_function_annotations(
            &def.parameters,
            def.returns.as_deref(),
            def.range,
            stmt_range,
        )?;
        let Some(scope) = self.table.lookup(ScopeKey::Function(def.range)) else {
            return Err(self.error(stmt_range, "internal error: function has no scope"));
        };
        // A body without nested definitions is sized from its span, one with them by a
        // walk that leaves their code out. Lambdas and comprehensions are expressions,
        // which the walk counts in full too.
        let table = self.table;
        if table.scope(scope).children.iter().all(|&child| {
            matches!(
                table.scope(child).kind,
                ScopeKind::Lambda | ScopeKind::Comprehension
            )
        }) {
            self.size_next_flat_unit(&def.body);
        } else {
            self.size_next_unit(&def.body);
        }
        self.enter_unit(
            scope,
            FunctionKind::Function,
            &def.name,
            qualname,
            first_line,
        );
        self.set_loc(stmt_range);
        self.set_parameter_counts(&def.parameters);
        self.set_function_flags(scope, def.is_async);
        let mut body: &'a [Stmt] = &def.body;
        if let Some(doc) = docstring_of(body) {
            let doc = clean_docstring(doc, &mut self.docstring_lines);
            let func = &mut self.b().func;
            func.docstring = Some(doc);
            func.flags.insert(CodeFlags::HAS_DOCSTRING);
            body = &body[1..];
        }
        let wrap = self.begin_stopiteration_wrapper(scope);
        self.lower_function_body(body)?;
        self.end_stopiteration_wrapper(wrap);
        let code = self.exit_unit();
        self.set_loc(stmt_range);
        Ok(self.make_function(code, defaults, kwdefaults, annotate))
    }

    /// Lowers a lambda to the function object.
    pub(crate) fn lower_lambda(&mut self, lambda: &'a ExprLambda) -> LowerResult<Value> {
        let range = lambda.range;
        self.set_loc(range);
        let (defaults, kwdefaults) = match &lambda.parameters {
            Some(parameters) => self.lower_defaults(parameters, range)?,
            None => (None, None),
        };
        let Some(scope) = self.table.lookup(ScopeKey::Lambda(range)) else {
            return Err(self.error(range, "internal error: lambda has no scope"));
        };
        let qualname = self.code_qualname("<lambda>", false);
        let first_line = self.first_line(range);
        self.enter_unit(
            scope,
            FunctionKind::Lambda,
            "<lambda>",
            qualname,
            first_line,
        );
        if let Some(parameters) = &lambda.parameters {
            self.set_parameter_counts(parameters);
        }
        self.set_function_flags(scope, false);
        let wrap = self.begin_stopiteration_wrapper(scope);
        // A generator lambda also returns its body's value (CPython assembles it without
        // the implicit `None`).
        let value = self.lower_expr(&lambda.body)?;
        self.set_loc(lambda.body.range());
        self.b().terminate(Terminator::Return(value));
        self.end_stopiteration_wrapper(wrap);
        let code = self.exit_unit();
        self.set_loc(range);
        Ok(self.make_function(code, defaults, kwdefaults, None))
    }

    /// Lowers a class definition, including decorators, and binds its name.
    pub(crate) fn lower_class_def(&mut self, class: &'a StmtClassDef) -> LowerResult<()> {
        let stmt_range = self.definition_range(class.range, &class.decorator_list);
        let decorators = self.lower_decorators(&class.decorator_list)?;
        let first_line = self.first_line(class.range);
        let qualname = self.code_qualname(&class.name, true);
        let value = match &class.type_params {
            Some(type_params) => {
                self.lower_generic_class(class, type_params, &qualname, first_line, stmt_range)?
            }
            None => {
                let [build_class, func, name] =
                    self.lower_class_body(class, &qualname, first_line, stmt_range, false)?;
                match &class.arguments {
                    Some(arguments) => {
                        self.lower_call_with(build_class, &[func, name], arguments)?
                    }
                    None => self.b().ins(Op::Call, Imm::None, [build_class, func, name]),
                }
            }
        };
        let value = self.apply_decorators(&class.decorator_list, decorators, value);
        self.set_loc(stmt_range);
        self.store_name(&class.name, value);
        Ok(())
    }

    /// Builds the class body's code object and, back in the current unit, loads
    /// `[__build_class__, body function, name]` (`codegen_class_body`).
    pub(crate) fn lower_class_body(
        &mut self,
        class: &'a StmtClassDef,
        qualname: &str,
        first_line: u32,
        stmt_range: TextRange,
        is_generic: bool,
    ) -> LowerResult<[Value; 3]> {
        let Some(scope) = self.table.lookup(ScopeKey::Class(class.range)) else {
            return Err(self.error(stmt_range, "internal error: class has no scope"));
        };
        self.size_next_class_unit(&class.body);
        self.enter_unit(
            scope,
            FunctionKind::Class,
            &class.name,
            qualname,
            first_line,
        );
        self.defs.class_stack.push(class.name.as_str());
        let result = self.lower_class_namespace(class, scope, qualname, first_line, is_generic);
        self.defs.class_stack.pop();
        result?;
        let code = self.exit_unit();
        self.set_loc(stmt_range);
        let build_class = self.b().ins(Op::LoadBuildClass, Imm::None, []);
        let func = self.make_function(code, None, None, None);
        let name = self.b().str_constant(class.name.as_str());
        Ok([build_class, func, name])
    }

    /// The statements of a class body's code object.
    fn lower_class_namespace(
        &mut self,
        class: &'a StmtClassDef,
        scope: ScopeId,
        qualname: &str,
        first_line: u32,
        is_generic: bool,
    ) -> LowerResult<()> {
        let info = self.table.scope(scope);
        let (needs_classdict, needs_class_closure) =
            (info.needs_classdict, info.needs_class_closure);
        self.begin_annotation_frame(&class.body, false);
        // CPython attributes the prologue to `LOCATION(firstlineno, firstlineno, 0, 0)`.
        self.b().loc = Loc {
            line: first_line,
            col: 0,
            end_line: first_line,
            end_col: 0,
        };
        let module_name = self.load_name("__name__");
        self.store_name("__module__", module_name);
        let qualname_value = self.b().str_constant(qualname);
        self.store_name("__qualname__", qualname_value);
        let line = self.b().int_constant(u64::from(first_line));
        self.store_name("__firstlineno__", line);
        if is_generic {
            let params = self.load_name(".type_params");
            self.store_name("__type_params__", params);
        }
        if needs_classdict {
            let locals = self.b().ins(Op::LoadLocals, Imm::None, []);
            if let Some(slot) = self.deref_slot("__classdict__") {
                self.b()
                    .ins_void(Op::StoreDeref, Imm::Deref(slot), [locals]);
            }
        }
        // `_PyCodegen_Body`: the conditional-annotations set, then (in `lower_scope_body`)
        // `setup_annotations` under the future import, `__doc__` and the statements.
        self.emit_annotation_prologue()?;
        self.lower_scope_body(&class.body)?;
        self.emit_deferred_annotations(&class.body)?;
        self.b().loc = Loc::default();
        let attributes = &self.table.scope(scope).static_attributes;
        #[cfg(debug_assertions)]
        assert_eq!(
            *attributes,
            static_attributes(&class.body),
            "the scope builder's static attributes disagree in {}",
            self.filename
        );
        let attributes = attributes
            .iter()
            .map(|name| Const::Str((*name).to_owned()))
            .collect();
        let attributes = self.b().constant(Const::Tuple(attributes));
        self.store_name("__static_attributes__", attributes);
        if let Some(slot) = self.deref_slot("__classdict__").filter(|_| needs_classdict) {
            let cell = self.b().ins(Op::LoadClosure, Imm::Deref(slot), []);
            self.store_name("__classdictcell__", cell);
        }
        let result = match self.deref_slot("__class__").filter(|_| needs_class_closure) {
            Some(slot) => {
                let cell = self.b().ins(Op::LoadClosure, Imm::Deref(slot), []);
                self.store_name("__classcell__", cell);
                cell
            }
            None => self.b().none(),
        };
        self.b().terminate(Terminator::Return(result));
        Ok(())
    }

    // ---- pieces shared by def, lambda and class -------------------------------------

    /// A definition's range starting at its `def`/`async`/`class` keyword: ruff's node
    /// range starts at the first decorator, CPython's statement location does not.
    pub(crate) fn definition_range(&self, range: TextRange, decorators: &[Decorator]) -> TextRange {
        let Some(last) = decorators.last() else {
            return range;
        };
        let bytes = self.source.as_bytes();
        let end = usize::from(range.end()).min(bytes.len());
        let mut pos = usize::from(last.range.end());
        while pos < end {
            match bytes[pos] {
                b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'\\' => pos += 1,
                b'#' => {
                    while pos < end && bytes[pos] != b'\n' {
                        pos += 1;
                    }
                }
                _ => break,
            }
        }
        TextRange::new(TextSize::new(pos as u32), range.end())
    }

    /// The 1-based line a definition's code object starts on: the first decorator's line
    /// when decorated (ruff's range already starts there).
    pub(crate) fn first_line(&self, range: TextRange) -> u32 {
        self.line_col(range.start()).0
    }

    /// Evaluates decorator expressions in source order, leaving their values on the operand
    /// stack from the height returned, for [`Lowerer::apply_decorators`]: the code lowered
    /// in between pushes and pops its own operands above them, and a list of their own
    /// cost an allocation per decorated definition.
    fn lower_decorators(&mut self, decorators: &'a [Decorator]) -> LowerResult<usize> {
        let base = self.operand_base();
        for decorator in decorators {
            let value = self.lower_expr(&decorator.expression)?;
            self.push_operand(value);
        }
        Ok(base)
    }

    /// Calls the decorators innermost (last) first, popping their values from `base` on
    /// (see [`Lowerer::lower_decorators`]).
    fn apply_decorators(
        &mut self,
        decorators: &'a [Decorator],
        base: usize,
        mut func: Value,
    ) -> Value {
        for (index, decorator) in decorators.iter().enumerate().rev() {
            self.set_loc(decorator.expression.range());
            let value = self.operand_stack[base + index];
            func = self.b().ins(Op::Call, Imm::None, [value, func]);
        }
        self.drop_operands(base);
        func
    }

    /// Positional defaults as a tuple and keyword-only defaults as a dict of mangled name
    /// to value (`codegen_default_arguments`); `None` where there are none. The values are
    /// gathered on the operand stack, which spares a list allocated per definition with
    /// defaults.
    pub(crate) fn lower_defaults(
        &mut self,
        parameters: &'a Parameters,
        range: TextRange,
    ) -> LowerResult<(Option<Value>, Option<Value>)> {
        let base = self.operand_base();
        for parameter in parameters.posonlyargs.iter().chain(&parameters.args) {
            if let Some(default) = &parameter.default {
                let value = self.lower_expr(default)?;
                self.push_operand(value);
            }
        }
        let defaults = if self.operand_base() == base {
            None
        } else {
            self.set_loc(range);
            Some(self.ins_from_stack(Op::BuildTuple, Imm::None, base))
        };
        for parameter in &parameters.kwonlyargs {
            if let Some(default) = &parameter.default {
                let name = self.mangle(parameter.name()).into_owned();
                let key = self.b().constant(Const::Str(name));
                self.push_operand(key);
                let value = self.lower_expr(default)?;
                self.push_operand(value);
            }
        }
        let kwdefaults = if self.operand_base() == base {
            None
        } else {
            self.set_loc(range);
            Some(self.ins_from_stack(Op::BuildMap, Imm::None, base))
        };
        Ok((defaults, kwdefaults))
    }

    /// Sets `co_argcount` (positional-only included), `co_posonlyargcount` and
    /// `co_kwonlyargcount` of the current unit.
    fn set_parameter_counts(&mut self, parameters: &Parameters) {
        let func = &mut self.b().func;
        func.posonlyargcount = parameters.posonlyargs.len() as u32;
        func.argcount = (parameters.posonlyargs.len() + parameters.args.len()) as u32;
        func.kwonlyargcount = parameters.kwonlyargs.len() as u32;
        if parameters.vararg.is_some() {
            func.flags.insert(CodeFlags::VARARGS);
        }
        if parameters.kwarg.is_some() {
            func.flags.insert(CodeFlags::VARKEYWORDS);
        }
    }

    /// Generator/coroutine, nested and method flags of a function or lambda
    /// (`compute_code_flags`).
    fn set_function_flags(&mut self, scope: ScopeId, is_async: bool) {
        let info = self.table.scope(scope);
        let coroutine = info.is_coroutine || is_async;
        let generator = info.is_generator;
        let method = info
            .parent
            .is_some_and(|parent| self.table.scope(parent).kind == ScopeKind::Class);
        let nested = self.is_nested_scope(scope);
        let flags = &mut self.b().func.flags;
        match (generator, coroutine) {
            (true, true) => flags.insert(CodeFlags::ASYNC_GENERATOR),
            (true, false) => flags.insert(CodeFlags::GENERATOR),
            (false, true) => flags.insert(CodeFlags::COROUTINE),
            (false, false) => {}
        }
        if nested {
            flags.insert(CodeFlags::NESTED);
        }
        if method {
            flags.insert(CodeFlags::METHOD);
        }
    }

    /// Whether code for `scope` is `CO_NESTED`: some enclosing scope is function-like.
    pub(crate) fn is_nested_scope(&self, scope: ScopeId) -> bool {
        let mut current = self.table.scope(scope).parent;
        while let Some(parent) = current {
            let info = self.table.scope(parent);
            if is_function_like(info.kind) {
                return true;
            }
            current = info.parent;
        }
        false
    }

    /// Generators and coroutines turn a `StopIteration` escaping their body into
    /// `RuntimeError` (PEP 479; CPython's `codegen_wrap_in_stopiteration_handler`). This
    /// installs the catch-all handler for the body; returns it when installed.
    fn begin_stopiteration_wrapper(&mut self, scope: ScopeId) -> Option<crate::ir::Block> {
        let info = self.table.scope(scope);
        let suspends = info.is_generator || info.is_coroutine;
        if !suspends && !self.b().func.flags.contains(CodeFlags::COROUTINE) {
            return None;
        }
        let handler = self.b().create_block_with_handler(None);
        self.b().func.append_block_param(handler);
        let entry = self.b().current_block();
        self.b().func.blocks[entry.index()].handler = Some(handler);
        self.b().handler = Some(handler);
        Some(handler)
    }

    /// Emits the handler installed by [`Self::begin_stopiteration_wrapper`].
    fn end_stopiteration_wrapper(&mut self, handler: Option<crate::ir::Block>) {
        let Some(handler) = handler else { return };
        self.b().handler = None;
        self.b().switch_to(handler);
        self.b().loc = Loc::default();
        let exc = self.b().func.blocks[handler.index()].params[0];
        let converted = self.b().ins(
            Op::CallIntrinsic,
            Imm::Intrinsic(Intrinsic::StopIterationError),
            [exc],
        );
        self.b().terminate(Terminator::Reraise(converted));
    }

    /// `make_function` for finished code `code`, with its closure from the current unit.
    pub(crate) fn make_function(
        &mut self,
        code: FuncId,
        defaults: Option<Value>,
        kwdefaults: Option<Value>,
        annotate: Option<Value>,
    ) -> Value {
        // Every absent operand reads one `None` load: a plain `def` then costs one
        // constant load instead of four, in the IR and in the bytecode alike.
        let mut none = None;
        let mut operand = |lowerer: &mut Self, value: Option<Value>| {
            value.unwrap_or_else(|| *none.get_or_insert_with(|| lowerer.b().none()))
        };
        let defaults = operand(self, defaults);
        let kwdefaults = operand(self, kwdefaults);
        let annotate = operand(self, annotate);
        let closure = match self.closure_for(code) {
            Some(closure) => closure,
            None => operand(self, None),
        };
        self.b().ins(
            Op::MakeFunction,
            Imm::Func(code),
            [defaults, kwdefaults, annotate, closure],
        )
    }

    /// Moves (or adds) `names` to the front of the current unit's locals, in order, so
    /// they are its leading parameters. Only valid before any local is referenced.
    pub(crate) fn set_leading_params(&mut self, names: &[&str]) {
        // Slots resolved so far move, so their cached accesses are dropped.
        self.forget_names();
        let locals = &mut self.b().func.locals;
        for (index, name) in names.iter().enumerate() {
            match locals.iter().position(|local| local == name) {
                Some(position) => {
                    let local = locals.remove(position);
                    locals.insert(index, local);
                }
                None => locals.insert(index, (*name).to_owned()),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::mangle_name;

    #[test]
    fn mangling_follows_py_mangle() {
        assert_eq!(mangle_name(Some("Ham"), "__spam"), "_Ham__spam");
        assert_eq!(mangle_name(Some("_Ham"), "__spam"), "_Ham__spam");
        assert_eq!(mangle_name(Some("Ham"), "__init__"), "__init__");
        assert_eq!(mangle_name(Some("___"), "__spam"), "__spam");
        assert_eq!(mangle_name(Some("Ham"), "_spam"), "_spam");
        assert_eq!(mangle_name(None, "__spam"), "__spam");
    }
}
