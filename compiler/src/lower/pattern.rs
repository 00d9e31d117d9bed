//! `match` statements (PEP 634) and every pattern kind, following CPython 3.14's
//! `codegen_match` and `codegen_pattern_*` (`Python/codegen.c`).
//!
//! The subject is evaluated once into an SSA value that every test reads; CPython's stack
//! juggling (`COPY`, `ROT`, the `fail_pop` ladders) has no counterpart, since SSA values
//! stay available wherever they dominate. Each pattern is lowered as a chain of tests that
//! branch to the case's *fail* block, which is the next case's test (or the end).
//!
//! Captured names are not stored while matching. Like CPython, which keeps captured values
//! on the stack until the whole pattern has matched, lowering collects each capture's SSA
//! value and stores all of them (in capture order) once the case's pattern succeeded, before
//! the guard runs: a failed partial match never binds a name. An or-pattern's alternatives
//! each capture their own values; every alternative jumps to a join block passing them as
//! block arguments in the order the *first* alternative bound them, and the join block's
//! parameters become the or-pattern's captures.
//!
//! Sequence patterns do as CPython does: without a star, or with a star that captures a
//! name, the subject is unpacked with `unpack_sequence`/`unpack_ex` and `tuple_get` picks
//! the items; with a wildcard star (`*_`) items are fetched with `get_item`, an item after
//! the star at the non-negative index `len(subject) - k`, because the subject need not
//! support negative indexing. Patterns made only of wildcards test the type and length.
//!
//! The syntax errors raised here are CPython's code-generation errors, with its texts and
//! positions: irrefutable patterns that make later cases unreachable, repeated captures,
//! alternatives binding different names, bad or duplicate mapping keys, repeated class
//! pattern keywords, several stars in a sequence pattern.

use super::pattern_literal::{const_repr, key_identity, pattern_literal};
use super::{LowerResult, Lowerer};
use crate::ir::{BinOp, Block, CmpOp, Const, Imm, Op, Value};
use crate::pyrepr::repr_str as str_repr;
use num_bigint::BigInt;
use ruff_python_ast::{
    Expr, Identifier, MatchCase, Pattern, PatternMatchAs, PatternMatchClass, PatternMatchMapping,
    PatternMatchOr, PatternMatchSequence, Singleton, StmtMatch,
};
use ruff_text_size::{Ranged, TextRange};
use rustc_hash::FxHashSet;

/// A name a pattern binds, with the SSA value to store once the whole pattern matched.
struct Capture<'a> {
    name: &'a str,
    value: Value,
}

/// CPython's `WILDCARD_CHECK`: the pattern is a bare `_`.
fn is_wildcard(pattern: &Pattern) -> bool {
    matches!(
        pattern,
        Pattern::MatchAs(PatternMatchAs {
            pattern: None,
            name: None,
            ..
        })
    )
}

/// CPython's `WILDCARD_STAR_CHECK`: the pattern is `*_`.
fn is_wildcard_star(pattern: &Pattern) -> bool {
    matches!(pattern, Pattern::MatchStar(star) if star.name.is_none())
}

impl<'a> Lowerer<'a> {
    /// Lowers a `match` statement.
    pub(crate) fn lower_match(&mut self, stmt: &'a StmtMatch) -> LowerResult<()> {
        self.set_loc(stmt.subject.range());
        let subject = self.lower_expr(&stmt.subject)?;
        let end = self.b().create_block();
        let cases: &'a [MatchCase] = &stmt.cases;
        // A trailing `case _:` (after other cases) tests nothing: it is where the last
        // failing test lands.
        let has_default =
            cases.len() > 1 && cases.last().is_some_and(|case| is_wildcard(&case.pattern));
        let tested = cases.len() - usize::from(has_default);
        for (i, case) in cases[..tested].iter().enumerate() {
            let next = self.b().create_block();
            // Irrefutable cases must be guarded, last, or both.
            let allow_irrefutable = case.guard.is_some() || i + 1 == cases.len();
            let mut captures = Vec::new();
            self.lower_pattern(
                &case.pattern,
                subject,
                next,
                allow_irrefutable,
                &mut captures,
            )?;
            self.set_loc(case.pattern.range());
            for capture in captures {
                self.store_name(capture.name, capture.value);
            }
            if let Some(guard) = &case.guard {
                self.lower_guard(guard, next)?;
            }
            self.lower_body(&case.body)?;
            if !self.b().is_terminated() {
                // CPython gives the jump out of a case body no location.
                self.b().loc = crate::ir::Loc::default();
                self.b().jump(end, Vec::new());
            }
            self.continue_at(next);
            // Falling from a failed test to the next case belongs to the failed pattern.
            self.set_loc(case.pattern.range());
        }
        if has_default {
            let case = &cases[tested];
            self.set_loc(case.pattern.range());
            if let Some(guard) = &case.guard {
                self.lower_guard(guard, end)?;
            }
            self.lower_body(&case.body)?;
        }
        if !self.b().is_terminated() {
            self.b().jump(end, Vec::new());
        }
        self.continue_at(end);
        Ok(())
    }

