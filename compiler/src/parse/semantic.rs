//! Compile-time syntax errors found after parsing, via ruff's `SemanticSyntaxChecker`.
//!
//! CPython raises these from its future-import scan (`Python/future.c`), its symbol table
//! (`Python/symtable.c`) and its compiler (`Python/compile.c`, `Python/codegen.c`). The
//! checker needs a [`SemanticSyntaxContext`] describing the scope at each node, which the
//! [`ScopeWalker`] provides while walking the AST. Ruff's wording is replaced with
//! CPython's, and when several errors exist the one CPython meets first wins: future
//! imports, then symbol-table errors, then compiler errors, each group in source order.
//!
//! Scope analysis proper (`compiler::scope`) owns the symtable; this module only reports
//! what ruff detects anyway, so the two may overlap but never disagree on validity. The
//! pipeline spares itself this module's own walk: the symbol-table builder drives the
//! checker through [`Fused`] (`fused.rs`). `translate.rs` holds CPython's wording.

use std::cell::{Cell, OnceCell, RefCell};

use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, Expr, ExprContext, Pattern, PythonVersion, Stmt};
use ruff_python_parser::semantic_errors::{
    LazyImportContext, SemanticSyntaxChecker, SemanticSyntaxContext, SemanticSyntaxError,
    SemanticSyntaxErrorKind,
};
use ruff_text_size::{Ranged, TextRange};
use rustc_hash::{FxHashMap, FxHashSet};

use super::{ParseKind, SourceMap, TARGET_VERSION};
use crate::diagnostics::{SyntaxDiagnostic, SyntaxErrorKind};

mod fused;
mod translate;
pub(crate) use fused::Fused;
use translate::{Phase, enclosing_node_range, reported_by_lowering, translate};

/// The root of a parsed tree.
pub(crate) enum Root<'a> {
    Module(&'a [Stmt]),
    Expression(&'a Expr),
}

/// Runs the semantic checks and returns the error CPython would report first: as `Err` when
/// CPython's future scan or symbol table raises it, as `Ok(Some(_))` when its compiler does.
/// `may_declare_globals` false (the tokens hold no `global` keyword) spares looking for
/// `global` statements in every scope's body.
pub(crate) fn check(
    map: &SourceMap<'_>,
    root: Root<'_>,
    _kind: ParseKind,
    may_declare_globals: bool,
) -> Result<Option<SyntaxDiagnostic>, SyntaxDiagnostic> {
    let mut walker = ScopeWalker::new(map.text, may_declare_globals);
    match root {
        Root::Module(body) => {
            walker.ctx.scopes.push(Scope::new(
                ScopeKind::Module,
                body,
                None,
                may_declare_globals,
            ));
            walker.visit_body(body);
        }
        Root::Expression(expr) => {
            walker
                .ctx
                .scopes
                .push(Scope::new(ScopeKind::Module, &[], None, false));
            walker.visit_expr(expr);
        }
    }
    walker.finish(map, &root)
}

impl<'a> ScopeWalker<'a> {
    fn new(source: &'a str, may_declare_globals: bool) -> Self {
        ScopeWalker {
            checker: SemanticSyntaxChecker::new(),
            settled: false,
            fused: false,
            ctx: Context {
                source,
                scopes: Vec::new(),
                errors: RefCell::new(Vec::new()),
                future_annotations: Cell::new(false),
                name_context: Cell::new(None),
                declarations: Vec::new(),
                may_declare_globals,
            },
        }
    }

    /// The error CPython would report first among those the walk collected (see [`check`]).
    fn finish(
        mut self,
        map: &SourceMap<'_>,
        root: &Root<'_>,
    ) -> Result<Option<SyntaxDiagnostic>, SyntaxDiagnostic> {
        let declarations = std::mem::take(&mut self.ctx.declarations);
        let errors = self.ctx.errors.into_inner();
        finish_errors(map, root, errors, &declarations)
    }
}

/// [`ScopeWalker::finish`] once the walker is taken apart.
fn finish_errors(
    map: &SourceMap<'_>,
    root: &Root<'_>,
    errors: Vec<Reported>,
    declarations: &[TextRange],
) -> Result<Option<SyntaxDiagnostic>, SyntaxDiagnostic> {
    let leading_future_end = match root {
        Root::Module(body) => leading_future_end(body),
        Root::Expression(_) => ruff_text_size::TextSize::default(),
    };
    let best = errors
        .into_iter()
        // `future.c` checks the features of the module's leading `__future__` imports
        // only; any other is a late import, which the compiler rejects.
        .filter(|reported| {
            !matches!(
                reported.error.kind,
                SemanticSyntaxErrorKind::FutureFeatureNotDefined(_)
            ) || reported.error.range.start() < leading_future_end
        })
        .map(|reported| {
            let (phase, start, mut diagnostic) = translate(map, &reported, declarations);
            if let SemanticSyntaxErrorKind::NonlocalWithoutBinding(name) = &reported.error.kind
                && let Some(class) = translate::enclosing_class_name(root, reported.error.range)
            {
                // CPython's symbol table holds, and names, the mangled name.
                let mangled = crate::scope::mangle(Some(class), name);
                diagnostic.message = format!("no binding for nonlocal '{mangled}' found");
            }
            if let Some(range) = enclosing_node_range(root, &reported) {
                let widened = map.at_range(
                    SyntaxErrorKind::SyntaxError,
                    &diagnostic.message,
                    range.start(),
                    range.end(),
                );
                diagnostic = widened;
            }
            (phase, start, diagnostic)
        })
        .min_by_key(|(phase, start, _)| (*phase, *start));
    match best {
        Some((Phase::Compiler, _, diagnostic)) => Ok(Some(diagnostic)),
        Some((_, _, diagnostic)) => Err(diagnostic),
        None => Ok(None),
    }
}

/// Where the module's leading run of `from __future__ import` statements (after the
/// docstring) ends: the statements `future.c` reads.
fn leading_future_end(body: &[Stmt]) -> ruff_text_size::TextSize {
    let mut end = ruff_text_size::TextSize::default();
    let docstring = matches!(body.first(), Some(Stmt::Expr(e)) if e.value.is_string_literal_expr());
    for stmt in &body[usize::from(docstring)..] {
        match stmt {
            Stmt::ImportFrom(import) if import.module.as_deref() == Some("__future__") => {
                end = import.range.end();
            }
            _ => break,
        }
    }
    end
}

/// The kind of scope a node is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ScopeKind {
    Module,
    Class,
    Function {
        is_async: bool,
    },
    Lambda,
    /// A list, set or dict comprehension; `name` is what CPython's messages call it.
    Comprehension {
        is_async: bool,
        name: &'static str,
    },
    Generator,
}

