//! Expressions: literals, names, attributes, subscripts, operators (with short-circuit
//! `and`/`or`, chained comparisons and the ternary through blocks and block parameters),
//! displays (list/tuple/set/dict, with `*`/`**` unpacking), `:=`, `await`, `yield` and
//! `yield from`. Calls live in `call.rs`, comprehensions in `comprehension.rs`, f-strings
//! and t-strings in `fstring.rs`.
//!
//! Each operation takes the location of the expression it implements, set after its
//! operands were lowered, so a traceback points at the exact sub-expression as CPython's
//! `co_positions()` does.

use super::{LowerResult, Lowerer};
use crate::ir::{Block, BlockCall, Const, Imm, Intrinsic, Op, Terminator, Value};
use crate::scope::ScopeKind;
use num_bigint::BigInt;
use ruff_python_ast::{
    self as ast, BoolOp, CmpOp as AstCmpOp, Expr, ExprBoolOp, ExprCompare, ExprDict, ExprIf,
    ExprNumberLiteral, Number, Operator, UnaryOp as AstUnaryOp,
};
use ruff_text_size::{Ranged, TextRange};

/// The kind of display a run of elements builds (see [`Lowerer::lower_display`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Display {
    List,
    Tuple,
    Set,
}

impl<'a> Lowerer<'a> {
    /// Lowers an expression to the value it evaluates to.
    pub(crate) fn lower_expr(&mut self, expr: &'a Expr) -> LowerResult<Value> {
        match expr {
            Expr::NoneLiteral(_) => Ok(self.constant_at(expr.range(), Const::None)),
            Expr::BooleanLiteral(b) => Ok(self.constant_at(b.range, Const::Bool(b.value))),
            Expr::EllipsisLiteral(_) => Ok(self.constant_at(expr.range(), Const::Ellipsis)),
            Expr::NumberLiteral(number) => {
                if let Number::Int(int) = &number.value
                    && let Some(small) = int.as_u64()
                {
                    self.set_loc(number.range);
                    let id = self.b().func.add_small_int(small);
                    return Ok(self.b().ins(Op::Const, Imm::Const(id), []));
                }
                let value = self.number_constant(number)?;
                Ok(self.constant_at(number.range, value))
            }
            Expr::StringLiteral(s) => {
                match super::surrogates::literal_with_surrogates(self.source, s) {
                    Some(bytes) => Ok(self.constant_at(s.range, Const::Wtf8Str(bytes))),
                    None => {
                        self.set_loc(s.range);
                        Ok(self.b().str_constant(s.value.to_str()))
                    }
                }
            }
            Expr::BytesLiteral(b) => {
                Ok(self.constant_at(b.range, Const::Bytes(b.value.bytes().collect())))
            }
            Expr::FString(f) => self.lower_fstring(f),
            Expr::TString(t) => self.lower_tstring(t),
            Expr::Name(name) => {
                self.set_loc(name.range);
                Ok(self.load_name(name.id.as_str()))
            }
            Expr::Attribute(attr) => {
                let object = self.lower_expr(&attr.value)?;
                self.set_loc(attr.range);
                let id = self.attr_name(attr.attr.as_str());
                Ok(self.b().ins(Op::GetAttr, Imm::Name(id), [object]))
            }
            Expr::Subscript(sub) => {
                let object = self.lower_expr(&sub.value)?;
                let key = self.lower_expr(&sub.slice)?;
                self.set_loc(sub.range);
                Ok(self.b().ins(Op::GetItem, Imm::None, [object, key]))
            }
            Expr::Slice(slice) => self.lower_slice(slice),
            Expr::Starred(starred) => {
                Err(self.error(starred.range, "can't use starred expression here"))
            }
            Expr::BoolOp(bool_op) => self.lower_bool_op(bool_op),
            Expr::BinOp(bin) => {
                let left = self.lower_expr(&bin.left)?;
                let right = self.lower_expr(&bin.right)?;
                self.set_loc(bin.range);
                Ok(self
                    .b()
                    .ins(Op::Binary, Imm::BinOp(binop(bin.op)), [left, right]))
            }
            Expr::UnaryOp(unary) => {
                let operand = self.lower_expr(&unary.operand)?;
                self.set_loc(unary.range);
                let (op, imm) = match unary.op {
                    AstUnaryOp::Not => (Op::Not, Imm::None),
                    AstUnaryOp::Invert => (Op::Unary, Imm::UnaryOp(crate::ir::UnaryOp::Invert)),
                    AstUnaryOp::UAdd => (Op::Unary, Imm::UnaryOp(crate::ir::UnaryOp::Pos)),
                    AstUnaryOp::USub => (Op::Unary, Imm::UnaryOp(crate::ir::UnaryOp::Neg)),
                };
                Ok(self.b().ins(op, imm, [operand]))
            }
            Expr::Compare(compare) => self.lower_compare(compare),
            Expr::If(ternary) => self.lower_ternary(ternary),
            Expr::Named(named) => {
                let value = self.lower_expr(&named.value)?;
                self.set_loc(named.range);
                match named.target.as_ref() {
                    Expr::Name(name) => self.store_name(name.id.as_str(), value),
                    other => {
                        return Err(self.error(
                            other.range(),
                            "cannot use assignment expressions with expression",
                        ));
                    }
                }
                Ok(value)
            }
            Expr::Lambda(lambda) => self.lower_lambda(lambda),
            Expr::List(list) => self.lower_display(Display::List, &list.elts, list.range),
            Expr::Tuple(tuple) => self.lower_display(Display::Tuple, &tuple.elts, tuple.range),
            Expr::Set(set) => self.lower_display(Display::Set, &set.elts, set.range),
            Expr::Dict(dict) => self.lower_dict(dict),
            Expr::ListComp(comp) => self.lower_list_comp(comp),
            Expr::SetComp(comp) => self.lower_set_comp(comp),
            Expr::DictComp(comp) => self.lower_dict_comp(comp),
            Expr::Generator(genexpr) => self.lower_genexpr(genexpr),
            Expr::Call(call) => self.lower_call(call),
            Expr::Await(await_expr) => {
                self.check_await_allowed(await_expr.range)?;
                let value = self.lower_expr(&await_expr.value)?;
                self.set_loc(await_expr.range);
                Ok(self.emit_await(value))
            }
            Expr::Yield(yield_expr) => {
                self.check_yield_allowed(yield_expr.range, "yield")?;
                let value = match &yield_expr.value {
                    Some(value) => self.lower_expr(value)?,
                    None => self.constant_at(yield_expr.range, Const::None),
                };
                self.set_loc(yield_expr.range);
                Ok(self.b().ins(Op::Yield, Imm::None, [value]))
            }
            Expr::YieldFrom(yield_from) => {
                self.check_yield_allowed(yield_from.range, "yield from")?;
                let unit_scope = self.unit_ref().scope_info;
                if unit_scope.kind == ScopeKind::Function && unit_scope.is_coroutine {
                    return Err(self.error(yield_from.range, "'yield from' inside async function"));
                }
                let value = self.lower_expr(&yield_from.value)?;
                self.set_loc(yield_from.range);
                let iter = self.b().ins(Op::GetYieldFromIter, Imm::None, [value]);
                Ok(self.b().ins(Op::YieldFrom, Imm::None, [iter]))
            }
            Expr::IpyEscapeCommand(command) => Err(self.error(command.range, "invalid syntax")),
        }
    }