    /// Evaluates a case guard: continues into the case body when true, else goes to `fail`.
    /// `and`/`or`/`not` become jumps, as CPython's `codegen_jump_if` does.
    fn lower_guard(&mut self, guard: &'a Expr, fail: Block) -> LowerResult<()> {
        let body = self.b().create_block();
        self.lower_test(guard, body, fail)?;
        self.continue_at(body);
        Ok(())
    }

    /// Continues emitting at `block`, first moving it to the end of the layout so listings
    /// show blocks in the order their code was written (fail and join blocks are created
    /// before the code that jumps to them).
    fn continue_at(&mut self, block: Block) {
        self.b().switch_to_end(block);
    }

    /// Continues in a fresh block when `cond` is true; jumps to `fail` otherwise.
    fn check_or_fail(&mut self, cond: Value, fail: Block) {
        let ok = self.b().create_block();
        self.b().branch(cond, ok, fail);
        self.b().switch_to(ok);
    }

    /// `value is not None`, for the results of `match_keys` and `match_class`.
    fn is_not_none(&mut self, value: Value) -> Value {
        let none = self.b().none();
        self.b()
            .ins(Op::Compare, Imm::CmpOp(CmpOp::IsNot), [value, none])
    }

    fn int_const(&mut self, value: usize) -> Value {
        self.b().constant(Const::Int(BigInt::from(value)))
    }

    /// Matches `subject` against `pattern`, jumping to `fail` on a mismatch and otherwise
    /// continuing in the current block, with the pattern's bindings appended to `captures`.
    /// `allow_irrefutable` is false where a capture or wildcard would make later cases or
    /// alternatives unreachable.
    fn lower_pattern(
        &mut self,
        pattern: &'a Pattern,
        subject: Value,
        fail: Block,
        allow_irrefutable: bool,
        captures: &mut Vec<Capture<'a>>,
    ) -> LowerResult<()> {
        self.set_loc(pattern.range());
        match pattern {
            Pattern::MatchValue(p) => {
                let value = match pattern_literal(&p.value, self.source) {
                    Some(literal) => self.b().constant(literal),
                    None if p.value.is_attribute_expr() => {
                        let value = self.lower_expr(&p.value)?;
                        self.set_loc(p.range);
                        value
                    }
                    None => {
                        return Err(self.error(
                            p.range,
                            "patterns may only match literals and attribute lookups",
                        ));
                    }
                };
                let equal = self
                    .b()
                    .ins(Op::Compare, Imm::CmpOp(CmpOp::Eq), [subject, value]);
                self.check_or_fail(equal, fail);
            }
            Pattern::MatchSingleton(p) => {
                let value = self.b().constant(match p.value {
                    Singleton::None => Const::None,
                    Singleton::True => Const::Bool(true),
                    Singleton::False => Const::Bool(false),
                });
                let same = self
                    .b()
                    .ins(Op::Compare, Imm::CmpOp(CmpOp::Is), [subject, value]);
                self.check_or_fail(same, fail);
            }
            Pattern::MatchSequence(p) => self.lower_sequence_pattern(p, subject, fail, captures)?,
            Pattern::MatchMapping(p) => self.lower_mapping_pattern(p, subject, fail, captures)?,
            Pattern::MatchClass(p) => self.lower_class_pattern(p, subject, fail, captures)?,
            // A star outside a sequence pattern is a parse error; CPython's code generator
            // would simply capture, and so does this.
            Pattern::MatchStar(p) => self.capture(p.name.as_ref(), subject, p.range, captures)?,
            Pattern::MatchAs(p) => match &p.pattern {
                None => {
                    if !allow_irrefutable {
                        let message = match &p.name {
                            Some(name) => {
                                format!(
                                    "name capture {} makes remaining patterns unreachable",
                                    str_repr(name.as_str())
                                )
                            }
                            None => "wildcard makes remaining patterns unreachable".to_owned(),
                        };
                        return Err(self.error(p.range, message));
                    }
                    self.capture(p.name.as_ref(), subject, p.range, captures)?;
                }
                Some(inner) => {
                    self.lower_pattern(inner, subject, fail, allow_irrefutable, captures)?;
                    self.set_loc(p.range);
                    self.capture(p.name.as_ref(), subject, p.range, captures)?;
                }
            },
            Pattern::MatchOr(p) => {
                self.lower_or_pattern(p, subject, fail, allow_irrefutable, captures)?
            }
        }
        Ok(())
    }