#[derive(Debug)]
struct Scope<'a> {
    kind: ScopeKind,
    /// The statements of a module, function or class body (empty for other kinds).
    body: &'a [Stmt],
    /// Names bound in this scope, for `nonlocal` checks: collected on the first such check,
    /// since `nonlocal` is rare and the collection walks the whole body again.
    bindings: OnceCell<FxHashSet<&'a str>>,
    /// Names declared `global` in this scope, with the declaring statement's range.
    globals: FxHashMap<&'a str, TextRange>,
    /// The parameters of a function or lambda: only `global` and `nonlocal` statements ask
    /// about them, so they are searched rather than copied into a set for every function.
    parameters: Option<&'a ast::Parameters>,
    /// How many `for`/`while` bodies enclose the current node within this scope.
    loop_depth: u32,
    /// Names declared `global` / `nonlocal` so far, once the scope has a declaration:
    /// few do, and two empty maps in every scope were a fifth of the scope to build,
    /// move and drop.
    declared: Option<Box<Declared<'a>>>,
}

/// The names a scope has declared `global` and `nonlocal` so far, each with its first
/// declaration's range.
#[derive(Debug, Default)]
struct Declared<'a> {
    global: FxHashMap<&'a str, TextRange>,
    nonlocal: FxHashMap<&'a str, TextRange>,
}

impl<'a> Scope<'a> {
    fn new(
        kind: ScopeKind,
        body: &'a [Stmt],
        parameters: Option<&'a ast::Parameters>,
        may_declare_globals: bool,
    ) -> Self {
        let body = if has_body(kind) { body } else { &[] };
        // The checker asks for the `global` declarations at every name, so they are
        // collected up front; they are statements, so expressions need no walk.
        let mut globals = GlobalCollector::default();
        if may_declare_globals {
            globals.visit_body(body);
        }
        Scope {
            kind,
            body,
            bindings: OnceCell::new(),
            globals: globals.globals,
            parameters,
            loop_depth: 0,
            declared: None,
        }
    }

