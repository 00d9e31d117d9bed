//! The symbol-table walk over statements: CPython's `symtable_visit_stmt` and the helpers
//! for definitions (functions, classes, type aliases, annotations, type parameters),
//! declarations and patterns.

use super::builder::{BuildResult, Builder, NameSet};
use super::flags::*;
use super::{ScopeKey, ScopeKind};
use ruff_python_ast::{self as ast, Expr, ExprContext, Parameters, Pattern, Stmt, TypeParam};
use ruff_text_size::{Ranged, TextRange};

impl<'a> Builder<'a> {
    pub(super) fn visit_body(&mut self, body: &'a [Stmt]) -> BuildResult<()> {
        body.iter().try_for_each(|stmt| self.visit_stmt(stmt))
    }

    /// Visits the body of a `for` or `while` loop, which the semantic checks need to know.
    fn visit_loop_body(&mut self, body: &'a [Stmt]) -> BuildResult<()> {
        if let Some(semantic) = &mut self.semantic {
            semantic.loop_body(true);
        }
        self.visit_body(body)?;
        if let Some(semantic) = &mut self.semantic {
            semantic.loop_body(false);
        }
        Ok(())
    }

    /// Visits `body` as conditionally executed (`ENTER_CONDITIONAL_BLOCK`).
    pub(super) fn visit_conditional<T>(
        &mut self,
        f: impl FnOnce(&mut Self) -> BuildResult<T>,
    ) -> BuildResult<T> {
        let cur = self.cur();
        let saved = std::mem::replace(&mut self.scopes[cur].in_conditional_block, true);
        let result = f(self);
        self.scopes[cur].in_conditional_block = saved;
        result
    }

    pub(super) fn enter_recursion(&mut self) -> BuildResult<()> {
        self.depth += 1;
        if self.depth as usize > crate::guard::MAX_AST_DEPTH {
            return Err(Box::new(crate::guard::recursion_error(self.filename)));
        }
        Ok(())
    }

    pub(super) fn visit_stmt(&mut self, stmt: &'a Stmt) -> BuildResult<()> {
        self.enter_recursion()?;
        if let Some(semantic) = &mut self.semantic {
            semantic.stmt(stmt);
        }
        self.visit_stmt_inner(stmt)?;
        self.depth -= 1;
        Ok(())
    }

