//! Invalid targets (`cannot assign to ...`, `cannot delete ...`, `'...' is an illegal
//! expression for augmented assignment`, `only single target ... can be annotated`), `=`
//! where `==` was meant, and the errors of a `for` loop's target, in CPython 3.14's words
//! (`RAISE_SYNTAX_ERROR_INVALID_TARGET` and `invalid_named_expression` in
//! `Grammar/python.gram`).

use ruff_python_ast::token::{Token, TokenKind};
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::{Ranged, TextRange, TextSize};

use super::{
    SourceMap, arguments, expression_end, generic_invalid_syntax, innermost_bracket,
    is_disjunction, token_at, token_before,
};
use crate::diagnostics::{SyntaxDiagnostic, SyntaxErrorKind};
use crate::parse::semantic::Root;

/// Errors in a `for` target that ruff reports as an invalid assignment target:
/// - `for a < b in c`: CPython's `invalid_for_target` only looks inside a comparison whose
///   first operator is `in`, so any other comparison fails at its operator with the
///   generic error;
/// - `[x for x if y]`: ruff reads `x if y` as the target; CPython's
///   `invalid_for_if_clause` stops after the names, where `in` should be.
pub(super) fn for_target_error(
    map: &SourceMap<'_>,
    range: TextRange,
    tokens: &[Token],
) -> Option<SyntaxDiagnostic> {
    if token_before(tokens, range.start())?.1.kind() != TokenKind::For {
        return None;
    }
    let start = tokens.partition_point(|t| t.start() < range.start());
    let mut depth = 0u32;
    for token in tokens[start..]
        .iter()
        .take_while(|t| t.end() <= range.end())
    {
        match token.kind() {
            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => depth += 1,
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => {
                depth = depth.saturating_sub(1);
            }
            TokenKind::And | TokenKind::Or | TokenKind::Not | TokenKind::In if depth == 0 => {
                return None;
            }
            TokenKind::Less
            | TokenKind::Greater
            | TokenKind::LessEqual
            | TokenKind::GreaterEqual
            | TokenKind::EqEqual
            | TokenKind::NotEqual
            | TokenKind::Is
                if depth == 0 =>
            {
                return Some(generic_invalid_syntax(map, token.range(), tokens));
            }
            TokenKind::If if depth == 0 => {
                return Some(map.at_range(
                    SyntaxErrorKind::SyntaxError,
                    "'in' expected after for-loop variables",
                    token.start(),
                    token.end(),
                ));
            }
            _ => {}
        }
    }
    None
}

/// `'tuple' is an illegal expression for augmented assignment` for `a, b += 1`, which ruff
/// reports as a missing comma before the operator.
pub(super) fn illegal_augmented_target(
    map: &SourceMap<'_>,
    range: TextRange,
    tokens: &[Token],
    root: &Root<'_>,
) -> Option<SyntaxDiagnostic> {
    let (_, previous) = token_before(tokens, range.start())?;
    let statement_start = {
        let index = tokens.partition_point(|t| t.start() < range.start());
        tokens[..index]
            .iter()
            .rev()
            .find(|t| {
                matches!(
                    t.kind(),
                    TokenKind::Newline | TokenKind::Indent | TokenKind::Dedent | TokenKind::Semi
                )
            })
            .map_or(TextSize::new(0), Ranged::end)
    };
    let first = token_at(tokens, statement_start)?;
    if first.kind() == TokenKind::Del {
        // `del a += 1` fails at the operator.
        return Some(generic_invalid_syntax(map, range, tokens));
    }
    let _ = (previous, root);
    Some(map.at_range(
        SyntaxErrorKind::SyntaxError,
        "'tuple' is an illegal expression for augmented assignment",
        first.start(),
        previous.end(),
    ))
}

