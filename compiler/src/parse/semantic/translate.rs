//! CPython's wording, exception class and reporting phase for the errors ruff's
//! `SemanticSyntaxChecker` reports, and the node an error's position widens to.

use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{Expr, ExprContext, Stmt};
use ruff_python_parser::semantic_errors::{
    AwaitOutsideAsyncFunctionKind, InvalidExpressionKind, InvalidExpressionPosition,
    SemanticSyntaxErrorKind, WriteToDebugKind, YieldOutsideFunctionKind,
};
use ruff_text_size::{Ranged, TextRange, TextSize};

use super::{Reported, Root, ScopeKind, SourceMap};
use crate::diagnostics::{SyntaxDiagnostic, SyntaxErrorKind};

/// When CPython raises an error, which decides which of several errors is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Phase {
    Future,
    Symtable,
    SymtableAnalysis,
    Compiler,
}

/// Errors that lowering reports itself, where CPython's compiler meets them, with CPython's
/// positions: the `match` pattern checks (`lower/pattern.rs`; ruff reports some at other
/// nodes, quotes keys as written rather than by `repr`, and judges nested or-patterns
/// differently). The checker still runs them; their reports are dropped.
pub(super) fn reported_by_lowering(kind: &SemanticSyntaxErrorKind) -> bool {
    use SemanticSyntaxErrorKind as K;
    matches!(
        kind,
        K::MultipleCaseAssignment(_)
            | K::MultipleStarredNamesInSequencePattern
            | K::IrrefutableCasePattern(_)
            | K::DuplicateMatchKey(_)
            | K::DuplicateMatchClassAttribute(_)
            | K::DifferentMatchPatternBindings
    )
}

