//! The symbol-table walk: CPython 3.14's `Python/symtable.c` first pass
//! (`symtable_visit_stmt`, `symtable_visit_expr`, … and `symtable_add_def`), plus
//! `Python/future.c`'s check of `from __future__` imports.
//!
//! The walk records raw `DEF_*` flags per scope in [`RawScope`]s; `analysis.rs` then resolves
//! them (CPython's `symtable_analyze`) and [`build`] converts the reachable scopes into a
//! [`SymbolTable`]. Deliberate differences from CPython:
//! - annotations inside function bodies and annotations under `from __future__ import
//!   annotations` are walked (so their errors are reported) in *detached* scopes that never
//!   reach the table; CPython 3.14 keeps an unevaluated annotation block for the former;
//! - a generic function's type-parameter scope has the hidden `.defaults`/`.kwdefaults`
//!   parameters only when the function really has (keyword) defaults;
//! - the scope tree keeps inlined comprehensions (marked `comp_inlined`) where CPython splices
//!   their children into the parent's child list;
//! - `'yield' outside function` (a code-generation error in CPython) is reported here, after
//!   all symbol-table errors.

use super::flags::*;
use super::{mangle, Scope, ScopeId, ScopeKey, ScopeKind, SymbolScope, SymbolTable};
use crate::diagnostics::{SyntaxDiagnostic, SyntaxErrorKind};
use ruff_python_ast::{
    self as ast, Expr, ExprContext, InterpolatedStringElement, Parameters, Pattern, Stmt, TypeParam,
};
use ruff_text_size::{Ranged, TextRange, TextSize};
use rustc_hash::{FxHashMap, FxHashSet};

pub(super) type NameSet = FxHashSet<String>;
pub(super) type BuildResult<T> = Result<T, Box<SyntaxDiagnostic>>;

/// Nesting deeper than this is rejected instead of risking the Rust stack.
const MAX_DEPTH: u32 = 1500;

/// Which comprehension a comprehension scope is (CPython's `_Py_comprehension_ty`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CompKind {
    List,
    Set,
    Dict,
    Generator,
}

/// One name while the table is being built.
#[derive(Debug, Clone)]
pub(super) struct RawSymbol {
    pub name: String,
    pub flags: u32,
    pub scope: SymbolScope,
    /// Dropped by `inline_comprehension` (`__class__` of a comprehension in a class body).
    pub removed: bool,
}

/// One scope while the table is being built: CPython's `PySTEntryObject`.
#[derive(Debug)]
pub(super) struct RawScope {
    pub kind: ScopeKind,
    pub name: String,
    pub key: ScopeKey,
    pub lineno: u32,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    pub symbols: Vec<RawSymbol>,
    index: FxHashMap<String, usize>,
    pub varnames: Vec<String>,
    pub is_generator: bool,
    pub is_coroutine: bool,
    pub has_varargs: bool,
    pub has_varkeywords: bool,
    pub comp_inlined: bool,
    pub needs_class_closure: bool,
    pub needs_classdict: bool,
    pub can_see_class_scope: bool,
    pub has_conditional_annotations: bool,
    pub annotations_used: bool,
    pub comprehension: Option<CompKind>,
    comp_iter_target: bool,
    comp_iter_expr: u32,
    in_conditional_block: bool,
    in_unevaluated_annotation: bool,
    annotation_block: Option<usize>,
    mangled_names: Option<usize>,
    private: Option<String>,
    scope_info: Option<&'static str>,
    /// `global`/`nonlocal` declarations (and walrus-implied ones) with their locations, for
    /// errors found during analysis.
    pub directives: Vec<(String, TextRange)>,
}

impl RawScope {
    pub fn get(&self, name: &str) -> Option<&RawSymbol> {
        self.index.get(name).map(|&i| &self.symbols[i]).filter(|s| !s.removed)
    }

    pub fn get_mut(&mut self, name: &str) -> Option<&mut RawSymbol> {
        match self.index.get(name) {
            Some(&i) if !self.symbols[i].removed => Some(&mut self.symbols[i]),
            _ => None,
        }
    }

    /// The raw flags of `name`, 0 when absent (CPython's `_PyST_GetSymbol`).
    pub fn flags(&self, name: &str) -> u32 {
        self.get(name).map_or(0, |s| s.flags)
    }

    /// Adds (or replaces) a symbol.
    pub fn insert(&mut self, name: &str, flags: u32, scope: SymbolScope) {
        let symbol = RawSymbol { name: name.to_owned(), flags, scope, removed: false };
        match self.index.get(name) {
            Some(&i) => self.symbols[i] = symbol,
            None => {
                self.index.insert(name.to_owned(), self.symbols.len());
                self.symbols.push(symbol);
            }
        }
    }

    pub fn remove(&mut self, name: &str) {
        if let Some(symbol) = self.get_mut(name) {
            symbol.removed = true;
        }
    }

    /// CPython's `_PyST_IsFunctionLike`.
    pub fn is_function_like(&self) -> bool {
        !matches!(self.kind, ScopeKind::Module | ScopeKind::Class)
    }

    /// A `FunctionBlock` in CPython's terms: functions, lambdas and comprehensions.
    fn is_function_block(&self) -> bool {
        matches!(self.kind, ScopeKind::Function | ScopeKind::Lambda | ScopeKind::Comprehension)
    }
}

/// The walk's state: CPython's `struct symtable`.
pub(super) struct Builder<'a> {
    source: &'a str,
    filename: &'a str,
    line_starts: Vec<u32>,
    pub scopes: Vec<RawScope>,
    stack: Vec<usize>,
    /// The class name private names are mangled with (`st_private`).
    private: Option<String>,
    mangled_sets: Vec<NameSet>,
    future_annotations: bool,
    /// Ranges of the `from __future__` imports at the top of the module.
    future_imports: Vec<TextRange>,
    module_range: TextRange,
    depth: u32,
    /// A code-generation-stage error, reported only if analysis succeeds.
    deferred: Option<Box<SyntaxDiagnostic>>,
}

