//! The symbol-table walk over expressions: CPython's `symtable_visit_expr`, comprehensions
//! (`symtable_handle_comprehension`) and assignment expressions
//! (`symtable_extend_namedexpr_scope`).

use super::builder::{BuildResult, Builder, CompKind};
use super::flags::*;
use super::{ScopeKey, ScopeKind};
use ruff_python_ast::{self as ast, Expr, ExprContext, InterpolatedStringElement};
use ruff_text_size::{Ranged, TextRange};

impl<'a> Builder<'a> {
    pub(super) fn visit_exprs(&mut self, exprs: &'a [Expr]) -> BuildResult<()> {
        exprs.iter().try_for_each(|e| self.visit_expr(e))
    }

    pub(super) fn visit_opt_expr(&mut self, expr: Option<&'a Expr>) -> BuildResult<()> {
        expr.map_or(Ok(()), |e| self.visit_expr(e))
    }

    pub(super) fn visit_keywords(&mut self, keywords: &'a [ast::Keyword]) -> BuildResult<()> {
        for keyword in keywords {
            if let Some(arg) = &keyword.arg {
                self.check_name(arg, keyword.range, ExprContext::Store)?;
            }
        }
        keywords.iter().try_for_each(|k| self.visit_expr(&k.value))
    }

    /// Visits an expression. Inline at every call: leaves (constants and names, half of
    /// all expressions) skip the recursive call and its bookkeeping, which cost more than
    /// their visit. A leaf too deep still goes the long way, to its recursion error.
    #[inline(always)]
    pub(super) fn visit_expr(&mut self, expr: &'a Expr) -> BuildResult<()> {
        let shallow = (self.depth as usize) < crate::guard::MAX_AST_DEPTH;
        match expr {
            // Nothing to record and, for the semantic checks, nothing to check.
            _ if shallow && crate::parse::is_literal_constant(expr) => Ok(()),
            Expr::Name(name) if shallow => self.visit_name_expr(expr, name),
            _ => self.visit_expr_node(expr),
        }
    }

    /// A name expression `expr` (which is `name`) at a depth below the limit.
    #[inline(never)]
    fn visit_name_expr(&mut self, expr: &'a Expr, name: &'a ast::ExprName) -> BuildResult<()> {
        if let Some(semantic) = &mut self.semantic {
            semantic.expr(expr);
        }
        self.visit_name(name)
    }

    /// [`Builder::visit_expr`]'s general case.
    #[inline(never)]
    fn visit_expr_node(&mut self, expr: &'a Expr) -> BuildResult<()> {
        self.enter_recursion()?;
        if let Some(semantic) = &mut self.semantic {
            semantic.expr(expr);
        }
        self.visit_expr_inner(expr)?;
        self.depth -= 1;
        Ok(())
    }