    /// The names this scope binds: its body's bindings and its parameters, less the names
    /// it declares `global`.
    fn bindings(&self) -> &FxHashSet<&'a str> {
        self.bindings.get_or_init(|| {
            let mut collector = BindingCollector::default();
            collector.visit_body(self.body);
            let mut bindings = collector.bindings;
            bindings.extend(
                self.parameters
                    .into_iter()
                    .flat_map(|p| p.iter().map(|p| p.name().as_str())),
            );
            for name in self.globals.keys() {
                bindings.remove(name);
            }
            bindings
        })
    }
}

/// Whether bindings and `global` declarations are collected from the body of a scope of
/// this kind.
fn has_body(kind: ScopeKind) -> bool {
    matches!(
        kind,
        ScopeKind::Module | ScopeKind::Function { .. } | ScopeKind::Class
    )
}

/// Collects the `global` declarations of a body, first one per name, without entering
/// nested scopes or expressions (a statement never occurs inside an expression).
#[derive(Default)]
struct GlobalCollector<'a> {
    globals: FxHashMap<&'a str, TextRange>,
}

impl<'a> Visitor<'a> for GlobalCollector<'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::FunctionDef(_) | Stmt::ClassDef(_) => {}
            Stmt::Global(global) => {
                for name in &global.names {
                    self.globals.entry(name.as_str()).or_insert(global.range);
                }
            }
            _ => visitor::walk_stmt(self, stmt),
        }
    }

    fn visit_expr(&mut self, _expr: &'a Expr) {}

    fn visit_pattern(&mut self, _pattern: &'a Pattern) {}
}

/// Collects the names a scope binds and the names it declares `global`, without entering
/// nested scopes (except for assignment expressions inside comprehensions, which bind in
/// the enclosing scope).
#[derive(Default)]
struct BindingCollector<'a> {
    bindings: FxHashSet<&'a str>,
}

impl<'a> Visitor<'a> for BindingCollector<'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::FunctionDef(def) => {
                self.bindings.insert(def.name.as_str());
            }
            Stmt::ClassDef(class) => {
                self.bindings.insert(class.name.as_str());
            }
            Stmt::Import(import) => {
                for alias in &import.names {
                    let name = match &alias.asname {
                        Some(asname) => asname.as_str(),
                        None => alias.name.as_str().split('.').next().unwrap_or_default(),
                    };
                    self.bindings.insert(name);
                }
            }
            Stmt::ImportFrom(import) => {
                for alias in &import.names {
                    let name = alias.asname.as_ref().unwrap_or(&alias.name);
                    self.bindings.insert(name.as_str());
                }
            }
            Stmt::Try(try_stmt) => {
                for handler in &try_stmt.handlers {
                    let ast::ExceptHandler::ExceptHandler(handler) = handler;
                    if let Some(name) = &handler.name {
                        self.bindings.insert(name.as_str());
                    }
                }
                visitor::walk_stmt(self, stmt);
            }
            _ => visitor::walk_stmt(self, stmt),
        }
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        match expr {
            Expr::Name(name) if !name.ctx.is_load() => {
                self.bindings.insert(name.id.as_str());
            }
            Expr::Lambda(_) => {}
            Expr::ListComp(ast::ExprListComp {
                elt, generators, ..
            })
            | Expr::SetComp(ast::ExprSetComp {
                elt, generators, ..
            })
            | Expr::Generator(ast::ExprGenerator {
                elt, generators, ..
            }) => {
                self.visit_expr(elt);
                self.visit_comprehension_parts(generators);
            }
            Expr::DictComp(ast::ExprDictComp {
                key,
                value,
                generators,
                ..
            }) => {
                if let Some(key) = key {
                    self.visit_expr(key);
                }
                self.visit_expr(value);
                self.visit_comprehension_parts(generators);
            }
            _ => visitor::walk_expr(self, expr),
        }
    }

    fn visit_pattern(&mut self, pattern: &'a Pattern) {
        match pattern {
            Pattern::MatchAs(ast::PatternMatchAs {
                name: Some(name), ..
            })
            | Pattern::MatchStar(ast::PatternMatchStar {
                name: Some(name), ..
            })
            | Pattern::MatchMapping(ast::PatternMatchMapping {
                rest: Some(name), ..
            }) => {
                self.bindings.insert(name.as_str());
            }
            _ => {}
        }
        visitor::walk_pattern(self, pattern);
    }
}

