//! How many instructions a code object's body will lower to, guessed from its source size,
//! so the function's instruction and value arrays are allocated once at about their final
//! size instead of doubling their way there (each doubling copies the whole array).
//!
//! The guess counts the bytes of the body's statements, leaving out the bodies of nested
//! `def`s and `class`es (their code goes to other code objects), and divides by
//! [`BYTES_PER_INST`]. A guess that is too small only costs the regrowth it tried to avoid.
//! A function body with no nested definitions has nothing to leave out, and is sized from
//! the span of its statements without reading them ([`insts_for_flat`]); so is a class body,
//! with no more than a nested definition per statement ([`insts_for_class`]). The walk
//! is left to module bodies and functions with nested definitions.

use ruff_python_ast::{ExceptHandler, Stmt};
use ruff_text_size::{Ranged, TextRange};

/// Source bytes per emitted instruction, set below the standard library's median so most
/// functions never regrow: at 4 enough functions still regrew their instruction arrays to
/// cost more than the larger first allocations of 3 (going on to 2 saved a quarter as
/// much again, for half as much memory again).
const BYTES_PER_INST: usize = 3;

/// What a nested definition contributes: its decorators, defaults, `make_function` and
/// store.
const NESTED_DEFINITION: usize = 24;

/// The number of instructions the statements `body` are expected to lower to.
pub(crate) fn insts_for(body: &[Stmt]) -> usize {
    body_bytes(body) / BYTES_PER_INST + 8
}

/// [`insts_for`] of a body with no nested definitions, from the span of its statements (the
/// docstring left out) rather than a walk over them. The span also counts comments and
/// blank lines, so the guess is larger; still, the walk's reads of every statement cost
/// more (at `--every 40`, 1M more instructions and 28K more L1 misses than the larger
/// arrays, which take 1.6 % more memory).
pub(crate) fn insts_for_flat(body: &[Stmt]) -> usize {
    let (Some(first), Some(last)) = (body.first(), body.last()) else {
        return 8;
    };
    let start = match first {
        Stmt::Expr(s) if s.value.is_string_literal_expr() => first.end(),
        _ => first.start(),
    };
    (last.end() - start).to_usize() / BYTES_PER_INST + 8
}

/// [`insts_for`] of a class body, without reading its statements: the smaller of the
/// span's guess (right for a body of attributes) and a nested definition per statement
/// (right for a body of methods, whose code the span counts). The walk read each of the
/// statements, long out of the cache again by the time lowering reached it after the
/// methods before it: at `--every 40` this spares 13K L1 read misses.
pub(crate) fn insts_for_class(body: &[Stmt]) -> usize {
    insts_for_flat(body).min(body.len() * NESTED_DEFINITION + 8)
}

fn len(range: TextRange) -> usize {
    range.len().to_usize()
}

/// The source bytes of `body` that lower into the same code object.
fn body_bytes(body: &[Stmt]) -> usize {
    body.iter().map(stmt_bytes).sum()
}

fn stmt_bytes(stmt: &Stmt) -> usize {
    match stmt {
        Stmt::FunctionDef(_) | Stmt::ClassDef(_) => NESTED_DEFINITION * BYTES_PER_INST,
        // Compound statements: their headers plus their bodies, which may hold definitions.
        Stmt::If(s) => {
            len(s.test.range())
                + body_bytes(&s.body)
                + s.elif_else_clauses
                    .iter()
                    .map(|c| c.test.as_ref().map_or(0, |t| len(t.range())) + body_bytes(&c.body))
                    .sum::<usize>()
        }
        Stmt::For(s) => {
            len(s.target.range())
                + len(s.iter.range())
                + body_bytes(&s.body)
                + body_bytes(&s.orelse)
        }
        Stmt::While(s) => len(s.test.range()) + body_bytes(&s.body) + body_bytes(&s.orelse),
        Stmt::With(s) => {
            s.items.iter().map(|i| len(i.range())).sum::<usize>() + body_bytes(&s.body)
        }
        Stmt::Try(s) => {
            body_bytes(&s.body)
                + s.handlers
                    .iter()
                    .map(|ExceptHandler::ExceptHandler(h)| {
                        h.type_.as_ref().map_or(0, |t| len(t.range())) + body_bytes(&h.body)
                    })
                    .sum::<usize>()
                + body_bytes(&s.orelse)
                // The `finally` body is copied onto each way out.
                + 2 * body_bytes(&s.finalbody)
        }
        Stmt::Match(s) => {
            len(s.subject.range())
                + s.cases
                    .iter()
                    .map(|c| len(c.pattern.range()) + body_bytes(&c.body))
                    .sum::<usize>()
        }
        // Docstrings and other lone strings are one `const` at most.
        Stmt::Expr(s) if s.value.is_string_literal_expr() => BYTES_PER_INST,
        other => len(other.range()),
    }
}
