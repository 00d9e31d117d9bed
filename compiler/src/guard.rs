//! Guards that keep pathological input from exhausting the native stack.
//!
//! The parser grows its own stack (it uses `stacker`), but everything after it — scope
//! analysis, lowering, even dropping the AST — recurses over the tree. CPython refuses
//! trees nested deeper than its compiler's recursion budget with `RecursionError:
//! maximum recursion depth exceeded during compilation` (about 3,000 levels in 3.11,
//! measured with `compile('-' * n + '1', …)`); Taipan applies the same limit, measured
//! here before any other pass runs, and every recursive walker calls [`deep`] so a
//! legal but deep tree never overflows a small thread stack.

use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{Expr, ModModule, Pattern, Stmt};

/// Deepest AST nesting (statements, expressions and patterns combined) compiled.
pub const MAX_AST_DEPTH: usize = 2990;

/// Runs `f` with at least 128 KiB of stack available, growing onto the heap if needed.
/// Recursive walkers wrap each level in it.
#[inline]
pub fn deep<R>(f: impl FnOnce() -> R) -> R {
    stacker::maybe_grow(128 * 1024, 4 * 1024 * 1024, f)
}

/// Whether the module's tree is nested deeper than [`MAX_AST_DEPTH`].
pub fn too_deep(module: &ModModule) -> bool {
    let mut meter = DepthMeter {
        depth: 0,
        exceeded: false,
    };
    meter.visit_body(&module.body);
    meter.exceeded
}

/// Disposes of a tree that [`too_deep`] rejected. Its recursive `Drop` could overflow the
/// stack, so it is deliberately leaked: that costs memory only for a rejected,
/// pathological input, where a crash would break the no-crash rule.
pub fn forget_too_deep(module: ModModule) {
    std::mem::forget(module);
}

struct DepthMeter {
    depth: usize,
    exceeded: bool,
}

impl DepthMeter {
    fn nested(&mut self, f: impl FnOnce(&mut Self)) {
        if self.exceeded {
            return;
        }
        self.depth += 1;
        if self.depth > MAX_AST_DEPTH {
            self.exceeded = true;
        } else {
            deep(|| f(self));
        }
        self.depth -= 1;
    }
}

impl<'a> Visitor<'a> for DepthMeter {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        self.nested(|meter| visitor::walk_stmt(meter, stmt));
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        self.nested(|meter| visitor::walk_expr(meter, expr));
    }

    fn visit_pattern(&mut self, pattern: &'a Pattern) {
        self.nested(|meter| visitor::walk_pattern(meter, pattern));
    }
}