    /// A sub-pattern of a sequence, mapping or class pattern: irrefutable is fine there.
    fn lower_subpattern(
        &mut self,
        pattern: &'a Pattern,
        subject: Value,
        fail: Block,
        captures: &mut Vec<Capture<'a>>,
    ) -> LowerResult<()> {
        self.lower_pattern(pattern, subject, fail, true, captures)
    }

    /// Records that `name` (if any: `_` binds nothing) is bound to `value`.
    /// CPython's `pattern_helper_store_name`.
    fn capture(
        &mut self,
        name: Option<&'a Identifier>,
        value: Value,
        range: TextRange,
        captures: &mut Vec<Capture<'a>>,
    ) -> LowerResult<()> {
        let Some(name) = name else { return Ok(()) };
        self.add_capture(name.as_str(), value, range, captures)
    }

    fn add_capture(
        &mut self,
        name: &'a str,
        value: Value,
        range: TextRange,
        captures: &mut Vec<Capture<'a>>,
    ) -> LowerResult<()> {
        if name == "__debug__" {
            return Err(self.error(range, "cannot assign to __debug__"));
        }
        if captures.iter().any(|c| c.name == name) {
            return Err(self.error(
                range,
                format!("multiple assignments to name {} in pattern", str_repr(name)),
            ));
        }
        captures.push(Capture { name, value });
        Ok(())
    }

    /// `[a, b, *rest]` / `(a, b)`: CPython's `codegen_pattern_sequence`.
    fn lower_sequence_pattern(
        &mut self,
        p: &'a PatternMatchSequence,
        subject: Value,
        fail: Block,
        captures: &mut Vec<Capture<'a>>,
    ) -> LowerResult<()> {
        let patterns = &p.patterns;
        let size = patterns.len();
        let mut star = None;
        let mut only_wildcard = true;
        let mut star_wildcard = false;
        for (i, sub) in patterns.iter().enumerate() {
            if matches!(sub, Pattern::MatchStar(_)) {
                if star.is_some() {
                    return Err(self.error(p.range, "multiple starred names in sequence pattern"));
                }
                star_wildcard = is_wildcard_star(sub);
                only_wildcard &= star_wildcard;
                star = Some(i);
            } else {
                only_wildcard &= is_wildcard(sub);
            }
        }
        let is_sequence = self.b().ins(Op::MatchSequence, Imm::None, [subject]);
        self.check_or_fail(is_sequence, fail);
        let (cmp, min_len) = match star {
            None => (CmpOp::Eq, size),
            Some(_) => (CmpOp::Ge, size - 1),
        };
        // `len(subject) >= 0` always holds, so `[*rest]` skips the length test.
        if star.is_none() || min_len > 0 {
            let len = self.b().ins(Op::GetLen, Imm::None, [subject]);
            let expected = self.int_const(min_len);
            let ok = self.b().ins(Op::Compare, Imm::CmpOp(cmp), [len, expected]);
            self.check_or_fail(ok, fail);
        }
        if only_wildcard {
            return Ok(());
        }
        if star_wildcard {
            let star = star.unwrap_or(size);
            for (i, sub) in patterns.iter().enumerate() {
                if i == star || is_wildcard(sub) {
                    continue;
                }
                self.set_loc(p.range);
                let index = if i < star {
                    self.int_const(i)
                } else {
                    let len = self.b().ins(Op::GetLen, Imm::None, [subject]);
                    let from_end = self.int_const(size - i);
                    self.b()
                        .ins(Op::Binary, Imm::BinOp(BinOp::Sub), [len, from_end])
                };
                let item = self.b().ins(Op::GetItem, Imm::None, [subject, index]);
                self.lower_subpattern(sub, item, fail, captures)?;
            }
            return Ok(());
        }
        let unpacked = match star {
            None => {
                let count = i32::try_from(size).unwrap_or(i32::MAX);
                self.b().ins(Op::UnpackSequence, Imm::Int(count), [subject])
            }
            Some(star) => {
                // UNPACK_EX packs both counts into one oparg; CPython rejects what does not fit.
                let after = size - star - 1;
                if star >= 1 << 8 || after >= (i32::MAX as usize) >> 8 {
                    return Err(self.error(
                        p.range,
                        "too many expressions in star-unpacking sequence pattern",
                    ));
                }
                self.b().ins(
                    Op::UnpackEx,
                    Imm::Pair(star as u32, after as u32),
                    [subject],
                )
            }
        };
        for (i, sub) in patterns.iter().enumerate() {
            if is_wildcard(sub) {
                continue;
            }
            self.set_loc(p.range);
            let item = self.b().ins(Op::TupleGet, Imm::Int(i as i32), [unpacked]);
            self.lower_subpattern(sub, item, fail, captures)?;
        }
        Ok(())
    }