/// CPython's message, exception class and reporting phase for a checker error.
pub(super) fn translate(
    map: &SourceMap<'_>,
    reported: &Reported,
    declarations: &[TextRange],
) -> (Phase, u64, SyntaxDiagnostic) {
    let Reported {
        error,
        innermost,
        name_context,
    } = reported;
    let (innermost, name_context) = (*innermost, *name_context);
    let range = error.range;
    let text = &map.text[range];
    let identifier = |s: &str| -> String {
        s.trim_start_matches('*')
            .trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let comprehension_name = match innermost {
        ScopeKind::Comprehension { name, .. } => Some(name),
        ScopeKind::Generator => Some("generator expression"),
        _ => None,
    };
    use SemanticSyntaxErrorKind as K;
    let (phase, message) = match &error.kind {
        // `future.c` only reads the module's leading imports; the compiler rejects the rest.
        K::LateFutureImport => (
            Phase::Compiler,
            "from __future__ imports must occur at the beginning of the file".to_string(),
        ),
        K::FutureFeatureNotDefined(name) if name == "braces" => {
            (Phase::Future, "not a chance".to_string())
        }
        K::FutureFeatureNotDefined(name) => (
            Phase::Future,
            format!("future feature {name} is not defined"),
        ),
        K::NamedExpressionInComprehensionIterable => (
            Phase::Symtable,
            "assignment expression cannot be used in a comprehension iterable expression"
                .to_string(),
        ),
        K::NamedExpressionInClassBodyComprehension => (
            Phase::Symtable,
            "assignment expression within a comprehension cannot be used in a class body"
                .to_string(),
        ),
        K::ReboundComprehensionVariable => (
            Phase::Symtable,
            format!(
                "assignment expression cannot rebind comprehension iteration variable '{}'",
                identifier(text)
            ),
        ),
        K::DuplicateTypeParameter => (
            Phase::Symtable,
            format!("duplicate type parameter '{}'", identifier(text)),
        ),
        K::TypeParameterDefaultOrder(name) => (
            Phase::Future,
            format!("non-default type parameter '{name}' follows default type parameter"),
        ),
        K::SingleStarredAssignment => (
            Phase::Compiler,
            "starred assignment target must be in a list or tuple".to_string(),
        ),
        K::WriteToDebug(kind) => (
            Phase::Compiler,
            match kind {
                WriteToDebugKind::Store => "cannot assign to __debug__".to_string(),
                WriteToDebugKind::Delete(_) => "cannot delete __debug__".to_string(),
            },
        ),
        K::InvalidExpression(kind, position) => {
            let what = match kind {
                InvalidExpressionKind::Yield => "yield expression",
                InvalidExpressionKind::NamedExpr => "named expression",
                InvalidExpressionKind::Await => "await expression",
            };
            let place = match position {
                InvalidExpressionPosition::TypeAnnotation => "an annotation".to_string(),
                InvalidExpressionPosition::TypeAlias => "a type alias".to_string(),
                InvalidExpressionPosition::GenericDefinition => {
                    "the definition of a generic".to_string()
                }
                InvalidExpressionPosition::TypeVarBound => {
                    if in_constraint_tuple(map.text, usize::from(range.start())) {
                        "a TypeVar constraint".to_string()
                    } else {
                        "a TypeVar bound".to_string()
                    }
                }
                InvalidExpressionPosition::TypeVarDefault => "a TypeVar default".to_string(),
                InvalidExpressionPosition::TypeVarTupleDefault => {
                    "a TypeVarTuple default".to_string()
                }
                InvalidExpressionPosition::ParamSpecDefault => "a ParamSpec default".to_string(),
            };
            (
                Phase::Symtable,
                format!("{what} cannot be used within {place}"),
            )
        }
        K::LoadBeforeGlobalDeclaration { name, .. } => (
            Phase::Symtable,
            if matches!(name_context, Some(ExprContext::Load) | None) {
                format!("name '{name}' is used prior to global declaration")
            } else {
                format!("name '{name}' is assigned to before global declaration")
            },
        ),
        K::LoadBeforeNonlocalDeclaration { name, .. } => (
            Phase::Symtable,
            if matches!(name_context, Some(ExprContext::Load) | None) {
                format!("name '{name}' is used prior to nonlocal declaration")
            } else {
                format!("name '{name}' is assigned to before nonlocal declaration")
            },
        ),
        K::InvalidStarExpression => (
            Phase::Compiler,
            "can't use starred expression here".to_string(),
        ),
        K::AsyncComprehensionInSyncComprehension(_) => (
            Phase::Compiler,
            "asynchronous comprehension outside of an asynchronous function".to_string(),
        ),
        K::YieldOutsideFunction(kind) => {
            let keyword = match kind {
                YieldOutsideFunctionKind::Yield => "yield",
                YieldOutsideFunctionKind::YieldFrom => "yield from",
                YieldOutsideFunctionKind::Await => "await",
            };
            match comprehension_name {
                Some(what) if !matches!(kind, YieldOutsideFunctionKind::Await) => {
                    (Phase::Symtable, format!("'yield' inside {what}"))
                }
                Some(_) => (
                    Phase::Compiler,
                    "asynchronous comprehension outside of an asynchronous function".to_string(),
                ),
                _ => (Phase::Compiler, format!("'{keyword}' outside function")),
            }
        }
        K::ReturnOutsideFunction => (Phase::Compiler, "'return' outside function".to_string()),
        // Never reported (see `reported_by_lowering`); ruff's text stands in.
        K::MultipleCaseAssignment(_)
        | K::MultipleStarredNamesInSequencePattern
        | K::IrrefutableCasePattern(_)
        | K::DuplicateMatchKey(_)
        | K::DuplicateMatchClassAttribute(_)
        | K::DifferentMatchPatternBindings => (Phase::Compiler, error.to_string()),
        K::AwaitOutsideAsyncFunction(kind) => (
            Phase::Compiler,
            match kind {
                AwaitOutsideAsyncFunctionKind::Await if comprehension_name.is_some() => {
                    "asynchronous comprehension outside of an asynchronous function"
                }
                AwaitOutsideAsyncFunctionKind::Await => "'await' outside async function",
                AwaitOutsideAsyncFunctionKind::AsyncFor => "'async for' outside async function",
                AwaitOutsideAsyncFunctionKind::AsyncWith => "'async with' outside async function",
                AwaitOutsideAsyncFunctionKind::AsyncComprehension => {
                    "asynchronous comprehension outside of an asynchronous function"
                }
            }
            .to_string(),
        ),
        K::DuplicateParameter(name) => (
            Phase::Symtable,
            format!("duplicate argument '{name}' in function definition"),
        ),
        K::DuplicateKeywordArgument(name) => (
            Phase::Compiler,
            format!("keyword argument repeated: {name}"),
        ),
        K::NonlocalDeclarationAtModuleLevel => (
            Phase::Symtable,
            "nonlocal declaration not allowed at module level".to_string(),
        ),
        K::NonlocalAndGlobal(name) => (
            Phase::SymtableAnalysis,
            format!("name '{name}' is nonlocal and global"),
        ),
        K::AnnotatedGlobal(name) => (
            Phase::Symtable,
            format!("annotated name '{name}' can't be global"),
        ),
        K::AnnotatedNonlocal(name) => (
            Phase::Symtable,
            format!("annotated name '{name}' can't be nonlocal"),
        ),
        K::YieldFromInAsyncFunction => (
            Phase::Compiler,
            "'yield from' inside async function".to_string(),
        ),
        K::NonModuleImportStar(_) => (
            Phase::Symtable,
            "import * only allowed at module level".to_string(),
        ),
        K::MultipleStarredExpressions => (
            Phase::Compiler,
            "multiple starred expressions in assignment".to_string(),
        ),
        K::LazyImportNotAllowed { .. } | K::LazyImportStar | K::LazyFutureImport => {
            (Phase::Future, "invalid syntax".to_string())
        }
        K::BreakOutsideLoop => (Phase::Compiler, "'break' outside loop".to_string()),
        K::ContinueOutsideLoop => (
            Phase::Compiler,
            "'continue' not properly in loop".to_string(),
        ),
        K::GlobalParameter(name) => (
            Phase::Symtable,
            format!("name '{name}' is parameter and global"),
        ),
        K::NonlocalParameter(name) => (
            Phase::Symtable,
            format!("name '{name}' is parameter and nonlocal"),
        ),
        K::NonlocalWithoutBinding(name) => (
            Phase::SymtableAnalysis,
            format!("no binding for nonlocal '{name}' found"),
        ),
        K::ReturnInGenerator => (
            Phase::Symtable,
            "'return' with value in async generator".to_string(),
        ),
    };
    let declaration = |contains: TextRange| {
        declarations
            .iter()
            .copied()
            .find(|d| d.contains_range(contains) || d.start() == contains.start())
    };
    let diagnostic = match &error.kind {
        // The symbol table reports these at the whole `global`/`nonlocal` statement.
        K::GlobalParameter(_)
        | K::NonlocalParameter(_)
        | K::NonlocalWithoutBinding(_)
        | K::NonlocalAndGlobal(_) => {
            let at = declaration(range).unwrap_or(range);
            map.at_range(SyntaxErrorKind::SyntaxError, &message, at.start(), at.end())
        }
        K::LoadBeforeGlobalDeclaration { start, .. }
        | K::LoadBeforeNonlocalDeclaration { start, .. } => {
            let at = declaration(TextRange::empty(*start)).unwrap_or(range);
            map.at_range(SyntaxErrorKind::SyntaxError, &message, at.start(), at.end())
        }
        // `future.c` gives only the statement's line and first column.
        // CPython 3.14 points at the feature's name.
        K::FutureFeatureNotDefined(name) => {
            let start = text
                .find(name.as_str())
                .map_or(range.start(), |i| range.start() + TextSize::new(i as u32));
            map.at_range(
                SyntaxErrorKind::SyntaxError,
                &message,
                start,
                start + TextSize::new(name.len() as u32),
            )
        }
        // `import *` is reported at the `*`.
        K::NonModuleImportStar(_) => {
            let star = text.rfind('*').map_or(range.start(), |i| {
                range.start() + ruff_text_size::TextSize::new(i as u32)
            });
            map.at_range(
                SyntaxErrorKind::SyntaxError,
                &message,
                star,
                star + ruff_text_size::TextSize::new(1),
            )
        }
        _ => map.at_range(
            SyntaxErrorKind::SyntaxError,
            &message,
            range.start(),
            range.end(),
        ),
    };
    // The order in which CPython's symbol table meets the errors: a name used before its
    // `global` or `nonlocal` declaration is found at the declaration's name, and there
    // "is parameter and global" is checked first.
    let found_at = match &error.kind {
        K::LoadBeforeGlobalDeclaration { name, start }
        | K::LoadBeforeNonlocalDeclaration { name, start } => declaration(TextRange::empty(*start))
            .and_then(|d| {
                let statement = &map.text[d];
                let keyword_end = statement.find(char::is_whitespace)?;
                let offset = statement[keyword_end..]
                    .match_indices(name.as_str())
                    .map(|(i, _)| keyword_end + i)
                    .find(|&i| {
                        let after = statement[i + name.len()..].chars().next();
                        !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
                    })?;
                Some(u32::from(d.start()) + offset as u32)
            })
            .unwrap_or(u32::from(range.start())),
        _ => u32::from(range.start()),
    };
    let checked_later = !matches!(error.kind, K::GlobalParameter(_) | K::NonlocalParameter(_));
    (
        phase,
        (u64::from(found_at) << 1) | u64::from(checked_later),
        diagnostic,
    )
}

/// For errors CPython reports on a larger node than ruff does, that node's range: the
/// whole comprehension for async-comprehension errors.
pub(super) fn enclosing_node_range(root: &Root<'_>, reported: &Reported) -> Option<TextRange> {
    use SemanticSyntaxErrorKind as K;
    let want = match &reported.error.kind {
        K::AwaitOutsideAsyncFunction(AwaitOutsideAsyncFunctionKind::AsyncComprehension) => {
            Wanted::Comprehension
        }
        K::AwaitOutsideAsyncFunction(AwaitOutsideAsyncFunctionKind::Await)
        | K::YieldOutsideFunction(YieldOutsideFunctionKind::Await)
            if matches!(reported.innermost, ScopeKind::Comprehension { .. }) =>
        {
            Wanted::Comprehension
        }
        _ => return None,
    };
    let mut finder = EnclosingFinder {
        range: reported.error.range,
        want,
        found: None,
    };
    match root {
        Root::Module(body) => finder.visit_body(body),
        Root::Expression(expr) => finder.visit_expr(expr),
    }
    finder.found
}

/// The name of the innermost class whose body (at any depth, through functions) holds
/// `range`: the private name CPython mangles `__names` with.
pub(super) fn enclosing_class_name<'a>(root: &Root<'a>, range: TextRange) -> Option<&'a str> {
    struct ClassFinder<'a> {
        range: TextRange,
        found: Option<&'a str>,
    }
    impl<'a> Visitor<'a> for ClassFinder<'a> {
        fn visit_stmt(&mut self, stmt: &'a Stmt) {
            if !stmt.range().contains_range(self.range) {
                return;
            }
            if let Stmt::ClassDef(class) = stmt {
                self.found = Some(class.name.as_str());
            }
            visitor::walk_stmt(self, stmt);
        }
    }
    let Root::Module(body) = root else {
        return None;
    };
    let mut finder = ClassFinder { range, found: None };
    finder.visit_body(body);
    finder.found
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Wanted {
    Comprehension,
}

