//! The semantic checks driven by another walk of the tree: the symbol-table builder
//! (`crate::scope`) visits every statement and expression anyway, so the pipeline lets it
//! feed the checker instead of walking the whole tree a second time here.
//!
//! The driver calls [`Fused::stmt`] and [`Fused::expr`] on entering each node, and brackets
//! the bodies that [`super::ScopeWalker`] runs in a scope of their own (function, class and
//! lambda bodies, a comprehension after its first iterable, loop bodies) with the
//! `enter_*`/[`Fused::exit_scope`] calls. The checker's statement checks keep state, so
//! statements must come in source order, as in any walk; its expression checks keep none,
//! so the order of a statement's expressions does not matter. The result is only valid
//! when the driver walked the whole tree: a walk that stopped at an error must ask
//! [`super::check`] instead.

use ruff_python_ast::{self as ast, Expr, Stmt};

use super::{Root, ScopeWalker, SourceMap, comprehension_kind};
use crate::diagnostics::SyntaxDiagnostic;

/// The checker's state while another walk drives it.
pub(crate) struct Fused<'a> {
    walker: ScopeWalker<'a>,
}

impl<'a> Fused<'a> {
    /// Starts checking the module `body` of `source`; `may_declare_globals` as for
    /// [`super::check`].
    pub(crate) fn new(source: &'a str, body: &'a [Stmt], may_declare_globals: bool) -> Self {
        let mut walker = ScopeWalker::new(source, may_declare_globals);
        walker.fused = true;
        walker.ctx.scopes.push(super::Scope::new(
            super::ScopeKind::Module,
            body,
            None,
            may_declare_globals,
        ));
        Fused { walker }
    }

    /// Entering a statement.
    #[inline(always)]
    pub(crate) fn stmt(&mut self, stmt: &'a Stmt) {
        self.walker.pre_stmt(stmt);
    }

    /// Entering an expression.
    #[inline(always)]
    pub(crate) fn expr(&mut self, expr: &'a Expr) {
        self.walker.check_expr(expr);
    }

    /// Entering a function's body.
    pub(crate) fn enter_function(&mut self, def: &'a ast::StmtFunctionDef) {
        let scope = self.walker.function_scope(def);
        self.walker.ctx.scopes.push(scope);
    }

    /// Entering a class's body.
    pub(crate) fn enter_class(&mut self, class: &'a ast::StmtClassDef) {
        let scope = self.walker.class_scope(class);
        self.walker.ctx.scopes.push(scope);
    }

    /// Entering a lambda's body.
    pub(crate) fn enter_lambda(&mut self, lambda: &'a ast::ExprLambda) {
        let scope = super::Scope::new(
            super::ScopeKind::Lambda,
            &[],
            lambda.parameters.as_deref(),
            false,
        );
        self.walker.ctx.scopes.push(scope);
    }

    /// Entering the part of comprehension `expr` after its first iterable.
    pub(crate) fn enter_comprehension(&mut self, expr: &'a Expr) {
        // A non-comprehension is a driver bug; a module scope keeps the stack balanced.
        let kind = comprehension_kind(expr).unwrap_or(super::ScopeKind::Module);
        self.walker
            .ctx
            .scopes
            .push(super::Scope::new(kind, &[], None, false));
    }

    /// Leaving the body entered last. The scope is dropped where it lies: popping it
    /// moved the whole struct out first, only to drop it.
    pub(crate) fn exit_scope(&mut self) {
        let scopes = &mut self.walker.ctx.scopes;
        scopes.truncate(scopes.len().saturating_sub(1));
    }

    /// Entering (`true`) or leaving (`false`) the body of a `for` or `while` loop (not its
    /// `else`).
    pub(crate) fn loop_body(&mut self, entering: bool) {
        if let Some(scope) = self.walker.ctx.scopes.last_mut() {
            if entering {
                scope.loop_depth += 1;
            } else {
                scope.loop_depth = scope.loop_depth.saturating_sub(1);
            }
        }
    }

    /// The checks' verdict once the whole module `body` has been walked, as
    /// [`super::check`] gives it.
    pub(crate) fn finish(
        self,
        map: &SourceMap<'_>,
        body: &'a [Stmt],
    ) -> Result<Option<SyntaxDiagnostic>, SyntaxDiagnostic> {
        self.walker.finish(map, &Root::Module(body))
    }
}