    /// Inline in its one caller, so that each node costs one call, not two.
    #[inline(always)]
    pub(super) fn visit_stmt_inner(&mut self, stmt: &'a Stmt) -> BuildResult<()> {
        match stmt {
            Stmt::FunctionDef(f) => self.visit_function_def(f),
            Stmt::ClassDef(c) => self.visit_class_def(c),
            Stmt::TypeAlias(t) => self.visit_type_alias(t),
            Stmt::Return(r) => self.visit_opt_expr(r.value.as_deref()),
            Stmt::Delete(d) => self.visit_exprs(&d.targets),
            Stmt::Assign(a) => {
                self.visit_exprs(&a.targets)?;
                self.visit_expr(&a.value)
            }
            Stmt::AnnAssign(a) => self.visit_ann_assign(a),
            Stmt::AugAssign(a) => {
                self.visit_expr(&a.target)?;
                self.visit_expr(&a.value)
            }
            Stmt::For(f) => {
                if f.is_async {
                    self.require_coroutine("'async for' outside async function", f.range)?;
                }
                self.visit_expr(&f.target)?;
                self.visit_expr(&f.iter)?;
                self.visit_conditional(|b| {
                    b.visit_loop_body(&f.body)?;
                    b.visit_body(&f.orelse)
                })
            }
            Stmt::While(w) => {
                self.visit_expr(&w.test)?;
                self.visit_conditional(|b| {
                    b.visit_loop_body(&w.body)?;
                    b.visit_body(&w.orelse)
                })
            }
            Stmt::If(i) => {
                self.visit_expr(&i.test)?;
                self.visit_conditional(|b| {
                    b.visit_body(&i.body)?;
                    for clause in &i.elif_else_clauses {
                        b.visit_opt_expr(clause.test.as_ref())?;
                        b.visit_body(&clause.body)?;
                    }
                    Ok(())
                })
            }
            Stmt::With(w) => {
                if w.is_async {
                    self.require_coroutine("'async with' outside async function", w.range)?;
                }
                self.visit_conditional(|b| {
                    for item in &w.items {
                        b.visit_expr(&item.context_expr)?;
                        b.visit_opt_expr(item.optional_vars.as_deref())?;
                    }
                    b.visit_body(&w.body)
                })
            }
            Stmt::Match(m) => {
                self.visit_expr(&m.subject)?;
                self.visit_conditional(|b| {
                    for case in &m.cases {
                        b.visit_pattern(&case.pattern)?;
                        b.visit_opt_expr(case.guard.as_deref())?;
                        b.visit_body(&case.body)?;
                    }
                    Ok(())
                })
            }
            Stmt::Raise(r) => {
                if let Some(exc) = &r.exc {
                    self.visit_expr(exc)?;
                    self.visit_opt_expr(r.cause.as_deref())?;
                }
                Ok(())
            }
            Stmt::Try(t) => self.visit_conditional(|b| {
                b.visit_body(&t.body)?;
                for handler in &t.handlers {
                    let ast::ExceptHandler::ExceptHandler(h) = handler;
                    b.visit_opt_expr(h.type_.as_deref())?;
                    if let Some(name) = &h.name {
                        b.add_def(name, DEF_LOCAL, h.range)?;
                    }
                    b.visit_body(&h.body)?;
                }
                b.visit_body(&t.orelse)?;
                b.visit_body(&t.finalbody)
            }),
            Stmt::Assert(a) => {
                self.visit_expr(&a.test)?;
                self.visit_opt_expr(a.msg.as_deref())
            }
            Stmt::Import(i) => i.names.iter().try_for_each(|alias| self.visit_alias(alias)),
            Stmt::ImportFrom(i) => {
                for alias in &i.names {
                    self.visit_alias(alias)?;
                }
                let is_future =
                    i.level == 0 && i.module.as_ref().map(|m| m.as_str()) == Some("__future__");
                if is_future && !self.future_imports.contains(&i.range) {
                    return Err(self.error(
                        i.range,
                        "from __future__ imports must occur at the beginning of the file",
                    ));
                }
                Ok(())
            }
            Stmt::Global(g) => self.visit_declaration(&g.names, g.range, true),
            Stmt::Nonlocal(n) => self.visit_declaration(&n.names, n.range, false),
            Stmt::Expr(e) => self.visit_expr(&e.value),
            Stmt::Pass(_) | Stmt::Break(_) | Stmt::Continue(_) | Stmt::IpyEscapeCommand(_) => {
                Ok(())
            }
        }
    }

    /// CPython's `symtable_raise_if_not_coroutine`.
    pub(super) fn require_coroutine(&self, message: &str, range: TextRange) -> BuildResult<()> {
        if self.scopes[self.cur()].is_coroutine {
            Ok(())
        } else {
            Err(self.error(range, message))
        }
    }

    /// `global` / `nonlocal` statements.
    pub(super) fn visit_declaration(
        &mut self,
        names: &'a [ast::Identifier],
        range: TextRange,
        global: bool,
    ) -> BuildResult<()> {
        let what = if global { "global" } else { "nonlocal" };
        for name in names {
            let name = name.as_str();
            let current = self.lookup_in(self.cur(), name);
            if current & (DEF_PARAM | DEF_LOCAL | USE | DEF_ANNOT) != 0 {
                let message = if current & DEF_PARAM != 0 {
                    format!("name '{name}' is parameter and {what}")
                } else if current & USE != 0 {
                    format!("name '{name}' is used prior to {what} declaration")
                } else if current & DEF_ANNOT != 0 {
                    format!("annotated name '{name}' can't be {what}")
                } else {
                    format!("name '{name}' is assigned to before {what} declaration")
                };
                return Err(self.error(range, message));
            }
            self.add_def(name, if global { DEF_GLOBAL } else { DEF_NONLOCAL }, range)?;
            self.record_directive(name, range);
        }
        Ok(())
    }

    pub(super) fn visit_alias(&mut self, alias: &'a ast::Alias) -> BuildResult<()> {
        let name = alias.asname.as_ref().unwrap_or(&alias.name).as_str();
        if name == "*" {
            if self.scopes[self.cur()].kind != ScopeKind::Module {
                return Err(self.error(alias.range, "import * only allowed at module level"));
            }
            return Ok(());
        }
        // `import a.b.c` binds `a`.
        let store_name = name.split('.').next().unwrap_or(name);
        self.add_def(store_name, DEF_IMPORT, alias.range)
    }