    // ---- helpers shared by the expression files ---------------------------------------

    /// Loads a constant with the location of `range`.
    pub(crate) fn constant_at(&mut self, range: TextRange, value: Const) -> Value {
        self.set_loc(range);
        self.b().constant(value)
    }

    /// The name-table entry of attribute `name`, mangled as CPython mangles private
    /// attribute names (`self.__x` inside class `C` is `_C__x`). Inlined, with the
    /// mangling out of line (see [`Lowerer::may_mangle`]).
    #[inline(always)]
    pub(crate) fn attr_name(&mut self, name: &str) -> crate::ir::NameId {
        if self.may_mangle(name) {
            return self.mangled_attr_name(name);
        }
        self.b().func.add_name(name)
    }

    /// [`Lowerer::attr_name`] of a name that may be private.
    #[inline(never)]
    fn mangled_attr_name(&mut self, name: &str) -> crate::ir::NameId {
        let mangled = self.mangle(name);
        self.b().func.add_name(&mangled)
    }

    /// Moves `block` to the end of the layout and continues there, so join blocks print
    /// after the blocks that flow into them.
    pub(crate) fn switch_to_end(&mut self, block: Block) {
        self.b().switch_to_end(block);
    }

    /// Ends the current block with a branch on the truthiness of `cond`.
    pub(crate) fn branch_with(&mut self, cond: Value, then_to: BlockCall, else_to: BlockCall) {
        self.b().terminate(Terminator::Branch {
            cond,
            then_to,
            else_to,
        });
    }