/// Builds the table for `module`; see the module docs.
pub(super) fn build(
    module: &ast::ModModule,
    source: &str,
    filename: &str,
) -> Result<SymbolTable, SyntaxDiagnostic> {
    let mut builder = Builder::new(source, filename);
    builder.run(module).map_err(|e| *e)?;
    Ok(builder.into_table())
}

impl<'a> Builder<'a> {
    fn new(source: &'a str, filename: &'a str) -> Self {
        let mut line_starts = vec![0u32];
        for (i, b) in source.bytes().enumerate() {
            if b == b'\n' {
                line_starts.push(i as u32 + 1);
            }
        }
        let len = u32::try_from(source.len()).unwrap_or(u32::MAX);
        Builder {
            source,
            filename,
            line_starts,
            scopes: Vec::new(),
            stack: Vec::new(),
            private: None,
            mangled_sets: Vec::new(),
            future_annotations: false,
            future_imports: Vec::new(),
            module_range: TextRange::new(TextSize::new(0), TextSize::new(len)),
            depth: 0,
            deferred: None,
        }
    }

    fn run(&mut self, module: &ast::ModModule) -> BuildResult<()> {
        self.check_future_imports(&module.body)?;
        let root = self.new_scope(ScopeKind::Module, "<module>", ScopeKey::Module, 0);
        self.enter_existing(root, true);
        self.visit_body(&module.body)?;
        self.exit_block();
        self.analyze_module(root)?;
        match self.deferred.take() {
            Some(error) => Err(error),
            None => Ok(()),
        }
    }

    // ---- diagnostics ------------------------------------------------------------------

    /// 1-based line and 0-based byte column of `offset`.
    fn line_col(&self, offset: TextSize) -> (u32, usize) {
        let offset = u32::from(offset);
        let line = self.line_starts.partition_point(|&start| start <= offset).max(1);
        let start = self.line_starts[line - 1];
        (line as u32, (offset - start) as usize)
    }