impl<'a> BindingCollector<'a> {
    fn visit_comprehension_parts(&mut self, generators: &'a [ast::Comprehension]) {
        for generator in generators {
            self.visit_expr(&generator.iter);
            for condition in &generator.ifs {
                self.visit_expr(condition);
            }
        }
    }
}

/// The checker's view of where it is.
struct Context<'a> {
    source: &'a str,
    scopes: Vec<Scope<'a>>,
    errors: RefCell<Vec<Reported>>,
    future_annotations: Cell<bool>,
    /// The context of the `Name` expression being checked, if the current node is one.
    name_context: Cell<Option<ExprContext>>,
    /// Ranges of every `global` and `nonlocal` statement, where CPython's symbol table
    /// reports errors about the names they declare.
    declarations: Vec<TextRange>,
    /// Whether any body may hold a `global` statement (see [`check`]).
    may_declare_globals: bool,
}

/// An error from the checker, with the scope facts its CPython message depends on.
struct Reported {
    error: SemanticSyntaxError,
    innermost: ScopeKind,
    name_context: Option<ExprContext>,
}

impl<'a> Context<'a> {
    fn innermost(&self) -> ScopeKind {
        self.scopes.last().map_or(ScopeKind::Module, |s| s.kind)
    }

    fn current(&self) -> Option<&Scope<'a>> {
        self.scopes.last()
    }
}

impl SemanticSyntaxContext for Context<'_> {
    fn future_annotations_or_stub(&self) -> bool {
        self.future_annotations.get()
    }

    fn lazy_import_context(&self) -> Option<LazyImportContext> {
        None
    }

    fn python_version(&self) -> PythonVersion {
        TARGET_VERSION
    }

    fn source(&self) -> &str {
        self.source
    }

    fn global(&self, name: &str) -> Option<TextRange> {
        self.current()?.globals.get(name).copied()
    }

    fn has_nonlocal_binding(&self, name: &str) -> bool {
        // Methods see the implicit `__class__` (and `__classdict__`) cell of their class.
        if matches!(name, "__class__" | "__classdict__")
            && self.scopes.iter().any(|s| s.kind == ScopeKind::Class)
        {
            return true;
        }
        self.scopes
            .iter()
            .rev()
            .skip(1)
            .filter(|s| matches!(s.kind, ScopeKind::Function { .. } | ScopeKind::Lambda))
            .any(|s| s.bindings().contains(name))
    }

    fn in_async_context(&self) -> bool {
        for scope in self.scopes.iter().rev() {
            match scope.kind {
                ScopeKind::Function { is_async } => return is_async,
                ScopeKind::Lambda | ScopeKind::Class | ScopeKind::Module => return false,
                ScopeKind::Comprehension { .. } | ScopeKind::Generator => {}
            }
        }
        false
    }

    fn in_await_allowed_context(&self) -> bool {
        for scope in self.scopes.iter().rev() {
            match scope.kind {
                // A generator expression with `await` becomes an async generator
                // expression, which is fine anywhere.
                ScopeKind::Function { .. } | ScopeKind::Lambda | ScopeKind::Generator => {
                    return true;
                }
                ScopeKind::Class | ScopeKind::Module => return false,
                ScopeKind::Comprehension { .. } => {}
            }
        }
        false
    }

    fn in_yield_allowed_context(&self) -> bool {
        matches!(
            self.innermost(),
            ScopeKind::Function { .. } | ScopeKind::Lambda
        )
    }

    fn in_sync_comprehension(&self) -> bool {
        self.scopes
            .iter()
            .rev()
            .take_while(|s| {
                matches!(
                    s.kind,
                    ScopeKind::Comprehension { .. } | ScopeKind::Generator
                )
            })
            .any(|s| {
                matches!(
                    s.kind,
                    ScopeKind::Comprehension {
                        is_async: false,
                        ..
                    }
                )
            })
    }

    fn in_class_body_comprehension(&self) -> bool {
        for scope in self.scopes.iter().rev() {
            match scope.kind {
                ScopeKind::Class => return true,
                ScopeKind::Comprehension { .. } | ScopeKind::Generator => {}
                _ => return false,
            }
        }
        false
    }

    fn in_module_scope(&self) -> bool {
        self.innermost() == ScopeKind::Module
    }

    fn in_function_scope(&self) -> bool {
        matches!(
            self.innermost(),
            ScopeKind::Function { .. } | ScopeKind::Lambda
        )
    }

    fn in_generator_context(&self) -> bool {
        self.innermost() == ScopeKind::Generator
    }

    fn in_notebook(&self) -> bool {
        false
    }

    fn report_semantic_error(&self, error: SemanticSyntaxError) {
        if reported_by_lowering(&error.kind) {
            return;
        }
        self.errors.borrow_mut().push(Reported {
            error,
            innermost: self.innermost(),
            name_context: self.name_context.get(),
        });
    }

    fn in_loop_context(&self) -> bool {
        self.current().is_some_and(|s| s.loop_depth > 0)
    }

    fn is_bound_parameter(&self, name: &str) -> bool {
        self.current()
            .and_then(|s| s.parameters)
            .is_some_and(|p| p.iter().any(|p| p.name().as_str() == name))
    }
}