    /// `await value`: the awaitable's iterator, delegated to until it finishes.
    pub(crate) fn emit_await(&mut self, value: Value) -> Value {
        let awaitable = self.b().ins(Op::GetAwaitable, Imm::Int(0), [value]);
        self.b().ins(Op::YieldFrom, Imm::None, [awaitable])
    }

    /// Converts a list to a tuple (the last step of a starred tuple display or call).
    pub(crate) fn list_to_tuple(&mut self, list: Value) -> Value {
        self.b().ins(
            Op::CallIntrinsic,
            Imm::Intrinsic(Intrinsic::ListToTuple),
            [list],
        )
    }

    // ---- literals -----------------------------------------------------------------------

    /// The constant a number literal denotes. Integers of any size are re-read from the
    /// source text so every base and `_` separator is handled in one place.
    fn number_constant(&self, number: &ExprNumberLiteral) -> LowerResult<Const> {
        match &number.value {
            Number::Float(value) => Ok(Const::Float(*value)),
            Number::Complex { real, imag } => Ok(Const::Complex {
                re: *real,
                im: *imag,
            }),
            Number::Int(int) => {
                if let Some(small) = int.as_u64() {
                    return Ok(Const::Int(BigInt::from(small)));
                }
                let text = self
                    .source
                    .get(number.range.start().to_usize()..number.range.end().to_usize())
                    .unwrap_or("");
                parse_int_literal(text)
                    .map(Const::Int)
                    .ok_or_else(|| self.error(number.range, "invalid decimal literal"))
            }
        }
    }

    // ---- subscripts -----------------------------------------------------------------------