/// Finds the innermost node of the wanted kind containing `range`.
struct EnclosingFinder {
    range: TextRange,
    want: Wanted,
    found: Option<TextRange>,
}

impl<'a> Visitor<'a> for EnclosingFinder {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        if stmt.range().contains_range(self.range) {
            visitor::walk_stmt(self, stmt);
        }
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        if !expr.range().contains_range(self.range) {
            return;
        }
        if self.want == Wanted::Comprehension
            && matches!(
                expr,
                Expr::ListComp(_) | Expr::SetComp(_) | Expr::DictComp(_)
            )
        {
            self.found = Some(expr.range());
        }
        visitor::walk_expr(self, expr);
    }
}

/// Whether the expression at byte `at` lies inside a type parameter's parenthesized
/// constraint tuple (`T: (int, <here>)`): the outermost group opened after the bound's
/// `:` holds a comma at its top level.
fn in_constraint_tuple(text: &str, at: usize) -> bool {
    let bytes = text.as_bytes();
    let mut depth = 0u32;
    let mut outermost = None;
    for (i, &b) in bytes[..at].iter().enumerate().rev() {
        match b {
            b')' | b']' | b'}' => depth += 1,
            b'(' if depth == 0 => outermost = Some(i),
            b'[' | b'{' if depth == 0 => break,
            b'(' | b'[' | b'{' => depth -= 1,
            b':' if depth == 0 => break,
            _ => {}
        }
    }
    let Some(open) = outermost else {
        return false;
    };
    if !text[..open].trim_end().ends_with(':') {
        return false;
    }
    let mut depth = 0u32;
    for &b in &bytes[open + 1..] {
        match b {
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' if depth == 0 => return false,
            b')' | b']' | b'}' => depth -= 1,
            b',' if depth == 0 => return true,
            _ => {}
        }
    }
    false
}