    /// `{"k": v, **rest}`: CPython's `codegen_pattern_mapping`.
    fn lower_mapping_pattern(
        &mut self,
        p: &'a PatternMatchMapping,
        subject: Value,
        fail: Block,
        captures: &mut Vec<Capture<'a>>,
    ) -> LowerResult<()> {
        let size = p.keys.len();
        if size != p.patterns.len() {
            let message = format!(
                "keys ({size}) / patterns ({}) length mismatch in mapping pattern",
                p.patterns.len()
            );
            return Err(self.error(p.range, message));
        }
        let is_mapping = self.b().ins(Op::MatchMapping, Imm::None, [subject]);
        self.check_or_fail(is_mapping, fail);
        if size == 0 && p.rest.is_none() {
            return Ok(());
        }
        if size > 0 {
            let len = self.b().ins(Op::GetLen, Imm::None, [subject]);
            let expected = self.int_const(size);
            let ok = self
                .b()
                .ins(Op::Compare, Imm::CmpOp(CmpOp::Ge), [len, expected]);
            self.check_or_fail(ok, fail);
        }
        // Keys are literals (checked for duplicates, as a set would see them) or attribute
        // lookups, evaluated in order.
        let mut seen = FxHashSet::default();
        let mut literals = Vec::with_capacity(size);
        let mut key_values = Vec::with_capacity(size);
        for key in &p.keys {
            if let Some(literal) = pattern_literal(key, self.source) {
                if let Some(identity) = key_identity(&literal)
                    && !seen.insert(identity)
                {
                    let message = format!(
                        "mapping pattern checks duplicate key ({})",
                        const_repr(&literal)
                    );
                    return Err(self.error(p.range, message));
                }
                if !key_values.is_empty() {
                    let value = self.b().constant(literal.clone());
                    key_values.push(value);
                }
                literals.push(literal);
            } else if key.is_attribute_expr() {
                if key_values.is_empty() {
                    // The first computed key: earlier literals become individual loads.
                    for literal in &literals {
                        let value = self.b().constant(literal.clone());
                        key_values.push(value);
                    }
                }
                let value = self.lower_expr(key)?;
                key_values.push(value);
                self.set_loc(p.range);
            } else {
                return Err(self.error(
                    p.range,
                    "mapping pattern keys may only match literals and attribute lookups",
                ));
            }
        }
        self.set_loc(p.range);
        let keys = if key_values.is_empty() {
            self.b().constant(Const::Tuple(literals))
        } else {
            self.b().ins(Op::BuildTuple, Imm::None, key_values)
        };
        if size > 0 {
            let values = self.b().ins(Op::MatchKeys, Imm::None, [subject, keys]);
            let found = self.is_not_none(values);
            self.check_or_fail(found, fail);
            for (i, sub) in p.patterns.iter().enumerate() {
                if is_wildcard(sub) {
                    continue;
                }
                self.set_loc(p.range);
                let item = self.b().ins(Op::TupleGet, Imm::Int(i as i32), [values]);
                self.lower_subpattern(sub, item, fail, captures)?;
            }
        }
        if let Some(rest) = &p.rest {
            self.set_loc(p.range);
            let remaining = self
                .b()
                .ins(Op::CopyDictWithoutKeys, Imm::None, [subject, keys]);
            self.add_capture(rest.as_str(), remaining, p.range, captures)?;
        }
        Ok(())
    }