    /// `start:stop[:step]` as a slice object; missing bounds are `None`.
    fn lower_slice(&mut self, slice: &'a ast::ExprSlice) -> LowerResult<Value> {
        // The operands are kept in place rather than in a list (an allocation per slice).
        let bound = |lowerer: &mut Self, part: &'a Option<Box<ast::Expr>>| match part {
            Some(expr) => lowerer.lower_expr(expr),
            None => Ok(lowerer.constant_at(slice.range, Const::None)),
        };
        let lower = bound(self, &slice.lower)?;
        let upper = bound(self, &slice.upper)?;
        let step = match &slice.step {
            Some(step) => Some(self.lower_expr(step)?),
            None => None,
        };
        self.set_loc(slice.range);
        Ok(match step {
            Some(step) => self
                .b()
                .ins(Op::BuildSlice, Imm::None, [lower, upper, step]),
            None => self.b().ins(Op::BuildSlice, Imm::None, [lower, upper]),
        })
    }

    // ---- operators ----------------------------------------------------------------------

    /// `a and b and c` / `a or b or c`: each operand but the last decides whether to stop
    /// (its value flows into the join block's parameter) or go on to the next.
    fn lower_bool_op(&mut self, bool_op: &'a ExprBoolOp) -> LowerResult<Value> {
        let Some((last, rest)) = bool_op.values.split_last() else {
            return Err(self.error(bool_op.range, "invalid syntax"));
        };
        let join = self.b().create_block();
        let result = self.b().func.append_block_param(join);
        for operand in rest {
            let value = self.lower_expr(operand)?;
            self.set_loc(operand.range());
            let next = self.b().create_block();
            let (then_to, else_to) = match bool_op.op {
                BoolOp::And => (BlockCall::bare(next), BlockCall::new(join, vec![value])),
                BoolOp::Or => (BlockCall::new(join, vec![value]), BlockCall::bare(next)),
            };
            self.branch_with(value, then_to, else_to);
            self.switch_to_end(next);
        }
        let value = self.lower_expr(last)?;
        self.b().jump(join, vec![value]);
        self.switch_to_end(join);
        Ok(result)
    }

    /// `a < b < c`: each middle operand is evaluated once; a false link short-circuits
    /// with its result.
    fn lower_compare(&mut self, compare: &'a ExprCompare) -> LowerResult<Value> {
        let mut left = self.lower_expr(&compare.left)?;
        let count = compare.ops.len();
        if count == 1 {
            let right = self.lower_expr(&compare.comparators[0])?;
            self.set_loc(compare.range);
            return Ok(self.b().ins(
                Op::Compare,
                Imm::CmpOp(cmpop(compare.ops[0])),
                [left, right],
            ));
        }
        let join = self.b().create_block();
        let result = self.b().func.append_block_param(join);
        for (index, (op, comparator)) in compare
            .ops
            .iter()
            .zip(compare.comparators.iter())
            .enumerate()
        {
            let right = self.lower_expr(comparator)?;
            self.set_loc(compare.range);
            let outcome = self
                .b()
                .ins(Op::Compare, Imm::CmpOp(cmpop(*op)), [left, right]);
            if index + 1 == count {
                self.b().jump(join, vec![outcome]);
            } else {
                let next = self.b().create_block();
                self.branch_with(
                    outcome,
                    BlockCall::bare(next),
                    BlockCall::new(join, vec![outcome]),
                );
                self.switch_to_end(next);
                left = right;
            }
        }
        self.switch_to_end(join);
        Ok(result)
    }

    /// `body if test else orelse`.
    fn lower_ternary(&mut self, ternary: &'a ExprIf) -> LowerResult<Value> {
        let test = self.lower_expr(&ternary.test)?;
        self.set_loc(ternary.test.range());
        let then_block = self.b().create_block();
        let else_block = self.b().create_block();
        let join = self.b().create_block();
        let result = self.b().func.append_block_param(join);
        self.branch_with(
            test,
            BlockCall::bare(then_block),
            BlockCall::bare(else_block),
        );
        self.switch_to_end(then_block);
        let value = self.lower_expr(&ternary.body)?;
        self.b().jump(join, vec![value]);
        self.switch_to_end(else_block);
        let value = self.lower_expr(&ternary.orelse)?;
        self.b().jump(join, vec![value]);
        self.switch_to_end(join);
        Ok(result)
    }

    // ---- displays -----------------------------------------------------------------------

    /// A list, tuple or set display. Without `*x` elements it is one `build_*`; with them
    /// (CPython's `starunpack_helper`) the elements before the first star are built into a
    /// list or set that the rest are appended or extended into, and a tuple is converted
    /// from that list at the end.
    fn lower_display(
        &mut self,
        kind: Display,
        elts: &'a [Expr],
        range: TextRange,
    ) -> LowerResult<Value> {
        let first_star = elts.iter().position(Expr::is_starred_expr);
        let prefix_len = first_star.unwrap_or(elts.len());
        let base = self.operand_base();
        for elt in &elts[..prefix_len] {
            let value = self.lower_expr(elt)?;
            self.push_operand(value);
        }
        self.set_loc(range);
        if first_star.is_none() && kind == Display::Set && prefix_len > 2 {
            // CPython builds a set display of three or more constants from a frozenset
            // constant (`starunpack_helper`); merging it fixes the set's slot layout.
            let consts: Option<Vec<Const>> = elts
                .iter()
                .map(|e| display_constant(e, self.source))
                .collect();
            if let Some(consts) = consts {
                self.drop_operands(base);
                let frozen = self.b().constant(Const::FrozenSet(consts));
                let set = self.b().ins(Op::BuildSet, Imm::None, []);
                self.b().ins_void(Op::SetUpdate, Imm::None, [set, frozen]);
                return Ok(set);
            }
        }
        let Some(first_star) = first_star else {
            let op = match kind {
                Display::List => Op::BuildList,
                Display::Tuple => Op::BuildTuple,
                Display::Set => Op::BuildSet,
            };
            return Ok(self.ins_from_stack(op, Imm::None, base));
        };
        let (build, add, extend) = match kind {
            Display::List | Display::Tuple => (Op::BuildList, Op::ListAppend, Op::ListExtend),
            Display::Set => (Op::BuildSet, Op::SetAdd, Op::SetUpdate),
        };
        let collection = self.ins_from_stack(build, Imm::None, base);
        for elt in &elts[first_star..] {
            if let Expr::Starred(starred) = elt {
                let iterable = self.lower_expr(&starred.value)?;
                self.set_loc(range);
                self.b().ins_void(extend, Imm::None, [collection, iterable]);
            } else {
                let value = self.lower_expr(elt)?;
                self.set_loc(range);
                self.b().ins_void(add, Imm::None, [collection, value]);
            }
        }
        if kind == Display::Tuple {
            return Ok(self.list_to_tuple(collection));
        }
        Ok(collection)
    }

    /// A dict display: runs of `key: value` pairs become `build_map`, each `**mapping`
    /// is merged with `dict_update` (CPython's `compiler_dict`).
    fn lower_dict(&mut self, dict: &'a ExprDict) -> LowerResult<Value> {
        let mut result: Option<Value> = None;
        // The pending `key, value` run is gathered on the operand stack from `base` on,
        // rather than in a list of its own (an allocation per dict display).
        let base = self.operand_base();
        for item in &dict.items {
            match &item.key {
                Some(key) => {
                    let key = self.lower_expr(key)?;
                    self.push_operand(key);
                    let value = self.lower_expr(&item.value)?;
                    self.push_operand(value);
                }
                None => {
                    self.set_loc(dict.range);
                    let target = self.flush_dict_run(result, base);
                    result = Some(target);
                    let mapping = self.lower_expr(&item.value)?;
                    self.set_loc(dict.range);
                    self.b()
                        .ins_void(Op::DictUpdate, Imm::None, [target, mapping]);
                }
            }
        }
        self.set_loc(dict.range);
        if result.is_none() || self.operand_base() != base {
            result = Some(self.flush_dict_run(result, base));
        }
        Ok(result.expect("dict display result was just set"))
    }

    /// Builds the pending `key, value` run of a dict display, on the operand stack from
    /// `base` on, into `target` (or a new dict).
    fn flush_dict_run(&mut self, target: Option<Value>, base: usize) -> Value {
        match target {
            None => self.ins_from_stack(Op::BuildMap, Imm::None, base),
            Some(target) if self.operand_base() == base => target,
            Some(target) => {
                let map = self.ins_from_stack(Op::BuildMap, Imm::None, base);
                self.b().ins_void(Op::DictUpdate, Imm::None, [target, map]);
                target
            }
        }
    }

    // ---- await and yield ----------------------------------------------------------------

    /// Rejects `await` where CPython's code generator does.
    fn check_await_allowed(&self, range: TextRange) -> LowerResult<()> {
        let scope = self.unit_ref().scope_info;
        match scope.kind {
            ScopeKind::Module | ScopeKind::Class => {
                Err(self.error(range, "'await' outside function"))
            }
            ScopeKind::Comprehension => Ok(()),
            ScopeKind::Function if scope.is_coroutine => Ok(()),
            _ => Err(self.error(range, "'await' outside async function")),
        }
    }

    /// Rejects `yield`/`yield from` outside a function (the symbol table usually has already).
    fn check_yield_allowed(&self, range: TextRange, what: &str) -> LowerResult<()> {
        match self.unit_ref().scope_info.kind {
            ScopeKind::Module | ScopeKind::Class => {
                Err(self.error(range, format!("'{what}' outside function")))
            }
            _ => Ok(()),
        }
    }
}