/// `invalid syntax. Maybe you meant '==' or ':=' instead of '='?` for `if x = 1:` and
/// similar, where a name is followed by `=` in an expression.
pub(super) fn equals_instead_of_comparison(
    map: &SourceMap<'_>,
    range: TextRange,
    tokens: &[Token],
    root: &Root<'_>,
) -> Option<SyntaxDiagnostic> {
    let (index, before) = token_before(tokens, range.start())?;
    if index > 0
        && matches!(
            tokens[index - 1].kind(),
            TokenKind::Star | TokenKind::DoubleStar
        )
    {
        // `f(**kwargs=1)`.
        let star = &tokens[index - 1];
        if star.kind() == TokenKind::DoubleStar
            && innermost_bracket(tokens, star.start()) == Some(TokenKind::Lpar)
        {
            let equal = token_at(tokens, range.start())?;
            return arguments::unpacking_assigned(map, star.start(), equal, tokens, "keyword");
        }
        return None;
    }
    let target = largest_target_ending_at(root, before.end());
    if before.kind() != TokenKind::Name || target.is_some_and(|t| t.range() != before.range()) {
        // `if x.a = 1:`: CPython's `invalid_named_expression` names what the target is.
        let target = target.filter(|t| allows_maybe_equals(t))?;
        return Some(map.at_range(
            SyntaxErrorKind::SyntaxError,
            &format!(
                "cannot assign to {} here. Maybe you meant '==' instead of '='?",
                expr_name(target)
            ),
            target.start(),
            target.end(),
        ));
    }
    // The value after `=` runs to the next token that cannot continue an expression.
    let value_start = tokens[index + 2..].first()?;
    let value_end = expression_end(tokens, index + 2)?;
    let _ = value_start;
    Some(map.at_range(
        SyntaxErrorKind::SyntaxError,
        "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
        before.start(),
        value_end,
    ))
}

/// The largest `bitwise_or`-like expression (no comparison, boolean operator, `not`,
/// conditional, lambda, walrus, star or bare tuple) that ends at `end`.
pub(super) fn largest_target_ending_at<'a>(root: &Root<'a>, end: TextSize) -> Option<&'a Expr> {
    struct Finder<'a> {
        end: TextSize,
        found: Option<&'a Expr>,
    }
    impl<'a> Visitor<'a> for Finder<'a> {
        fn visit_expr(&mut self, expr: &'a Expr) {
            let operand = is_disjunction(expr)
                && !matches!(
                    expr,
                    Expr::Compare(_)
                        | Expr::BoolOp(_)
                        | Expr::UnaryOp(ast::ExprUnaryOp {
                            op: ast::UnaryOp::Not,
                            ..
                        })
                );
            if operand
                && expr.end() == self.end
                && self.found.is_none_or(|f| expr.start() < f.start())
            {
                self.found = Some(expr);
            }
            visitor::walk_expr(self, expr);
        }
    }
    let mut finder = Finder { end, found: None };
    match root {
        Root::Module(body) => finder.visit_body(body),
        Root::Expression(expr) => finder.visit_expr(expr),
    }
    finder.found
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Target {
    Assign,
    Delete,
    Named,
    AugAssign,
    Annotated,
}

/// `cannot assign to X`, `cannot delete X`, ... for an invalid target at `range`.
pub(super) fn invalid_target(
    map: &SourceMap<'_>,
    range: TextRange,
    root: &Root<'_>,
    target: Target,
) -> SyntaxDiagnostic {
    let mut finder = ExprFinder {
        range,
        found: None,
        statement: None,
        current_statement: None,
    };
    match root {
        Root::Module(body) => finder.visit_body(body),
        Root::Expression(expr) => finder.visit_expr(expr),
    }
    let Some(expr) = finder.found else {
        return map.at_range(
            SyntaxErrorKind::SyntaxError,
            "invalid syntax",
            range.start(),
            range.end(),
        );
    };
    let name = expr_name(expr);
    let message = match target {
        Target::Delete => format!("cannot delete {name}"),
        Target::Named => format!("cannot use assignment expressions with {name}"),
        Target::AugAssign => format!("'{name}' is an illegal expression for augmented assignment"),
        Target::Annotated => match expr {
            Expr::Tuple(_) => "only single target (not tuple) can be annotated".to_string(),
            Expr::List(_) => "only single target (not list) can be annotated".to_string(),
            _ => "illegal target for annotation".to_string(),
        },
        Target::Assign => {
            let here = match finder.statement {
                Some(Stmt::Assign(assign)) => {
                    assign.targets.len() == 1
                        && assign.targets[0].range() == expr.range()
                        && allows_maybe_equals(expr)
                        && !matches!(
                            assign.value.as_ref(),
                            Expr::Yield(_)
                                | Expr::YieldFrom(_)
                                | Expr::Starred(_)
                                | Expr::Lambda(_)
                                | Expr::UnaryOp(ast::ExprUnaryOp {
                                    op: ast::UnaryOp::Not,
                                    ..
                                })
                        )
                }
                _ => false,
            };
            if matches!(expr, Expr::Yield(_) | Expr::YieldFrom(_)) {
                "assignment to yield expression not possible".to_string()
            } else if here {
                format!("cannot assign to {name} here. Maybe you meant '==' instead of '='?")
            } else {
                format!("cannot assign to {name}")
            }
        }
    };
    map.at_range(
        SyntaxErrorKind::SyntaxError,
        &message,
        expr.start(),
        expr.end(),
    )
}