    /// Visits the defaults of `parameters` in the enclosing scope: positional ones first,
    /// then keyword-only ones (CPython's `defaults` then `kw_defaults`).
    pub(super) fn visit_defaults(&mut self, parameters: &'a Parameters) -> BuildResult<()> {
        for param in parameters
            .posonlyargs
            .iter()
            .chain(&parameters.args)
            .chain(&parameters.kwonlyargs)
        {
            self.visit_opt_expr(param.default.as_deref())?;
        }
        Ok(())
    }

    /// CPython's `symtable_visit_arguments`: parameters in `co_varnames` order.
    pub(super) fn visit_params(&mut self, parameters: &'a Parameters) -> BuildResult<()> {
        let cur = self.cur();
        for param in parameters
            .posonlyargs
            .iter()
            .chain(&parameters.args)
            .chain(&parameters.kwonlyargs)
        {
            // `add_def` spelled out, with the definition inline: a function's parameters
            // are among the most common definitions.
            let (name, range) = (param.parameter.name.as_str(), param.parameter.range);
            self.check_name(name, range, ExprContext::Store)?;
            self.add_def_inline(name, DEF_PARAM, cur, range)?;
        }
        if let Some(vararg) = &parameters.vararg {
            self.add_def(&vararg.name, DEF_PARAM, vararg.range)?;
            let cur = self.cur();
            self.scopes[cur].has_varargs = true;
        }
        if let Some(kwarg) = &parameters.kwarg {
            self.add_def(&kwarg.name, DEF_PARAM, kwarg.range)?;
            let cur = self.cur();
            self.scopes[cur].has_varkeywords = true;
        }
        Ok(())
    }

    pub(super) fn visit_function_def(&mut self, f: &'a ast::StmtFunctionDef) -> BuildResult<()> {
        self.add_def(&f.name, DEF_LOCAL, f.range)?;
        self.visit_defaults(&f.parameters)?;
        for decorator in &f.decorator_list {
            self.visit_expr(&decorator.expression)?;
        }
        let generic = f
            .type_params
            .as_deref()
            .filter(|tp| !tp.type_params.is_empty());
        if let Some(type_params) = generic {
            let p = &f.parameters;
            let has_defaults = p
                .posonlyargs
                .iter()
                .chain(&p.args)
                .any(|a| a.default.is_some());
            let has_kwdefaults = p.kwonlyargs.iter().any(|a| a.default.is_some());
            self.enter_type_param_block(
                &f.name,
                f.range,
                f.name.range,
                has_defaults,
                has_kwdefaults,
                false,
            )?;
            for tp in type_params.iter() {
                self.visit_type_param(tp)?;
            }
        }
        let lineno = self.line_of(f.name.range.start());
        let function = self.new_scope(
            ScopeKind::Function,
            f.name.as_str(),
            ScopeKey::Function(f.range),
            lineno,
        );
        // A function's names grow with its source, about one every 64 bytes in the
        // standard library: room for that many spares growing its lists step by step.
        let likely = (u32::from(f.range.len()) / 64 + 3).min(64) as usize;
        let function_scope = &mut self.scopes[function];
        function_scope.symbols.reserve_exact(likely);
        function_scope.index.reserve(likely);
        self.visit_function_annotations(f, function)?;
        self.enter_existing(function, true);
        if f.is_async {
            self.scopes[function].is_coroutine = true;
        }
        self.visit_params(&f.parameters)?;
        if let Some(semantic) = &mut self.semantic {
            semantic.enter_function(f);
        }
        self.visit_body(&f.body)?;
        if let Some(semantic) = &mut self.semantic {
            semantic.exit_scope();
        }
        self.exit_block();
        if generic.is_some() {
            self.exit_block();
        }
        Ok(())
    }