/// Walks the AST, keeping [`Context`]'s scope stack in step and feeding every statement
/// and expression to the checker.
struct ScopeWalker<'a> {
    checker: SemanticSyntaxChecker,
    ctx: Context<'a>,
    /// The checker has seen a statement past the module's docstring and leading
    /// `__future__` imports: from then on its own state no longer changes (see
    /// [`checks_nothing`]).
    settled: bool,
    /// The symbol-table walk drives the checks ([`Fused`]): its result only counts when
    /// that walk found no error, so checks that can only fail where the walk fails are
    /// left out (see [`ScopeWalker::pre_stmt`]).
    fused: bool,
}

impl<'a> ScopeWalker<'a> {
    fn with_scope(&mut self, scope: Scope<'a>, f: impl FnOnce(&mut Self)) {
        self.ctx.scopes.push(scope);
        f(self);
        self.ctx.scopes.pop();
    }

    fn in_loop_body(&mut self, body: &'a [Stmt]) {
        if let Some(scope) = self.ctx.scopes.last_mut() {
            scope.loop_depth += 1;
        }
        self.visit_body(body);
        if let Some(scope) = self.ctx.scopes.last_mut() {
            scope.loop_depth -= 1;
        }
    }

    /// Visits what a function's or lambda's header evaluates in the enclosing scope.
    fn visit_parameter_defaults(&mut self, parameters: &'a ast::Parameters) {
        for parameter in parameters.iter_non_variadic_params() {
            if let Some(default) = &parameter.default {
                self.visit_expr(default);
            }
        }
    }

    fn visit_parameter_annotations(&mut self, parameters: &'a ast::Parameters) {
        for parameter in parameters {
            if let Some(annotation) = parameter.annotation() {
                self.visit_expr(annotation);
            }
        }
    }