    /// `Cls(a, b, kw=c)`: CPython's `codegen_pattern_class`.
    fn lower_class_pattern(
        &mut self,
        p: &'a PatternMatchClass,
        subject: Value,
        fail: Block,
        captures: &mut Vec<Capture<'a>>,
    ) -> LowerResult<()> {
        let positional = &p.arguments.patterns;
        let keywords = &p.arguments.keywords;
        // Errors point at the keyword's sub-pattern, as CPython's AST only keeps the name.
        for (i, keyword) in keywords.iter().enumerate() {
            if keyword.attr.as_str() == "__debug__" {
                return Err(self.error(keyword.pattern.range(), "cannot assign to __debug__"));
            }
            if let Some(repeat) = keywords[i + 1..]
                .iter()
                .find(|other| other.attr.as_str() == keyword.attr.as_str())
            {
                let message = format!(
                    "attribute name repeated in class pattern: {}",
                    keyword.attr.as_str()
                );
                return Err(self.error(repeat.pattern.range(), message));
            }
        }
        let cls = self.lower_expr(&p.cls)?;
        self.set_loc(p.range);
        let names = Const::Tuple(
            keywords
                .iter()
                .map(|k| Const::Str(k.attr.as_str().to_owned()))
                .collect(),
        );
        let names = self.b().constant(names);
        let nargs = i32::try_from(positional.len()).unwrap_or(i32::MAX);
        let attrs = self
            .b()
            .ins(Op::MatchClass, Imm::Int(nargs), [subject, cls, names]);
        let matched = self.is_not_none(attrs);
        self.check_or_fail(matched, fail);
        let subpatterns = positional.iter().chain(keywords.iter().map(|k| &k.pattern));
        for (i, sub) in subpatterns.enumerate() {
            if is_wildcard(sub) {
                continue;
            }
            self.set_loc(p.range);
            let item = self.b().ins(Op::TupleGet, Imm::Int(i as i32), [attrs]);
            self.lower_subpattern(sub, item, fail, captures)?;
        }
        Ok(())
    }

    /// `a | b | c`: CPython's `codegen_pattern_or`. Each alternative matches with its own
    /// captures; all must bind the same names, and their values meet in a join block.
    fn lower_or_pattern(
        &mut self,
        p: &'a PatternMatchOr,
        subject: Value,
        fail: Block,
        allow_irrefutable: bool,
        captures: &mut Vec<Capture<'a>>,
    ) -> LowerResult<()> {
        let join = self.b().create_block();
        // The names the first alternative binds, in its order; the others must match them.
        let mut control: Option<Vec<&'a str>> = None;
        let count = p.patterns.len();
        for (i, alt) in p.patterns.iter().enumerate() {
            let last = i + 1 == count;
            let next = if last { fail } else { self.b().create_block() };
            let mut alt_captures = Vec::new();
            // An irrefutable alternative must be the last one, if it is allowed at all.
            self.lower_pattern(
                alt,
                subject,
                next,
                last && allow_irrefutable,
                &mut alt_captures,
            )?;
            let args = match &control {
                None => {
                    control = Some(alt_captures.iter().map(|c| c.name).collect());
                    alt_captures.iter().map(|c| c.value).collect()
                }
                Some(names) => {
                    let different =
                        || self.error(p.range, "alternative patterns bind different names");
                    if names.len() != alt_captures.len() {
                        return Err(different());
                    }
                    let mut args = Vec::with_capacity(names.len());
                    for name in names {
                        match alt_captures.iter().find(|c| c.name == *name) {
                            Some(c) => args.push(c.value),
                            None => return Err(different()),
                        }
                    }
                    args
                }
            };
            self.set_loc(alt.range());
            self.b().jump(join, args);
            if !last {
                self.continue_at(next);
            }
        }
        self.continue_at(join);
        self.set_loc(p.range);
        for name in control.unwrap_or_default() {
            let value = self.b().func.append_block_param(join);
            self.add_capture(name, value, p.range, captures)?;
        }
        Ok(())
    }
}