    /// CPython's `symtable_visit_annotations`: a function's parameter and return annotations
    /// live in their own `__annotate__` scope, a child of the scope holding the `def`.
    /// `function` is the function's own scope, which stands for an annotation scope
    /// without annotations (see `template.rs`).
    pub(super) fn visit_function_annotations(
        &mut self,
        f: &'a ast::StmtFunctionDef,
        function: usize,
    ) -> BuildResult<()> {
        let cur = self.cur();
        let is_in_class =
            self.scopes[cur].can_see_class_scope || self.scopes[cur].kind == ScopeKind::Class;
        let key = ScopeKey::Annotation(f.range);
        let p = &f.parameters;
        let annotations = || {
            p.posonlyargs
                .iter()
                .chain(&p.args)
                .map(|a| &a.parameter)
                .chain(p.vararg.as_deref())
                .chain(p.kwarg.as_deref())
                .chain(p.kwonlyargs.iter().map(|a| &a.parameter))
                .filter_map(|param| param.annotation.as_deref())
                .chain(f.returns.as_deref())
        };
        if annotations().next().is_none() {
            self.templated_annotation_block(function, is_in_class);
            return Ok(());
        }
        let annotation = self.enter_block(
            "__annotate__",
            ScopeKind::Annotation,
            key,
            f.name.range,
            true,
        )?;
        if is_in_class {
            self.scopes[annotation].can_see_class_scope = true;
            self.add_classdict_use();
        }
        for expr in annotations() {
            self.scopes[annotation].annotations_used = true;
            self.visit_expr(expr)?;
        }
        self.exit_block();
        Ok(())
    }

    /// CPython's `symtable_enter_type_param_block`.
    pub(super) fn enter_type_param_block(
        &mut self,
        name: &str,
        owner: TextRange,
        loc: TextRange,
        has_defaults: bool,
        has_kwdefaults: bool,
        is_class: bool,
    ) -> BuildResult<()> {
        let in_class = self.scopes[self.cur()].kind == ScopeKind::Class;
        let scope_name = format!("<generic parameters of {name}>");
        let id = self.enter_block(
            scope_name,
            ScopeKind::TypeParams,
            ScopeKey::TypeParams(owner),
            loc,
            true,
        )?;
        if in_class {
            self.scopes[id].can_see_class_scope = true;
            self.add_classdict_use();
        }
        if is_class {
            // `.type_params` is set when the tuple is built and used for the bases;
            // `.generic_base` is the `Generic[...]` base.
            for hidden in [".type_params", ".generic_base"] {
                self.add_def(hidden, DEF_LOCAL, loc)?;
                self.add_def(hidden, USE, loc)?;
            }
        }
        if has_defaults {
            self.add_def(".defaults", DEF_PARAM, loc)?;
        }
        if has_kwdefaults {
            self.add_def(".kwdefaults", DEF_PARAM, loc)?;
        }
        Ok(())
    }

    pub(super) fn visit_class_def(&mut self, c: &'a ast::StmtClassDef) -> BuildResult<()> {
        self.add_def(&c.name, DEF_LOCAL, c.range)?;
        for decorator in &c.decorator_list {
            self.visit_expr(&decorator.expression)?;
        }
        let saved_private = self.private.clone();
        let generic = c
            .type_params
            .as_deref()
            .filter(|tp| !tp.type_params.is_empty());
        if let Some(type_params) = generic {
            self.enter_type_param_block(&c.name, c.range, c.name.range, false, false, true)?;
            self.private = Some(std::rc::Rc::from(c.name.as_str()));
            let cur = self.cur();
            self.scopes[cur].private = self.private.clone();
            self.mangled_sets.push(NameSet::default());
            self.scopes[cur].mangled_names = Some((self.mangled_sets.len() - 1) as u32);
            // Lowering evaluates these outside every class body.
            let owner = self.attribute_owner.take();
            for tp in type_params.iter() {
                self.visit_type_param(tp)?;
            }
            self.attribute_owner = owner;
        }
        if let Some(arguments) = &c.arguments {
            self.visit_exprs(&arguments.args)?;
            self.visit_keywords(&arguments.keywords)?;
        }
        let class = self.enter_block(
            c.name.as_str(),
            ScopeKind::Class,
            ScopeKey::Class(c.range),
            c.name.range,
            true,
        )?;
        self.private = Some(std::rc::Rc::from(c.name.as_str()));
        let class_scope = &mut self.scopes[class];
        class_scope.private = self.private.clone();
        // As in a module, most statements of a class body bind a name (its methods).
        class_scope.symbols.reserve(c.body.len());
        class_scope.index.reserve(c.body.len());
        if generic.is_some() {
            self.add_def("__type_params__", DEF_LOCAL, c.name.range)?;
            self.add_def(".type_params", USE, c.name.range)?;
        }
        if let Some(semantic) = &mut self.semantic {
            semantic.enter_class(c);
        }
        let outer_owner = self.attribute_owner.replace(class);
        self.visit_body(&c.body)?;
        self.attribute_owner = outer_owner;
        if let Some(semantic) = &mut self.semantic {
            semantic.exit_scope();
        }
        self.exit_block();
        if generic.is_some() {
            self.exit_block();
        }
        self.private = saved_private;
        Ok(())
    }