    fn visit_comprehension(
        &mut self,
        kind: ScopeKind,
        generators: &'a [ast::Comprehension],
        elements: &[&'a Expr],
    ) {
        // The first iterable is evaluated in the enclosing scope.
        let Some((first, _)) = generators.split_first() else {
            for element in elements {
                self.visit_expr(element);
            }
            return;
        };
        self.visit_expr(&first.iter);
        self.with_scope(Scope::new(kind, &[], None, false), |walker| {
            for (i, generator) in generators.iter().enumerate() {
                walker.visit_expr(&generator.target);
                if i > 0 {
                    walker.visit_expr(&generator.iter);
                }
                for condition in &generator.ifs {
                    walker.visit_expr(condition);
                }
            }
            for element in elements {
                walker.visit_expr(element);
            }
        });
    }
}

impl<'a> ScopeWalker<'a> {
    /// `name 'x' is nonlocal and global`: CPython's symbol table rejects declaring one name
    /// both ways in a scope. Ruff's checker has the error kind but does not check it.
    fn check_declaration_conflicts(&mut self, stmt: &'a Stmt) {
        let (names, is_global) = match stmt {
            Stmt::Global(global) => (&global.names, true),
            Stmt::Nonlocal(nonlocal) => (&nonlocal.names, false),
            _ => return,
        };
        let range = stmt.range();
        let Some(scope) = self.ctx.scopes.last_mut() else {
            return;
        };
        let declared = scope.declared.get_or_insert_default();
        let mut conflicts = Vec::new();
        for name in names {
            let other = if is_global {
                declared.nonlocal.get(name.as_str())
            } else {
                declared.global.get(name.as_str())
            };
            // CPython reports at the name's first declaration (`error_at_directive`).
            if let Some(&first) = other {
                conflicts.push((name.to_string(), first));
            }
            let own = if is_global {
                &mut declared.global
            } else {
                &mut declared.nonlocal
            };
            own.entry(name.as_str()).or_insert(range);
        }
        for (name, at) in conflicts {
            self.ctx.report_semantic_error(SemanticSyntaxError {
                kind: SemanticSyntaxErrorKind::NonlocalAndGlobal(name),
                range: at,
                python_version: TARGET_VERSION,
            });
        }
    }
}

impl<'a> ScopeWalker<'a> {
    /// What happens at a statement before its children are visited: the checker's own
    /// checks and the context they read.
    ///
    /// Inline at every statement of the walk: most statements are neither imports nor
    /// declarations and need no check, and deciding that is cheaper than a call.
    #[inline(always)]
    fn pre_stmt(&mut self, stmt: &'a Stmt) {
        if matches!(
            stmt,
            Stmt::ImportFrom(_) | Stmt::Global(_) | Stmt::Nonlocal(_)
        ) {
            self.note_directive(stmt);
        }
        // The checker's state only records that the module's docstring and leading
        // `__future__` imports are behind it, which the first other statement settles
        // (any but an expression or a `from` import); after it, a statement the checker
        // has no check for would change nothing.
        if self.settled
            && (checks_nothing(stmt)
                || (self.fused && is_plain_def(stmt))
                || self.is_plain_return(stmt))
        {
            return;
        }
        self.run_stmt_checks(stmt);
    }

    /// The checker's checks of a statement [`ScopeWalker::pre_stmt`] picked.
    #[inline(never)]
    fn run_stmt_checks(&mut self, stmt: &'a Stmt) {
        self.checker.visit_stmt(stmt, &self.ctx);
        self.settled |= !matches!(stmt, Stmt::Expr(_) | Stmt::ImportFrom(_));
    }

    /// What [`ScopeWalker::pre_stmt`] records of a `from` import (whether it is
    /// `from __future__ import annotations`) or a `global`/`nonlocal` declaration.
    #[inline(never)]
    fn note_directive(&mut self, stmt: &'a Stmt) {
        if let Stmt::ImportFrom(import) = stmt
            && import.module.as_deref() == Some("__future__")
            && import
                .names
                .iter()
                .any(|a| a.name.as_str() == "annotations")
        {
            self.ctx.future_annotations.set(true);
        }
        if let Stmt::Global(ast::StmtGlobal { range, .. })
        | Stmt::Nonlocal(ast::StmtNonlocal { range, .. }) = stmt
        {
            self.ctx.declarations.push(*range);
        }
        self.check_declaration_conflicts(stmt);
    }

    /// Whether `stmt` is a `return` the checker has nothing to say about: one inside a
    /// function whose value is not a lone starred expression.
    fn is_plain_return(&self, stmt: &Stmt) -> bool {
        let Stmt::Return(ret) = stmt else {
            return false;
        };
        !ret.value.as_deref().is_some_and(Expr::is_starred_expr) && self.ctx.in_function_scope()
    }

    /// The checker's checks of one expression (not of its children). Inline at every
    /// expression of the walk: most expressions need no check at all, and deciding that is
    /// cheaper than a call.
    #[inline(always)]
    fn check_expr(&mut self, expr: &'a Expr) {
        let needed = match expr {
            // The checker rejects binding or deleting `__debug__` and using a name before
            // the scope's `global` declaration of it: any other name in a scope without
            // `global` statements, which most names are, cannot be wrong.
            Expr::Name(name) => {
                (name.ctx != ExprContext::Load && name.id.as_str() == "__debug__")
                    || self.ctx.current().is_some_and(|s| !s.globals.is_empty())
            }
            // The kinds the checker's `visit_expr` examines (it keeps no state between
            // calls); it has nothing to say about the others, which are most nodes, nor
            // about tuples and lists that are not assigned to, calls with fewer than two
            // keyword arguments and lambdas without parameters.
            Expr::ListComp(_)
            | Expr::SetComp(_)
            | Expr::DictComp(_)
            | Expr::Generator(_)
            | Expr::Yield(_)
            | Expr::YieldFrom(_)
            | Expr::Await(_) => true,
            Expr::Tuple(ast::ExprTuple { ctx, .. }) | Expr::List(ast::ExprList { ctx, .. }) => {
                ctx.is_store()
            }
            Expr::Call(call) => call.arguments.keywords.len() >= 2,
            Expr::Lambda(lambda) => lambda.parameters.is_some(),
            _ => false,
        };
        if needed {
            self.run_expr_checks(expr);
        }
    }