    /// Inline in its one caller, so that each node costs one call, not two.
    #[inline(always)]
    pub(super) fn visit_expr_inner(&mut self, expr: &'a Expr) -> BuildResult<()> {
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
                self.enter_block(
                    "<lambda>",
                    ScopeKind::Lambda,
                    ScopeKey::Lambda(l.range),
                    l.range,
                    true,
                )?;
                if let Some(parameters) = &l.parameters {
                    self.visit_params(parameters)?;
                }
                if let Some(semantic) = &mut self.semantic {
                    semantic.enter_lambda(l);
                }
                self.visit_expr(&l.body)?;
                if let Some(semantic) = &mut self.semantic {
                    semantic.exit_scope();
                }
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
                d.items
                    .iter()
                    .try_for_each(|item| self.visit_expr(&item.value))
            }
            Expr::Set(s) => self.visit_exprs(&s.elts),
            Expr::ListComp(c) => {
                self.visit_comprehension(expr, CompKind::List, &c.generators, &c.elt, None)
            }
            Expr::SetComp(c) => {
                self.visit_comprehension(expr, CompKind::Set, &c.generators, &c.elt, None)
            }
            Expr::DictComp(c) => self.visit_comprehension(
                expr,
                CompKind::Dict,
                &c.generators,
                &c.value,
                c.key.as_deref(),
            ),
            Expr::Generator(g) => {
                self.visit_comprehension(expr, CompKind::Generator, &g.generators, &g.elt, None)
            }
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
                if a.ctx == ExprContext::Store
                    && let Some(owner) = self.attribute_owner
                    && matches!(&*a.value, Expr::Name(name) if name.id.as_str() == "self")
                {
                    self.static_attributes.push((owner, a.attr.as_str()));
                }
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
            // Only names too deep come here, on their way to the recursion error.
            Expr::Name(n) => self.visit_name_expr(expr, n),
            Expr::List(l) => self.visit_exprs(&l.elts),
            Expr::Tuple(t) => self.visit_exprs(&t.elts),
        }
    }

    pub(super) fn visit_interpolated_element(
        &mut self,
        element: &'a InterpolatedStringElement,
    ) -> BuildResult<()> {
        let InterpolatedStringElement::Interpolation(interpolation) = element else {
            return Ok(());
        };
        self.visit_expr(&interpolation.expression)?;
        if let Some(spec) = &interpolation.format_spec {
            for element in spec.elements.iter() {
                self.visit_interpolated_element(element)?;
            }
        }
        Ok(())
    }

    /// Inline in its one caller: names are the most common expression.
    #[inline(always)]
    pub(super) fn visit_name(&mut self, n: &'a ast::ExprName) -> BuildResult<()> {
        let cur = self.cur();
        if self.scopes[cur].in_unevaluated_annotation {
            return Ok(());
        }
        let load = matches!(n.ctx, ExprContext::Load | ExprContext::Invalid);
        // Reading the name's text decodes its compact form: once is enough.
        let id = n.id.as_str();
        // `add_def_ctx`, whose name check only a binding needs, with its one call inline.
        if !load {
            self.check_name(id, n.range, n.ctx)?;
        }
        self.add_def_inline(id, if load { USE } else { DEF_LOCAL }, cur, n.range)?;
        // `super()` needs the `__class__` cell.
        if load && id == "super" && self.scopes[cur].is_function_like() {
            self.add_def("__class__", USE, n.range)?;
        }
        Ok(())
    }

    /// `yield` / `yield from`: marks a generator, rejected in comprehensions.
    pub(super) fn mark_yield(&mut self, range: TextRange) -> BuildResult<()> {
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
    pub(super) fn reject_in_annotation_scope(
        &self,
        what: &str,
        range: TextRange,
    ) -> BuildResult<()> {
        let cur = &self.scopes[self.cur()];
        let message = match cur.kind {
            ScopeKind::Annotation => format!("{what} cannot be used within an annotation"),
            ScopeKind::TypeVarBound => {
                format!(
                    "{what} cannot be used within {}",
                    cur.scope_info.unwrap_or("a TypeVar bound")
                )
            }
            ScopeKind::TypeAlias => format!("{what} cannot be used within a type alias"),
            ScopeKind::TypeParams => {
                format!("{what} cannot be used within the definition of a generic")
            }
            _ => return Ok(()),
        };
        Err(self.error(range, message))
    }

    /// CPython's `symtable_handle_namedexpr`.
    pub(super) fn visit_named_expr(&mut self, n: &'a ast::ExprNamed) -> BuildResult<()> {
        let cur = self.cur();
        if self.scopes[cur].comp_iter_expr > 0 {
            return Err(self.error(
                n.range,
                "assignment expression cannot be used in a comprehension iterable expression",
            ));
        }
        if self.scopes[cur].comprehension.is_some()
            && let Expr::Name(target) = &*n.target
        {
            self.extend_named_expr_scope(target)?;
        }
        self.visit_expr(&n.value)?;
        self.visit_expr(&n.target)
    }

    /// CPython's `symtable_extend_namedexpr_scope`: a walrus in a comprehension binds in the
    /// nearest enclosing function or module.
    pub(super) fn extend_named_expr_scope(&mut self, target: &'a ast::ExprName) -> BuildResult<()> {
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
                    self.add_def(
                        name,
                        if flags & DEF_GLOBAL != 0 {
                            DEF_GLOBAL
                        } else {
                            DEF_NONLOCAL
                        },
                        range,
                    )?;
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
    pub(super) fn visit_comprehension(
        &mut self,
        expr: &'a Expr,
        kind: CompKind,
        generators: &'a [ast::Comprehension],
        elt: &'a Expr,
        key: Option<&'a Expr>,
    ) -> BuildResult<()> {
        let Some((outermost, rest)) = generators.split_first() else {
            return Ok(());
        };
        let outer = self.cur();
        self.scopes[outer].comp_iter_expr += 1;
        self.visit_expr(&outermost.iter)?;
        self.scopes[outer].comp_iter_expr -= 1;
        if let Some(semantic) = &mut self.semantic {
            semantic.enter_comprehension(expr);
        }
        let name = match kind {
            CompKind::List => "<listcomp>",
            CompKind::Set => "<setcomp>",
            CompKind::Dict => "<dictcomp>",
            CompKind::Generator => "<genexpr>",
        };
        let range = expr.range();
        let comp = self.enter_block(
            name,
            ScopeKind::Comprehension,
            ScopeKey::Comprehension(range),
            range,
            true,
        )?;
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
        if let Some(semantic) = &mut self.semantic {
            semantic.exit_scope();
        }
        let is_generator = kind == CompKind::Generator;
        self.scopes[comp].is_generator = is_generator;
        let is_async = self.scopes[comp].is_coroutine && !is_generator;
        self.exit_block();
        let cur = &self.scopes[self.cur()];
        let in_async_def = cur.is_function_block() && cur.is_coroutine;
        if is_async && !in_async_def && cur.comprehension.is_none() {
            return Err(self.error(
                range,
                "asynchronous comprehension outside of an asynchronous function",
            ));
        }
        if is_async {
            let cur = self.cur();
            self.scopes[cur].is_coroutine = true;
        }
        Ok(())
    }
}