    pub(super) fn visit_type_alias(&mut self, t: &'a ast::StmtTypeAlias) -> BuildResult<()> {
        self.visit_expr(&t.name)?;
        let Expr::Name(name) = &*t.name else {
            return Ok(());
        };
        let name = name.id.as_str();
        let in_class = self.scopes[self.cur()].kind == ScopeKind::Class;
        let generic = t
            .type_params
            .as_deref()
            .filter(|tp| !tp.type_params.is_empty());
        if let Some(type_params) = generic {
            self.enter_type_param_block(name, t.range, t.range, false, false, false)?;
            for tp in type_params.iter() {
                self.visit_type_param(tp)?;
            }
        }
        let alias = self.enter_block(
            name,
            ScopeKind::TypeAlias,
            ScopeKey::TypeAlias(t.range),
            t.range,
            true,
        )?;
        self.scopes[alias].can_see_class_scope = in_class;
        if in_class {
            self.add_classdict_use();
        }
        self.visit_expr(&t.value)?;
        self.exit_block();
        if generic.is_some() {
            self.exit_block();
        }
        Ok(())
    }

    pub(super) fn visit_ann_assign(&mut self, a: &'a ast::StmtAnnAssign) -> BuildResult<()> {
        let cur = self.cur();
        self.scopes[cur].annotations_used = true;
        if let Expr::Name(target) = &*a.target {
            // The target is recorded here rather than visited, but the semantic checks
            // still see it.
            if let Some(semantic) = &mut self.semantic {
                semantic.expr(&a.target);
            }
            let current = self.lookup_in(cur, &target.id);
            if current & (DEF_GLOBAL | DEF_NONLOCAL) != 0 && cur != 0 && a.simple {
                let what = if current & DEF_GLOBAL != 0 {
                    "global"
                } else {
                    "nonlocal"
                };
                return Err(self.error(
                    a.range,
                    format!("annotated name '{}' can't be {what}", target.id),
                ));
            }
            if a.simple {
                self.add_def(&target.id, DEF_ANNOT | DEF_LOCAL, target.range)?;
            } else if a.value.is_some() {
                self.add_def(&target.id, DEF_LOCAL, target.range)?;
            }
        } else {
            self.visit_expr(&a.target)?;
        }
        self.visit_annotation(&a.annotation)?;
        self.visit_opt_expr(a.value.as_deref())
    }

    /// CPython's `symtable_visit_annotation`: annotated assignments of a module or class body
    /// share one `__annotate__` scope; those in function bodies are never evaluated.
    pub(super) fn visit_annotation(&mut self, annotation: &'a Expr) -> BuildResult<()> {
        let cur = self.cur();
        let kind = self.scopes[cur].kind;
        let unevaluated = kind == ScopeKind::Function;
        // A module's annotations always count as conditional: the module may be only
        // partly executed (CPython 3.14.0's `symtable_visit_annotation`).
        let conditional = match kind {
            ScopeKind::Module => true,
            ScopeKind::Class => self.scopes[cur].in_conditional_block,
            _ => false,
        };
        if conditional && !self.scopes[cur].has_conditional_annotations {
            self.scopes[cur].has_conditional_annotations = true;
            self.add_def("__conditional_annotations__", USE, annotation.range())?;
        }
        let block = match self.scopes[cur].annotation_block {
            Some(block) => {
                let block = block as usize;
                self.enter_existing(block, !unevaluated);
                block
            }
            None => {
                let key = match self.scopes[cur].key {
                    ScopeKey::Module => ScopeKey::Annotation(self.module_range),
                    ScopeKey::Class(r) | ScopeKey::Function(r) => ScopeKey::Annotation(r),
                    _ => ScopeKey::Annotation(annotation.range()),
                };
                let block = self.enter_block(
                    "__annotate__",
                    ScopeKind::Annotation,
                    key,
                    annotation.range(),
                    !unevaluated,
                )?;
                self.scopes[cur].annotation_block = Some(block as u32);
                if kind == ScopeKind::Class && !self.future_annotations {
                    self.scopes[block].can_see_class_scope = true;
                    self.add_classdict_use();
                }
                block
            }
        };
        self.scopes[block].in_unevaluated_annotation = unevaluated;
        let result = self.visit_expr(annotation);
        self.scopes[block].in_unevaluated_annotation = false;
        self.exit_block();
        result
    }