    fn line_text(&self, line: u32) -> &'a str {
        let index = (line as usize).saturating_sub(1);
        let Some(&start) = self.line_starts.get(index) else { return "" };
        let end = self.line_starts.get(index + 1).map_or(self.source.len(), |&e| e as usize);
        self.source.get(start as usize..end).unwrap_or("").trim_end_matches(['\n', '\r'])
    }

    /// A `SyntaxError` at `range`, with 1-based character offsets like `Lowerer::error`.
    pub(super) fn error(&self, range: TextRange, message: impl Into<String>) -> Box<SyntaxDiagnostic> {
        let (lineno, col) = self.line_col(range.start());
        let (end_lineno, end_col) = self.line_col(range.end());
        let char_col = |line: u32, col: usize| -> u32 {
            let text = self.line_text(line);
            let col = col.min(text.len());
            text.get(..col).map_or(col, |prefix| prefix.chars().count()) as u32 + 1
        };
        Box::new(SyntaxDiagnostic {
            kind: SyntaxErrorKind::SyntaxError,
            message: message.into(),
            filename: self.filename.to_owned(),
            lineno,
            offset: char_col(lineno, col),
            end_lineno,
            end_offset: char_col(end_lineno, end_col),
            text: Some(self.line_text(lineno).to_owned()),
        })
    }

    fn line_of(&self, offset: TextSize) -> u32 {
        self.line_col(offset).0
    }

    // ---- scopes -----------------------------------------------------------------------

    fn cur(&self) -> usize {
        self.stack.last().copied().unwrap_or(0)
    }

    /// CPython's `ste_new`: a scope not yet linked into the tree.
    fn new_scope(&mut self, kind: ScopeKind, name: &str, key: ScopeKey, lineno: u32) -> usize {
        self.scopes.push(RawScope {
            kind,
            name: name.to_owned(),
            key,
            lineno,
            parent: None,
            children: Vec::new(),
            symbols: Vec::new(),
            index: FxHashMap::default(),
            varnames: Vec::new(),
            is_generator: false,
            is_coroutine: false,
            has_varargs: false,
            has_varkeywords: false,
            comp_inlined: false,
            needs_class_closure: false,
            needs_classdict: false,
            can_see_class_scope: false,
            has_conditional_annotations: false,
            annotations_used: false,
            comprehension: None,
            comp_iter_target: false,
            comp_iter_expr: 0,
            in_conditional_block: false,
            in_unevaluated_annotation: false,
            annotation_block: None,
            mangled_names: None,
            private: None,
            scope_info: None,
            directives: Vec::new(),
        });
        self.scopes.len() - 1
    }

    /// CPython's `symtable_enter_existing_block`. `link` false keeps the scope out of the
    /// tree (detached); so do annotation scopes under `from __future__ import annotations`.
    fn enter_existing(&mut self, id: usize, link: bool) {
        let prev = self.stack.last().copied();
        self.stack.push(id);
        self.scopes[id].private = self.private.clone();
        if let Some(prev) = prev {
            // bpo-37757: walrus is rejected anywhere inside a comprehension's iterable.
            self.scopes[id].comp_iter_expr = self.scopes[prev].comp_iter_expr;
            if self.scopes[prev].mangled_names.is_some() && self.scopes[id].kind != ScopeKind::Class {
                self.scopes[id].mangled_names = self.scopes[prev].mangled_names;
            }
        }
        if !link || (self.future_annotations && self.scopes[id].kind == ScopeKind::Annotation) {
            return;
        }
        if let Some(prev) = prev {
            // CPython appends a re-entered module/class annotation block again; analysing
            // it once is equivalent.
            if !self.scopes[prev].children.contains(&id) {
                self.scopes[prev].children.push(id);
                self.scopes[id].parent = Some(prev);
            }
        }
    }

    /// CPython's `symtable_enter_block`.
    fn enter_block(&mut self, name: &str, kind: ScopeKind, key: ScopeKey, range: TextRange, link: bool) -> BuildResult<usize> {
        let lineno = self.line_of(range.start());
        let id = self.new_scope(kind, name, key, lineno);
        self.enter_existing(id, link);
        if matches!(kind, ScopeKind::Annotation | ScopeKind::TypeVarBound | ScopeKind::TypeAlias) {
            // The `format` argument of `__annotate__`-style functions.
            self.add_def(".format", DEF_PARAM, range)?;
            self.add_def(".format", USE, range)?;
        }
        Ok(id)
    }

    fn exit_block(&mut self) {
        self.stack.pop();
    }

    // ---- definitions ------------------------------------------------------------------

    /// `_Py_MaybeMangle(st_private, ste, name)`.
    fn mangle_in(&self, ste: usize, name: &str) -> String {
        if let Some(set) = self.scopes[ste].mangled_names {
            if !self.mangled_sets[set].contains(name) {
                return name.to_owned();
            }
        }
        mangle(self.private.as_deref(), name).into_owned()
    }

    /// `symtable_lookup_entry`: the flags of `name` in scope `ste`.
    fn lookup_in(&self, ste: usize, name: &str) -> u32 {
        let mangled = self.mangle_in(ste, name);
        self.scopes[ste].flags(&mangled)
    }

    fn add_def(&mut self, name: &str, flag: u32, range: TextRange) -> BuildResult<()> {
        let ctx = if flag == USE { ExprContext::Load } else { ExprContext::Store };
        self.add_def_ctx(name, flag, range, ctx)
    }

    fn add_def_ctx(&mut self, name: &str, flag: u32, range: TextRange, ctx: ExprContext) -> BuildResult<()> {
        if flag & (DEF_PARAM | DEF_LOCAL | DEF_IMPORT) != 0 {
            self.check_name(name, range, ctx)?;
        }
        let cur = self.cur();
        if flag & DEF_TYPE_PARAM != 0 {
            if let Some(set) = self.scopes[cur].mangled_names {
                self.mangled_sets[set].insert(name.to_owned());
            }
        }
        self.add_def_helper(name, flag, cur, range)
    }

    /// `symtable_add_def_helper`: adds `flag` to `name` in scope `ste` (mangled as in the
    /// current scope).
    fn add_def_helper(&mut self, name: &str, flag: u32, ste: usize, range: TextRange) -> BuildResult<()> {
        let mangled = self.mangle_in(self.cur(), name);
        let mut value = flag;
        if let Some(existing) = self.scopes[ste].get(&mangled) {
            if flag & DEF_PARAM != 0 && existing.flags & DEF_PARAM != 0 {
                return Err(self.error(range, format!("duplicate argument '{name}' in function definition")));
            }
            if flag & DEF_TYPE_PARAM != 0 && existing.flags & DEF_TYPE_PARAM != 0 {
                return Err(self.error(range, format!("duplicate type parameter '{name}'")));
            }
            value |= existing.flags;
        }
        if self.scopes[ste].comp_iter_target {
            if value & (DEF_GLOBAL | DEF_NONLOCAL) != 0 {
                return Err(self.error(
                    range,
                    format!("comprehension inner loop cannot rebind assignment expression target '{name}'"),
                ));
            }
            value |= DEF_COMP_ITER;
        }
        self.scopes[ste].insert(&mangled, value, SymbolScope::Local);
        if flag & DEF_PARAM != 0 {
            self.scopes[ste].varnames.push(mangled);
        } else if flag & DEF_GLOBAL != 0 {
            // The module's entry records every name declared global anywhere.
            let module = &mut self.scopes[0];
            let flags = module.flags(&mangled) | flag;
            module.insert(&mangled, flags, SymbolScope::Local);
        }
        Ok(())
    }

    /// CPython's `check_name`: `__debug__` can be neither bound nor deleted.
    fn check_name(&self, name: &str, range: TextRange, ctx: ExprContext) -> BuildResult<()> {
        if name == "__debug__" {
            match ctx {
                ExprContext::Store => return Err(self.error(range, "cannot assign to __debug__")),
                ExprContext::Del => return Err(self.error(range, "cannot delete __debug__")),
                _ => {}
            }
        }
        Ok(())
    }

    fn record_directive(&mut self, name: &str, range: TextRange) {
        let cur = self.cur();
        let mangled = self.mangle_in(cur, name);
        self.scopes[cur].directives.push((mangled, range));
    }

    // ---- `from __future__` --------------------------------------------------------------

    /// CPython's `future_parse`: the `from __future__` imports right after the docstring.
    fn check_future_imports(&mut self, body: &[Stmt]) -> BuildResult<()> {
        let mut statements = body.iter().peekable();
        if let Some(Stmt::Expr(e)) = statements.peek() {
            if e.value.is_string_literal_expr() {
                statements.next();
            }
        }
        for stmt in statements {
            let Stmt::ImportFrom(import) = stmt else { break };
            if import.level != 0 || import.module.as_ref().map(|m| m.as_str()) != Some("__future__") {
                break;
            }
            for alias in &import.names {
                match alias.name.as_str() {
                    "nested_scopes" | "generators" | "division" | "absolute_import" | "with_statement"
                    | "print_function" | "unicode_literals" | "barry_as_FLUFL" | "generator_stop" => {}
                    "annotations" => self.future_annotations = true,
                    "braces" => return Err(self.error(import.range, "not a chance")),
                    other => {
                        return Err(self.error(import.range, format!("future feature {other} is not defined")));
                    }
                }
            }
            self.future_imports.push(import.range);
        }
        Ok(())
    }

    // ---- statements -------------------------------------------------------------------

    fn visit_body(&mut self, body: &[Stmt]) -> BuildResult<()> {
        body.iter().try_for_each(|stmt| self.visit_stmt(stmt))
    }

    /// Visits `body` as conditionally executed (`ENTER_CONDITIONAL_BLOCK`).
    fn visit_conditional<T>(&mut self, f: impl FnOnce(&mut Self) -> BuildResult<T>) -> BuildResult<T> {
        let cur = self.cur();
        let saved = std::mem::replace(&mut self.scopes[cur].in_conditional_block, true);
        let result = f(self);
        self.scopes[cur].in_conditional_block = saved;
        result
    }

    fn enter_recursion(&mut self, range: TextRange) -> BuildResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error(range, "too many nested expressions or statements"));
        }
        Ok(())
    }

    fn visit_stmt(&mut self, stmt: &Stmt) -> BuildResult<()> {
        self.enter_recursion(stmt.range())?;
        self.visit_stmt_inner(stmt)?;
        self.depth -= 1;
        Ok(())
    }

    fn visit_stmt_inner(&mut self, stmt: &Stmt) -> BuildResult<()> {
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
                    b.visit_body(&f.body)?;
                    b.visit_body(&f.orelse)
                })
            }
            Stmt::While(w) => {
                self.visit_expr(&w.test)?;
                self.visit_conditional(|b| {
                    b.visit_body(&w.body)?;
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
                let is_future = i.level == 0 && i.module.as_ref().map(|m| m.as_str()) == Some("__future__");
                if is_future && !self.future_imports.contains(&i.range) {
                    return Err(self.error(i.range, "from __future__ imports must occur at the beginning of the file"));
                }
                Ok(())
            }
            Stmt::Global(g) => self.visit_declaration(&g.names, g.range, true),
            Stmt::Nonlocal(n) => self.visit_declaration(&n.names, n.range, false),
            Stmt::Expr(e) => self.visit_expr(&e.value),
            Stmt::Pass(_) | Stmt::Break(_) | Stmt::Continue(_) | Stmt::IpyEscapeCommand(_) => Ok(()),
        }
    }

    /// CPython's `symtable_raise_if_not_coroutine`.
    fn require_coroutine(&self, message: &str, range: TextRange) -> BuildResult<()> {
        if self.scopes[self.cur()].is_coroutine {
            Ok(())
        } else {
            Err(self.error(range, message))
        }
    }

    /// `global` / `nonlocal` statements.
    fn visit_declaration(&mut self, names: &[ast::Identifier], range: TextRange, global: bool) -> BuildResult<()> {
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

    fn visit_alias(&mut self, alias: &ast::Alias) -> BuildResult<()> {
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
    fn visit_defaults(&mut self, parameters: &Parameters) -> BuildResult<()> {
        for param in parameters.posonlyargs.iter().chain(&parameters.args).chain(&parameters.kwonlyargs) {
            self.visit_opt_expr(param.default.as_deref())?;
        }
        Ok(())
    }

    /// CPython's `symtable_visit_arguments`: parameters in `co_varnames` order.
    fn visit_params(&mut self, parameters: &Parameters) -> BuildResult<()> {
        for param in parameters.posonlyargs.iter().chain(&parameters.args).chain(&parameters.kwonlyargs) {
            self.add_def(&param.parameter.name, DEF_PARAM, param.parameter.range)?;
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

    fn visit_function_def(&mut self, f: &ast::StmtFunctionDef) -> BuildResult<()> {
        self.add_def(&f.name, DEF_LOCAL, f.range)?;
        self.visit_defaults(&f.parameters)?;
        for decorator in &f.decorator_list {
            self.visit_expr(&decorator.expression)?;
        }
        let generic = f.type_params.as_deref().filter(|tp| !tp.type_params.is_empty());
        if let Some(type_params) = generic {
            let p = &f.parameters;
            let has_defaults = p.posonlyargs.iter().chain(&p.args).any(|a| a.default.is_some());
            let has_kwdefaults = p.kwonlyargs.iter().any(|a| a.default.is_some());
            self.enter_type_param_block(&f.name, f.range, f.name.range, has_defaults, has_kwdefaults, false)?;
            for tp in type_params.iter() {
                self.visit_type_param(tp)?;
            }
        }
        let lineno = self.line_of(f.name.range.start());
        let function = self.new_scope(ScopeKind::Function, &f.name, ScopeKey::Function(f.range), lineno);
        self.visit_function_annotations(f)?;
        self.enter_existing(function, true);
        if f.is_async {
            self.scopes[function].is_coroutine = true;
        }
        self.visit_params(&f.parameters)?;
        self.visit_body(&f.body)?;
        self.exit_block();
        if generic.is_some() {
            self.exit_block();
        }
        Ok(())
    }

    /// CPython's `symtable_visit_annotations`: a function's parameter and return annotations
    /// live in their own `__annotate__` scope, a child of the scope holding the `def`.
    fn visit_function_annotations(&mut self, f: &ast::StmtFunctionDef) -> BuildResult<()> {
        let cur = self.cur();
        let is_in_class = self.scopes[cur].can_see_class_scope || self.scopes[cur].kind == ScopeKind::Class;
        let key = ScopeKey::Annotation(f.range);
        let annotation = self.enter_block("__annotate__", ScopeKind::Annotation, key, f.name.range, true)?;
        self.scopes[annotation].lineno = self.line_of(f.name.range.start());
        if is_in_class {
            self.scopes[annotation].can_see_class_scope = true;
            self.add_def("__classdict__", USE, f.name.range)?;
        }
        let p = &f.parameters;
        let annotations = p
            .posonlyargs
            .iter()
            .chain(&p.args)
            .map(|a| &a.parameter)
            .chain(p.vararg.as_deref())
            .chain(p.kwarg.as_deref())
            .chain(p.kwonlyargs.iter().map(|a| &a.parameter))
            .filter_map(|param| param.annotation.as_deref())
            .chain(f.returns.as_deref());
        for expr in annotations {
            self.scopes[annotation].annotations_used = true;
            self.visit_expr(expr)?;
        }
        self.exit_block();
        Ok(())
    }

    /// CPython's `symtable_enter_type_param_block`.
    fn enter_type_param_block(
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
        let id = self.enter_block(&scope_name, ScopeKind::TypeParams, ScopeKey::TypeParams(owner), loc, true)?;
        if in_class {
            self.scopes[id].can_see_class_scope = true;
            self.add_def("__classdict__", USE, loc)?;
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

    fn visit_class_def(&mut self, c: &ast::StmtClassDef) -> BuildResult<()> {
        self.add_def(&c.name, DEF_LOCAL, c.range)?;
        for decorator in &c.decorator_list {
            self.visit_expr(&decorator.expression)?;
        }
        let saved_private = self.private.clone();
        let generic = c.type_params.as_deref().filter(|tp| !tp.type_params.is_empty());
        if let Some(type_params) = generic {
            self.enter_type_param_block(&c.name, c.range, c.name.range, false, false, true)?;
            self.private = Some(c.name.to_string());
            let cur = self.cur();
            self.scopes[cur].private = self.private.clone();
            self.mangled_sets.push(NameSet::default());
            self.scopes[cur].mangled_names = Some(self.mangled_sets.len() - 1);
            for tp in type_params.iter() {
                self.visit_type_param(tp)?;
            }
        }
        if let Some(arguments) = &c.arguments {
            self.visit_exprs(&arguments.args)?;
            self.visit_keywords(&arguments.keywords)?;
        }
        let class = self.enter_block(&c.name, ScopeKind::Class, ScopeKey::Class(c.range), c.name.range, true)?;
        self.private = Some(c.name.to_string());
        self.scopes[class].private = self.private.clone();
        if generic.is_some() {
            self.add_def("__type_params__", DEF_LOCAL, c.name.range)?;
            self.add_def(".type_params", USE, c.name.range)?;
        }
        self.visit_body(&c.body)?;
        self.exit_block();
        if generic.is_some() {
            self.exit_block();
        }
        self.private = saved_private;
        Ok(())
    }

    fn visit_type_alias(&mut self, t: &ast::StmtTypeAlias) -> BuildResult<()> {
        self.visit_expr(&t.name)?;
        let Expr::Name(name) = &*t.name else { return Ok(()) };
        let name = name.id.as_str();
        let in_class = self.scopes[self.cur()].kind == ScopeKind::Class;
        let generic = t.type_params.as_deref().filter(|tp| !tp.type_params.is_empty());
        if let Some(type_params) = generic {
            self.enter_type_param_block(name, t.range, t.range, false, false, false)?;
            for tp in type_params.iter() {
                self.visit_type_param(tp)?;
            }
        }
        let alias = self.enter_block(name, ScopeKind::TypeAlias, ScopeKey::TypeAlias(t.range), t.range, true)?;
        self.scopes[alias].can_see_class_scope = in_class;
        if in_class {
            self.add_def("__classdict__", USE, t.value.range())?;
        }
        self.visit_expr(&t.value)?;
        self.exit_block();
        if generic.is_some() {
            self.exit_block();
        }
        Ok(())
    }

    fn visit_ann_assign(&mut self, a: &ast::StmtAnnAssign) -> BuildResult<()> {
        let cur = self.cur();
        self.scopes[cur].annotations_used = true;
        if let Expr::Name(target) = &*a.target {
            let current = self.lookup_in(cur, &target.id);
            if current & (DEF_GLOBAL | DEF_NONLOCAL) != 0 && cur != 0 && a.simple {
                let what = if current & DEF_GLOBAL != 0 { "global" } else { "nonlocal" };
                return Err(self.error(a.range, format!("annotated name '{}' can't be {what}", target.id)));
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
    fn visit_annotation(&mut self, annotation: &Expr) -> BuildResult<()> {
        let cur = self.cur();
        let kind = self.scopes[cur].kind;
        let unevaluated = kind == ScopeKind::Function;
        if matches!(kind, ScopeKind::Class | ScopeKind::Module)
            && self.scopes[cur].in_conditional_block
            && !self.scopes[cur].has_conditional_annotations
        {
            self.scopes[cur].has_conditional_annotations = true;
            self.add_def("__conditional_annotations__", USE, annotation.range())?;
        }
        let block = match self.scopes[cur].annotation_block {
            Some(block) => {
                self.enter_existing(block, !unevaluated);
                block
            }
            None => {
                let key = match self.scopes[cur].key {
                    ScopeKey::Module => ScopeKey::Annotation(self.module_range),
                    ScopeKey::Class(r) | ScopeKey::Function(r) => ScopeKey::Annotation(r),
                    _ => ScopeKey::Annotation(annotation.range()),
                };
                let block =
                    self.enter_block("__annotate__", ScopeKind::Annotation, key, annotation.range(), !unevaluated)?;
                self.scopes[cur].annotation_block = Some(block);
                if kind == ScopeKind::Class && !self.future_annotations {
                    self.scopes[block].can_see_class_scope = true;
                    self.add_def("__classdict__", USE, annotation.range())?;
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

    fn visit_type_param(&mut self, tp: &TypeParam) -> BuildResult<()> {
        match tp {
            TypeParam::TypeVar(t) => {
                self.add_def(&t.name, DEF_TYPE_PARAM | DEF_LOCAL, t.range)?;
                let info = match t.bound.as_deref() {
                    Some(Expr::Tuple(_)) => "a TypeVar constraint",
                    _ => "a TypeVar bound",
                };
                self.visit_type_param_expr(t.bound.as_deref(), &t.name, t.range, info)?;
                self.visit_type_param_expr(t.default.as_deref(), &t.name, t.range, "a TypeVar default")
            }
            TypeParam::TypeVarTuple(t) => {
                self.add_def(&t.name, DEF_TYPE_PARAM | DEF_LOCAL, t.range)?;
                self.visit_type_param_expr(t.default.as_deref(), &t.name, t.range, "a TypeVarTuple default")
            }
            TypeParam::ParamSpec(t) => {
                self.add_def(&t.name, DEF_TYPE_PARAM | DEF_LOCAL, t.range)?;
                self.visit_type_param_expr(t.default.as_deref(), &t.name, t.range, "a ParamSpec default")
            }
        }
    }

    /// CPython's `symtable_visit_type_param_bound_or_default`: each bound, constraint tuple
    /// and default is a lazily evaluated scope of its own.
    fn visit_type_param_expr(
        &mut self,
        expr: Option<&Expr>,
        name: &str,
        tp_range: TextRange,
        info: &'static str,
    ) -> BuildResult<()> {
        if name == "__classdict__" {
            return Err(self.error(tp_range, "reserved name '__classdict__' cannot be used for type parameter"));
        }
        let Some(expr) = expr else { return Ok(()) };
        let in_class = self.scopes[self.cur()].can_see_class_scope;
        let id = self.enter_block(name, ScopeKind::TypeVarBound, ScopeKey::TypeVarBound(expr.range()), expr.range(), true)?;
        self.scopes[id].can_see_class_scope = in_class;
        if in_class {
            self.add_def("__classdict__", USE, expr.range())?;
        }
        self.scopes[id].scope_info = Some(info);
        self.visit_expr(expr)?;
        self.exit_block();
        Ok(())
    }

    fn visit_pattern(&mut self, pattern: &Pattern) -> BuildResult<()> {
        self.enter_recursion(pattern.range())?;
        match pattern {
            Pattern::MatchValue(p) => self.visit_expr(&p.value)?,
            Pattern::MatchSingleton(_) => {}
            Pattern::MatchSequence(p) => p.patterns.iter().try_for_each(|p| self.visit_pattern(p))?,
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
                p.arguments.patterns.iter().try_for_each(|p| self.visit_pattern(p))?;
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

    // ---- expressions ------------------------------------------------------------------

    fn visit_exprs(&mut self, exprs: &[Expr]) -> BuildResult<()> {
        exprs.iter().try_for_each(|e| self.visit_expr(e))
    }

    fn visit_opt_expr(&mut self, expr: Option<&Expr>) -> BuildResult<()> {
        expr.map_or(Ok(()), |e| self.visit_expr(e))
    }

    fn visit_keywords(&mut self, keywords: &[ast::Keyword]) -> BuildResult<()> {
        for keyword in keywords {
            if let Some(arg) = &keyword.arg {
                self.check_name(arg, keyword.range, ExprContext::Store)?;
            }
        }
        keywords.iter().try_for_each(|k| self.visit_expr(&k.value))
    }

    fn visit_expr(&mut self, expr: &Expr) -> BuildResult<()> {
        self.enter_recursion(expr.range())?;
        self.visit_expr_inner(expr)?;
        self.depth -= 1;
        Ok(())
    }

    fn visit_expr_inner(&mut self, expr: &Expr) -> BuildResult<()> {
        match expr {
            Expr::Named(n) => {
                self.reject_in_annotation_scope("named expression", n.range)?;
                self.visit_named_expr(n)
            }
            Expr::BoolOp(b) => self.visit_exprs(&b.values),
            Expr::BinOp(b) => {
                self.visit_expr(&b.left)?;
                self.visit_expr(&b.right)
            }
            Expr::UnaryOp(u) => self.visit_expr(&u.operand),
            Expr::Lambda(l) => {
                if let Some(parameters) = &l.parameters {
                    self.visit_defaults(parameters)?;
                }
                self.enter_block("<lambda>", ScopeKind::Lambda, ScopeKey::Lambda(l.range), l.range, true)?;
                if let Some(parameters) = &l.parameters {
                    self.visit_params(parameters)?;
                }
                self.visit_expr(&l.body)?;
                self.exit_block();
                Ok(())
            }
            Expr::If(i) => {
                self.visit_expr(&i.test)?;
                self.visit_expr(&i.body)?;
                self.visit_expr(&i.orelse)
            }
            Expr::Dict(d) => {
                for item in &d.items {
                    self.visit_opt_expr(item.key.as_ref())?;
                }
                d.items.iter().try_for_each(|item| self.visit_expr(&item.value))
            }
            Expr::Set(s) => self.visit_exprs(&s.elts),
            Expr::ListComp(c) => self.visit_comprehension(expr, CompKind::List, &c.generators, &c.elt, None),
            Expr::SetComp(c) => self.visit_comprehension(expr, CompKind::Set, &c.generators, &c.elt, None),
            Expr::DictComp(c) => {
                self.visit_comprehension(expr, CompKind::Dict, &c.generators, &c.value, c.key.as_deref())
            }
            Expr::Generator(g) => self.visit_comprehension(expr, CompKind::Generator, &g.generators, &g.elt, None),
            Expr::Yield(y) => {
                self.reject_in_annotation_scope("yield expression", y.range)?;
                self.visit_opt_expr(y.value.as_deref())?;
                self.mark_yield(y.range)
            }
            Expr::YieldFrom(y) => {
                self.reject_in_annotation_scope("yield expression", y.range)?;
                self.visit_expr(&y.value)?;
                self.mark_yield(y.range)
            }
            Expr::Await(a) => {
                self.reject_in_annotation_scope("await expression", a.range)?;
                let cur = &self.scopes[self.cur()];
                if !cur.is_function_like() {
                    return Err(self.error(a.range, "'await' outside function"));
                }
                let async_def = cur.is_function_block() && cur.is_coroutine;
                if !async_def && cur.comprehension.is_none() {
                    return Err(self.error(a.range, "'await' outside async function"));
                }
                self.visit_expr(&a.value)?;
                let cur = self.cur();
                self.scopes[cur].is_coroutine = true;
                Ok(())
            }
            Expr::Compare(c) => {
                self.visit_expr(&c.left)?;
                self.visit_exprs(&c.comparators)
            }
            Expr::Call(c) => {
                self.visit_expr(&c.func)?;
                self.visit_exprs(&c.arguments.args)?;
                self.visit_keywords(&c.arguments.keywords)
            }
            Expr::FString(f) => {
                for element in f.value.elements() {
                    self.visit_interpolated_element(element)?;
                }
                Ok(())
            }
            Expr::TString(t) => {
                for element in t.value.elements() {
                    self.visit_interpolated_element(element)?;
                }
                Ok(())
            }
            Expr::StringLiteral(_)
            | Expr::BytesLiteral(_)
            | Expr::NumberLiteral(_)
            | Expr::BooleanLiteral(_)
            | Expr::NoneLiteral(_)
            | Expr::EllipsisLiteral(_)
            | Expr::IpyEscapeCommand(_) => Ok(()),
            Expr::Attribute(a) => {
                self.check_name(&a.attr, a.range, a.ctx)?;
                self.visit_expr(&a.value)
            }
            Expr::Subscript(s) => {
                self.visit_expr(&s.value)?;
                self.visit_expr(&s.slice)
            }
            Expr::Starred(s) => self.visit_expr(&s.value),
            Expr::Slice(s) => {
                self.visit_opt_expr(s.lower.as_deref())?;
                self.visit_opt_expr(s.upper.as_deref())?;
                self.visit_opt_expr(s.step.as_deref())
            }
            Expr::Name(n) => self.visit_name(n),
            Expr::List(l) => self.visit_exprs(&l.elts),
            Expr::Tuple(t) => self.visit_exprs(&t.elts),
        }
    }

    fn visit_interpolated_element(&mut self, element: &InterpolatedStringElement) -> BuildResult<()> {
        let InterpolatedStringElement::Interpolation(interpolation) = element else { return Ok(()) };
        self.visit_expr(&interpolation.expression)?;
        if let Some(spec) = &interpolation.format_spec {
            for element in spec.elements.iter() {
                self.visit_interpolated_element(element)?;
            }
        }
        Ok(())
    }

    fn visit_name(&mut self, n: &ast::ExprName) -> BuildResult<()> {
        let cur = self.cur();
        if self.scopes[cur].in_unevaluated_annotation {
            return Ok(());
        }
        let load = matches!(n.ctx, ExprContext::Load | ExprContext::Invalid);
        self.add_def_ctx(&n.id, if load { USE } else { DEF_LOCAL }, n.range, n.ctx)?;
        // `super()` needs the `__class__` cell.
        if load && self.scopes[cur].is_function_like() && n.id.as_str() == "super" {
            self.add_def("__class__", USE, n.range)?;
        }
        Ok(())
    }

    /// `yield` / `yield from`: marks a generator, rejected in comprehensions.
    fn mark_yield(&mut self, range: TextRange) -> BuildResult<()> {
        let cur = self.cur();
        self.scopes[cur].is_generator = true;
        if let Some(kind) = self.scopes[cur].comprehension {
            let what = match kind {
                CompKind::List => "list comprehension",
                CompKind::Set => "set comprehension",
                CompKind::Dict => "dict comprehension",
                CompKind::Generator => "generator expression",
            };
            return Err(self.error(range, format!("'yield' inside {what}")));
        }
        if !self.scopes[cur].is_function_like() && self.deferred.is_none() {
            self.deferred = Some(self.error(range, "'yield' outside function"));
        }
        Ok(())
    }

    /// CPython's `symtable_raise_if_annotation_block`.
    fn reject_in_annotation_scope(&self, what: &str, range: TextRange) -> BuildResult<()> {
        let cur = &self.scopes[self.cur()];
        let message = match cur.kind {
            ScopeKind::Annotation => format!("{what} cannot be used within an annotation"),
            ScopeKind::TypeVarBound => {
                format!("{what} cannot be used within {}", cur.scope_info.unwrap_or("a TypeVar bound"))
            }
            ScopeKind::TypeAlias => format!("{what} cannot be used within a type alias"),
            ScopeKind::TypeParams => format!("{what} cannot be used within the definition of a generic"),
            _ => return Ok(()),
        };
        Err(self.error(range, message))
    }

    /// CPython's `symtable_handle_namedexpr`.
    fn visit_named_expr(&mut self, n: &ast::ExprNamed) -> BuildResult<()> {
        let cur = self.cur();
        if self.scopes[cur].comp_iter_expr > 0 {
            return Err(self.error(n.range, "assignment expression cannot be used in a comprehension iterable expression"));
        }
        if self.scopes[cur].comprehension.is_some() {
            if let Expr::Name(target) = &*n.target {
                self.extend_named_expr_scope(target)?;
            }
        }
        self.visit_expr(&n.value)?;
        self.visit_expr(&n.target)
    }

    /// CPython's `symtable_extend_namedexpr_scope`: a walrus in a comprehension binds in the
    /// nearest enclosing function or module.
    fn extend_named_expr_scope(&mut self, target: &ast::ExprName) -> BuildResult<()> {
        let name = target.id.as_str();
        let range = target.range;
        for i in (0..self.stack.len()).rev() {
            let ste = self.stack[i];
            if self.scopes[ste].comprehension.is_some() {
                let flags = self.lookup_in(ste, name);
                if flags & DEF_COMP_ITER != 0 && flags & DEF_LOCAL != 0 {
                    return Err(self.error(
                        range,
                        format!("assignment expression cannot rebind comprehension iteration variable '{name}'"),
                    ));
                }
                continue;
            }
            match self.scopes[ste].kind {
                ScopeKind::Function | ScopeKind::Lambda => {
                    let flags = self.lookup_in(ste, name);
                    self.add_def(name, if flags & DEF_GLOBAL != 0 { DEF_GLOBAL } else { DEF_NONLOCAL }, range)?;
                    self.record_directive(name, range);
                    return self.add_def_helper(name, DEF_LOCAL, ste, range);
                }
                ScopeKind::Module => {
                    self.add_def(name, DEF_GLOBAL, range)?;
                    self.record_directive(name, range);
                    return self.add_def_helper(name, DEF_GLOBAL, ste, range);
                }
                ScopeKind::Class => {
                    return Err(self.error(
                        range,
                        "assignment expression within a comprehension cannot be used in a class body",
                    ));
                }
                ScopeKind::TypeParams => {
                    return Err(self.error(
                        range,
                        "assignment expression within a comprehension cannot be used within the definition of a generic",
                    ));
                }
                ScopeKind::TypeAlias => {
                    return Err(self.error(
                        range,
                        "assignment expression within a comprehension cannot be used in a type alias",
                    ));
                }
                ScopeKind::TypeVarBound => {
                    return Err(self.error(
                        range,
                        "assignment expression within a comprehension cannot be used in a TypeVar bound",
                    ));
                }
                ScopeKind::Annotation | ScopeKind::Comprehension => {}
            }
        }
        Ok(())
    }

    /// CPython's `symtable_handle_comprehension`. The first iterable is evaluated in the
    /// enclosing scope and passed in as the hidden parameter `.0`.
    fn visit_comprehension(
        &mut self,
        expr: &Expr,
        kind: CompKind,
        generators: &[ast::Comprehension],
        elt: &Expr,
        key: Option<&Expr>,
    ) -> BuildResult<()> {
        let Some((outermost, rest)) = generators.split_first() else { return Ok(()) };
        let outer = self.cur();
        self.scopes[outer].comp_iter_expr += 1;
        self.visit_expr(&outermost.iter)?;
        self.scopes[outer].comp_iter_expr -= 1;
        let name = match kind {
            CompKind::List => "<listcomp>",
            CompKind::Set => "<setcomp>",
            CompKind::Dict => "<dictcomp>",
            CompKind::Generator => "<genexpr>",
        };
        let range = expr.range();
        let comp = self.enter_block(name, ScopeKind::Comprehension, ScopeKey::Comprehension(range), range, true)?;
        self.scopes[comp].comprehension = Some(kind);
        if outermost.is_async {
            self.scopes[comp].is_coroutine = true;
        }
        self.add_def(".0", DEF_PARAM, range)?;
        self.scopes[comp].comp_iter_target = true;
        self.visit_expr(&outermost.target)?;
        self.scopes[comp].comp_iter_target = false;
        self.visit_exprs(&outermost.ifs)?;
        for generator in rest {
            self.scopes[comp].comp_iter_target = true;
            self.visit_expr(&generator.target)?;
            self.scopes[comp].comp_iter_target = false;
            self.scopes[comp].comp_iter_expr += 1;
            self.visit_expr(&generator.iter)?;
            self.scopes[comp].comp_iter_expr -= 1;
            self.visit_exprs(&generator.ifs)?;
            if generator.is_async {
                self.scopes[comp].is_coroutine = true;
            }
        }
        // A dict comprehension's value is visited before its key, as in CPython.
        self.visit_expr(elt)?;
        self.visit_opt_expr(key)?;
        let is_generator = kind == CompKind::Generator;
        self.scopes[comp].is_generator = is_generator;
        let is_async = self.scopes[comp].is_coroutine && !is_generator;
        self.exit_block();
        let cur = &self.scopes[self.cur()];
        let in_async_def = cur.is_function_block() && cur.is_coroutine;
        if is_async && !in_async_def && cur.comprehension.is_none() {
            return Err(self.error(range, "asynchronous comprehension outside of an asynchronous function"));
        }
        if is_async {
            let cur = self.cur();
            self.scopes[cur].is_coroutine = true;
        }
        Ok(())
    }

    // ---- result -----------------------------------------------------------------------

    /// Converts the scopes reachable from the module into a [`SymbolTable`], in pre-order.
    fn into_table(self) -> SymbolTable {
        let mut table = SymbolTable {
            future_annotations: self.future_annotations,
            module_range: self.module_range,
            ..SymbolTable::default()
        };
        let mut work = vec![(0usize, None::<ScopeId>)];
        while let Some((raw_id, parent)) = work.pop() {
            let raw = &self.scopes[raw_id];
            let mut scope = Scope::new(raw.kind, raw.name.clone(), raw.key, parent, raw.lineno);
            for symbol in raw.symbols.iter().filter(|s| !s.removed) {
                scope.add_flag(&symbol.name, symbol.flags).scope = symbol.scope;
            }
            scope.params = raw.varnames.clone();
            scope.is_generator = raw.is_generator;
            scope.is_coroutine = raw.is_coroutine;
            scope.has_varargs = raw.has_varargs;
            scope.has_varkeywords = raw.has_varkeywords;
            scope.comp_inlined = raw.comp_inlined;
            scope.needs_class_closure = raw.needs_class_closure;
            scope.needs_classdict = raw.needs_classdict;
            scope.can_see_class_scope = raw.can_see_class_scope;
            scope.has_conditional_annotations = raw.has_conditional_annotations;
            scope.annotations_used = raw.annotations_used;
            scope.private = raw.private.clone();
            scope.mangled_names = raw.mangled_names.map(|set| {
                let mut names: Vec<String> = self.mangled_sets[set].iter().cloned().collect();
                names.sort();
                names
            });
            let id = table.add_scope(scope);
            for &child in raw.children.iter().rev() {
                work.push((child, Some(id)));
            }
        }
        table
    }
}