/// The IR operator for a binary AST operator (also used by augmented assignment).
pub(crate) fn binop(op: Operator) -> crate::ir::BinOp {
    use crate::ir::BinOp;
    match op {
        Operator::Add => BinOp::Add,
        Operator::Sub => BinOp::Sub,
        Operator::Mult => BinOp::Mul,
        Operator::MatMult => BinOp::MatMul,
        Operator::Div => BinOp::TrueDiv,
        Operator::Mod => BinOp::Mod,
        Operator::Pow => BinOp::Pow,
        Operator::LShift => BinOp::LShift,
        Operator::RShift => BinOp::RShift,
        Operator::BitOr => BinOp::Or,
        Operator::BitXor => BinOp::Xor,
        Operator::BitAnd => BinOp::And,
        Operator::FloorDiv => BinOp::FloorDiv,
    }
}

/// The IR comparison for an AST comparison operator.
pub(crate) fn cmpop(op: AstCmpOp) -> crate::ir::CmpOp {
    use crate::ir::CmpOp;
    match op {
        AstCmpOp::Eq => CmpOp::Eq,
        AstCmpOp::NotEq => CmpOp::Ne,
        AstCmpOp::Lt => CmpOp::Lt,
        AstCmpOp::LtE => CmpOp::Le,
        AstCmpOp::Gt => CmpOp::Gt,
        AstCmpOp::GtE => CmpOp::Ge,
        AstCmpOp::Is => CmpOp::Is,
        AstCmpOp::IsNot => CmpOp::IsNot,
        AstCmpOp::In => CmpOp::In,
        AstCmpOp::NotIn => CmpOp::NotIn,
    }
}