/// Whether CPython's `invalid_named_expression` rule (which adds "Maybe you meant '=='")
/// can match this target: a `bitwise_or` that is not a list, tuple, generator or one of
/// the keyword constants.
pub(super) fn allows_maybe_equals(expr: &Expr) -> bool {
    !matches!(
        expr,
        Expr::List(_)
            | Expr::Tuple(_)
            | Expr::Generator(_)
            | Expr::BooleanLiteral(_)
            | Expr::NoneLiteral(_)
            | Expr::Compare(_)
            | Expr::BoolOp(_)
            | Expr::If(_)
            | Expr::Lambda(_)
            | Expr::Named(_)
            | Expr::Starred(_)
            | Expr::Yield(_)
            | Expr::YieldFrom(_)
            | Expr::UnaryOp(ast::ExprUnaryOp {
                op: ast::UnaryOp::Not,
                ..
            })
    )
}

/// CPython's `_PyPegen_get_expr_name`.
pub(super) fn expr_name(expr: &Expr) -> &'static str {
    match expr {
        Expr::Attribute(_) => "attribute",
        Expr::Subscript(_) => "subscript",
        Expr::Starred(_) => "starred",
        Expr::Name(_) => "name",
        Expr::List(_) => "list",
        Expr::Tuple(_) => "tuple",
        Expr::Lambda(_) => "lambda",
        Expr::Call(_) => "function call",
        Expr::BoolOp(_) | Expr::BinOp(_) | Expr::UnaryOp(_) => "expression",
        Expr::Generator(_) => "generator expression",
        Expr::Yield(_) | Expr::YieldFrom(_) => "yield expression",
        Expr::Await(_) => "await expression",
        Expr::ListComp(_) => "list comprehension",
        Expr::SetComp(_) => "set comprehension",
        Expr::DictComp(_) => "dict comprehension",
        Expr::Dict(_) => "dict literal",
        Expr::Set(_) => "set display",
        Expr::FString(_) => "f-string expression",
        Expr::TString(_) => "t-string expression",
        Expr::NoneLiteral(_) => "None",
        Expr::BooleanLiteral(b) => {
            if b.value {
                "True"
            } else {
                "False"
            }
        }
        Expr::EllipsisLiteral(_) => "ellipsis",
        Expr::StringLiteral(_) | Expr::BytesLiteral(_) | Expr::NumberLiteral(_) => "literal",
        Expr::Compare(_) => "comparison",
        Expr::If(_) => "conditional expression",
        Expr::Named(_) => "named expression",
        _ => "expression",
    }
}

/// Finds the expression with exactly `range`, and the statement containing it.
pub(super) struct ExprFinder<'a> {
    range: TextRange,
    found: Option<&'a Expr>,
    statement: Option<&'a Stmt>,
    current_statement: Option<&'a Stmt>,
}

impl<'a> Visitor<'a> for ExprFinder<'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        if self.found.is_some() || !stmt.range().contains_range(self.range) {
            return;
        }
        let outer = self.current_statement.replace(stmt);
        visitor::walk_stmt(self, stmt);
        self.current_statement = outer;
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        if self.found.is_some() || !expr.range().contains_range(self.range) {
            return;
        }
        if expr.range() == self.range {
            self.found = Some(expr);
            self.statement = self.current_statement;
            return;
        }
        visitor::walk_expr(self, expr);
    }
}