    pub(super) fn visit_type_param(&mut self, tp: &'a TypeParam) -> BuildResult<()> {
        match tp {
            TypeParam::TypeVar(t) => {
                self.add_def(&t.name, DEF_TYPE_PARAM | DEF_LOCAL, t.range)?;
                let info = match t.bound.as_deref() {
                    Some(Expr::Tuple(_)) => "a TypeVar constraint",
                    _ => "a TypeVar bound",
                };
                self.visit_type_param_expr(t.bound.as_deref(), &t.name, t.range, info)?;
                self.visit_type_param_expr(
                    t.default.as_deref(),
                    &t.name,
                    t.range,
                    "a TypeVar default",
                )
            }
            TypeParam::TypeVarTuple(t) => {
                self.add_def(&t.name, DEF_TYPE_PARAM | DEF_LOCAL, t.range)?;
                self.visit_type_param_expr(
                    t.default.as_deref(),
                    &t.name,
                    t.range,
                    "a TypeVarTuple default",
                )
            }
            TypeParam::ParamSpec(t) => {
                self.add_def(&t.name, DEF_TYPE_PARAM | DEF_LOCAL, t.range)?;
                self.visit_type_param_expr(
                    t.default.as_deref(),
                    &t.name,
                    t.range,
                    "a ParamSpec default",
                )
            }
        }
    }

    /// CPython's `symtable_visit_type_param_bound_or_default`: each bound, constraint tuple
    /// and default is a lazily evaluated scope of its own.
    pub(super) fn visit_type_param_expr(
        &mut self,
        expr: Option<&'a Expr>,
        name: &'a str,
        tp_range: TextRange,
        info: &'static str,
    ) -> BuildResult<()> {
        if name == "__classdict__" {
            return Err(self.error(
                tp_range,
                "reserved name '__classdict__' cannot be used for type parameter",
            ));
        }
        let Some(expr) = expr else { return Ok(()) };
        let in_class = self.scopes[self.cur()].can_see_class_scope;
        let id = self.enter_block(
            name,
            ScopeKind::TypeVarBound,
            ScopeKey::TypeVarBound(expr.range()),
            expr.range(),
            true,
        )?;
        self.scopes[id].can_see_class_scope = in_class;
        if in_class {
            self.add_classdict_use();
        }
        self.scopes[id].scope_info = Some(info);
        self.visit_expr(expr)?;
        self.exit_block();
        Ok(())
    }

    pub(super) fn visit_pattern(&mut self, pattern: &'a Pattern) -> BuildResult<()> {
        self.enter_recursion()?;
        match pattern {
            Pattern::MatchValue(p) => self.visit_expr(&p.value)?,
            Pattern::MatchSingleton(_) => {}
            Pattern::MatchSequence(p) => {
                p.patterns.iter().try_for_each(|p| self.visit_pattern(p))?
            }
            Pattern::MatchStar(p) => {
                if let Some(name) = &p.name {
                    self.add_def(name, DEF_LOCAL, p.range)?;
                }
            }
            Pattern::MatchMapping(p) => {
                self.visit_exprs(&p.keys)?;
                p.patterns.iter().try_for_each(|p| self.visit_pattern(p))?;
                if let Some(rest) = &p.rest {
                    self.add_def(rest, DEF_LOCAL, p.range)?;
                }
            }
            Pattern::MatchClass(p) => {
                self.visit_expr(&p.cls)?;
                p.arguments
                    .patterns
                    .iter()
                    .try_for_each(|p| self.visit_pattern(p))?;
                for keyword in &p.arguments.keywords {
                    self.check_name(&keyword.attr, keyword.pattern.range(), ExprContext::Store)?;
                }
                for keyword in &p.arguments.keywords {
                    self.visit_pattern(&keyword.pattern)?;
                }
            }
            Pattern::MatchAs(p) => {
                if let Some(inner) = &p.pattern {
                    self.visit_pattern(inner)?;
                }
                if let Some(name) = &p.name {
                    self.add_def(name, DEF_LOCAL, p.range)?;
                }
            }
            Pattern::MatchOr(p) => p.patterns.iter().try_for_each(|p| self.visit_pattern(p))?,
        }
        self.depth -= 1;
        Ok(())
    }
}