    /// The checker's checks of an expression [`ScopeWalker::check_expr`] picked.
    #[inline(never)]
    fn run_expr_checks(&mut self, expr: &'a Expr) {
        if let Expr::Name(name) = expr {
            // The message for a name depends on how it is used.
            self.ctx.name_context.set(Some(name.ctx));
            self.checker.visit_expr(expr, &self.ctx);
            self.ctx.name_context.set(None);
        } else {
            self.checker.visit_expr(expr, &self.ctx);
        }
    }

    /// The scope of a function's body.
    fn function_scope(&self, def: &'a ast::StmtFunctionDef) -> Scope<'a> {
        Scope::new(
            ScopeKind::Function {
                is_async: def.is_async,
            },
            &def.body,
            Some(&def.parameters),
            self.ctx.may_declare_globals,
        )
    }

    /// The scope of a class's body.
    fn class_scope(&self, class: &'a ast::StmtClassDef) -> Scope<'a> {
        Scope::new(
            ScopeKind::Class,
            &class.body,
            None,
            self.ctx.may_declare_globals,
        )
    }
}

/// Whether ruff's `SemanticSyntaxChecker::visit_stmt` has no check for `stmt` itself (its
/// expressions are checked one by one as the walk reaches them).
///
/// Inline at every statement: the kinds that need no look inside, and assignments, the
/// most common statement, are settled without a call; the rest are [`checks_nothing_in`].
#[inline(always)]
fn checks_nothing(stmt: &Stmt) -> bool {
    match stmt {
        Stmt::Expr(_)
        | Stmt::If(_)
        | Stmt::While(_)
        | Stmt::Pass(_)
        | Stmt::Delete(_)
        | Stmt::AugAssign(_)
        | Stmt::Raise(_)
        | Stmt::Assert(_)
        | Stmt::IpyEscapeCommand(_) => true,
        // The checker only looks for a starred expression standing alone as the target or
        // the value (an `async for` also needs an async context): almost no assignment
        // has one.
        Stmt::Assign(assign) => {
            !matches!(assign.targets.as_slice(), [Expr::Starred(_)])
                && !assign.value.is_starred_expr()
        }
        _ => checks_nothing_in(stmt),
    }
}

/// [`checks_nothing`] of a statement whose parts tell.
#[inline(never)]
fn checks_nothing_in(stmt: &Stmt) -> bool {
    match stmt {
        Stmt::With(with) => !with.is_async,
        Stmt::For(for_stmt) => {
            !for_stmt.is_async
                && !for_stmt.target.is_starred_expr()
                && !for_stmt.iter.is_starred_expr()
        }
        // Classes, `try` statements and imports are only checked for binding `__debug__`,
        // and classes also for type parameters and repeated keyword arguments.
        Stmt::ClassDef(class) => {
            class.type_params.is_none()
                && class
                    .arguments
                    .as_ref()
                    .is_none_or(|a| a.keywords.len() < 2)
                && !is_debug(&class.name)
        }
        Stmt::Try(try_stmt) => try_stmt
            .handlers
            .iter()
            .filter_map(ast::ExceptHandler::as_except_handler)
            .all(|handler| handler.name.as_ref().is_none_or(|name| !is_debug(name))),
        Stmt::Import(import) => {
            !import.is_lazy
                && import
                    .names
                    .iter()
                    .all(|alias| !is_debug(alias.asname.as_ref().unwrap_or(&alias.name)))
        }
        _ => false,
    }
}

/// Whether `name` is `__debug__`, which can be neither bound nor deleted.
fn is_debug(name: &ast::Identifier) -> bool {
    name.id.as_str() == "__debug__"
}

/// Whether `stmt` is a `def` the checker could only reject for a repeated parameter name
/// or a binding of `__debug__` (a synchronous function without type parameters or
/// annotations): the symbol table rejects both itself (`duplicate argument`, `cannot
/// assign to __debug__`), so under [`Fused`] the checker's verdict on it never counts.
fn is_plain_def(stmt: &Stmt) -> bool {
    let Stmt::FunctionDef(def) = stmt else {
        return false;
    };
    !def.is_async
        && def.type_params.is_none()
        && def.returns.is_none()
        && def.parameters.iter().all(|p| p.annotation().is_none())
}

/// The scope kind of a comprehension expression, `None` for any other expression.
fn comprehension_kind(expr: &Expr) -> Option<ScopeKind> {
    let is_async = |generators: &[ast::Comprehension]| generators.iter().any(|g| g.is_async);
    Some(match expr {
        Expr::ListComp(comp) => ScopeKind::Comprehension {
            is_async: is_async(&comp.generators),
            name: "list comprehension",
        },
        Expr::SetComp(comp) => ScopeKind::Comprehension {
            is_async: is_async(&comp.generators),
            name: "set comprehension",
        },
        Expr::DictComp(comp) => ScopeKind::Comprehension {
            is_async: is_async(&comp.generators),
            name: "dict comprehension",
        },
        Expr::Generator(_) => ScopeKind::Generator,
        _ => return None,
    })
}

impl<'a> Visitor<'a> for ScopeWalker<'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        self.pre_stmt(stmt);
        match stmt {
            Stmt::FunctionDef(def) => {
                for decorator in &def.decorator_list {
                    self.visit_expr(&decorator.expression);
                }
                self.visit_parameter_defaults(&def.parameters);
                if let Some(type_params) = &def.type_params {
                    self.visit_type_params(type_params);
                }
                self.visit_parameter_annotations(&def.parameters);
                if let Some(returns) = &def.returns {
                    self.visit_expr(returns);
                }
                let scope = self.function_scope(def);
                self.with_scope(scope, |walker| walker.visit_body(&def.body));
            }
            Stmt::ClassDef(class) => {
                for decorator in &class.decorator_list {
                    self.visit_expr(&decorator.expression);
                }
                if let Some(type_params) = &class.type_params {
                    self.visit_type_params(type_params);
                }
                if let Some(arguments) = &class.arguments {
                    self.visit_arguments(arguments);
                }
                let scope = self.class_scope(class);
                self.with_scope(scope, |walker| walker.visit_body(&class.body));
            }
            Stmt::For(for_stmt) => {
                self.visit_expr(&for_stmt.iter);
                self.visit_expr(&for_stmt.target);
                self.in_loop_body(&for_stmt.body);
                self.visit_body(&for_stmt.orelse);
            }
            Stmt::While(while_stmt) => {
                self.visit_expr(&while_stmt.test);
                self.in_loop_body(&while_stmt.body);
                self.visit_body(&while_stmt.orelse);
            }
            _ => visitor::walk_stmt(self, stmt),
        }
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        self.check_expr(expr);
        if matches!(expr, Expr::Name(_)) {
            // A name has no children.
            return;
        }
        match expr {
            Expr::Lambda(lambda) => {
                if let Some(parameters) = &lambda.parameters {
                    self.visit_parameter_defaults(parameters);
                }
                let scope = Scope::new(ScopeKind::Lambda, &[], lambda.parameters.as_deref(), false);
                self.with_scope(scope, |walker| walker.visit_expr(&lambda.body));
            }
            Expr::ListComp(ast::ExprListComp {
                elt, generators, ..
            })
            | Expr::SetComp(ast::ExprSetComp {
                elt, generators, ..
            })
            | Expr::Generator(ast::ExprGenerator {
                elt, generators, ..
            }) => {
                if let Some(kind) = comprehension_kind(expr) {
                    self.visit_comprehension(kind, generators, &[elt]);
                }
            }
            Expr::DictComp(comp) => {
                let mut elements: Vec<&Expr> = Vec::with_capacity(2);
                if let Some(key) = &comp.key {
                    elements.push(key);
                }
                elements.push(&comp.value);
                if let Some(kind) = comprehension_kind(expr) {
                    self.visit_comprehension(kind, &comp.generators, &elements);
                }
            }
            _ => visitor::walk_expr(self, expr),
        }
    }
}