/// Parses an integer literal's source text: `0x`/`0o`/`0b` prefixes in either case and
/// `_` separators, to an arbitrary-precision integer.
fn parse_int_literal(text: &str) -> Option<BigInt> {
    let cleaned: String = text
        .chars()
        .filter(|&c| c != '_')
        .collect::<String>()
        .to_ascii_lowercase();
    let (digits, radix) = if let Some(rest) = cleaned.strip_prefix("0x") {
        (rest, 16)
    } else if let Some(rest) = cleaned.strip_prefix("0o") {
        (rest, 8)
    } else if let Some(rest) = cleaned.strip_prefix("0b") {
        (rest, 2)
    } else {
        (cleaned.as_str(), 10)
    };
    if digits.is_empty() {
        return None;
    }
    BigInt::parse_bytes(digits.as_bytes(), radix)
}

/// The constant `expr` denotes once CPython's optimizer has folded it (literals, negated
/// numbers, complex literals, tuples of those), for building set displays from a
/// frozenset constant.
fn display_constant(expr: &Expr, source: &str) -> Option<Const> {
    match expr {
        Expr::Tuple(t) => Some(Const::Tuple(
            t.elts
                .iter()
                .map(|e| display_constant(e, source))
                .collect::<Option<_>>()?,
        )),
        _ => super::pattern_literal::pattern_literal(expr, source),
    }
}

#[cfg(test)]
mod tests {
    use super::parse_int_literal;
    use num_bigint::BigInt;

    #[test]
    fn int_literals_in_every_base() {
        let big = |s: &str| s.parse::<BigInt>().unwrap();
        assert_eq!(parse_int_literal("1_000"), Some(big("1000")));
        assert_eq!(parse_int_literal("0xFF_ff"), Some(big("65535")));
        assert_eq!(parse_int_literal("0O17"), Some(big("15")));
        assert_eq!(parse_int_literal("0b1010"), Some(big("10")));
        assert_eq!(
            parse_int_literal("123456789012345678901234567890"),
            Some(big("123456789012345678901234567890"))
        );
        assert_eq!(parse_int_literal("0x"), None);
    }
}
