//! Calls: `load_method` + `call_method` for `obj.name(positional…)` (no bound method
//! object is made), `call` for other positional calls, `call_kw` when keywords are
//! present, and `call_ex` whenever `*args` or `**kwargs` appear (CPython's
//! `compiler_call_helper`).
//!
//! Evaluation order is CPython's: the callee, then every positional argument (starred
//! ones included) left to right, then the keyword arguments (`**` ones included) left to
//! right. So `f(*a, x=g(), *b)` evaluates `a`, `b`, then `g()`.

use super::{LowerResult, Lowerer};
use crate::ir::{Imm, Op, Value};
use ruff_python_ast::{Arguments, Expr, ExprCall, Keyword};
use ruff_text_size::{Ranged, TextRange};

/// Method calls with more positional arguments than this use a plain `call` (which
/// `split_builds` can break up); method calls that big are rare.
const MAX_METHOD_CALL_ARGS: usize = 32;

impl<'a> Lowerer<'a> {
    /// Lowers `func(arguments)`.
    pub(crate) fn lower_call(&mut self, call: &'a ExprCall) -> LowerResult<Value> {
        let range = call.range();
        if let Expr::Attribute(attr) = &*call.func
            && call.arguments.keywords.is_empty()
            && call.arguments.args.len() <= MAX_METHOD_CALL_ARGS
            && !call.arguments.args.iter().any(Expr::is_starred_expr)
        {
            // `obj.name(args)`: the method form, which spares the bound method object.
            let object = self.lower_expr(&attr.value)?;
            self.set_loc(attr.range);
            let id = self.attr_name(attr.attr.as_str());
            let method = self.b().ins(Op::LoadMethod, Imm::Name(id), [object]);
            let base = self.operand_base();
            self.push_operand(method);
            self.push_operand(object);
            for arg in &call.arguments.args {
                let value = self.lower_expr(arg)?;
                self.push_operand(value);
            }
            self.set_loc(range);
            return Ok(self.ins_from_stack(Op::CallMethod, Imm::None, base));
        }
        let callee = self.lower_expr(&call.func)?;
        self.emit_call(callee, &[], &call.arguments, Some(range))
    }

    /// Calls `callee(*leading, <arguments>)`, where `leading` are already evaluated
    /// positional values (used by class definitions: `__build_class__(func, name, …)`).
    /// The call takes the location that was current on entry.
    pub(crate) fn lower_call_with(
        &mut self,
        callee: Value,
        leading: &[Value],
        arguments: &'a Arguments,
    ) -> LowerResult<Value> {
        self.emit_call(callee, leading, arguments, None)
    }

    /// Shared call lowering; `range` is the call's location, or `None` to keep the
    /// location current on entry. Every list of operands is gathered on the operand stack
    /// (see [`Lowerer::ins_from_stack`]), so no call allocates one.
    fn emit_call(
        &mut self,
        callee: Value,
        leading: &[Value],
        arguments: &'a Arguments,
        range: Option<TextRange>,
    ) -> LowerResult<Value> {
        self.check_keywords(&arguments.keywords)?;
        let entry_loc = self.b().loc;
        let set_call_loc = |this: &mut Self| match range {
            Some(range) => this.set_loc(range),
            None => this.b().loc = entry_loc,
        };
        let args: &'a [Expr] = &arguments.args;
        let keywords: &'a [Keyword] = &arguments.keywords;
        let starred_args = args.iter().any(Expr::is_starred_expr);
        let double_starred = keywords.iter().any(|k| k.arg.is_none());

        if !starred_args && !double_starred {
            let base = self.operand_base();
            self.push_operand(callee);
            for &value in leading {
                self.push_operand(value);
            }
            for arg in args {
                let value = self.lower_expr(arg)?;
                self.push_operand(value);
            }
            if keywords.is_empty() {
                set_call_loc(self);
                return Ok(self.ins_from_stack(Op::Call, Imm::None, base));
            }
            for keyword in keywords {
                let value = self.lower_expr(&keyword.value)?;
                self.push_operand(value);
            }
            set_call_loc(self);
            // Interned from the borrowed names: calls with the same keywords share a tuple.
            let names = self.b().func.add_str_tuple(
                keywords
                    .iter()
                    .map(|keyword| keyword.arg.as_ref().map_or("", |id| id.as_str())),
            );
            return Ok(self.ins_from_stack(Op::CallKw, Imm::Const(names), base));
        }

        // The positional arguments as one tuple. A lone `*iterable` is passed as it is:
        // `call_ex` makes the tuple, and reports a non-iterable against the callee's name
        // (CPython's `compiler_call_helper` does the same).
        let lone_star = match (leading.is_empty(), args) {
            (true, [Expr::Starred(starred)]) => Some(&starred.value),
            _ => None,
        };
        let positional = if let Some(iterable) = lone_star {
            self.lower_expr(iterable)?
        } else if starred_args {
            let first_star = args
                .iter()
                .position(Expr::is_starred_expr)
                .unwrap_or(args.len());
            let base = self.operand_base();
            for &value in leading {
                self.push_operand(value);
            }
            for arg in &args[..first_star] {
                let value = self.lower_expr(arg)?;
                self.push_operand(value);
            }
            set_call_loc(self);
            let list = self.ins_from_stack(Op::BuildList, Imm::None, base);
            for arg in &args[first_star..] {
                if let Expr::Starred(starred) = arg {
                    let iterable = self.lower_expr(&starred.value)?;
                    set_call_loc(self);
                    self.b()
                        .ins_void(Op::ListExtend, Imm::None, [list, iterable]);
                } else {
                    let value = self.lower_expr(arg)?;
                    set_call_loc(self);
                    self.b().ins_void(Op::ListAppend, Imm::None, [list, value]);
                }
            }
            self.list_to_tuple(list)
        } else {
            let base = self.operand_base();
            for &value in leading {
                self.push_operand(value);
            }
            for arg in args {
                let value = self.lower_expr(arg)?;
                self.push_operand(value);
            }
            set_call_loc(self);
            self.ins_from_stack(Op::BuildTuple, Imm::None, base)
        };

        // The keyword arguments as one dict: runs of `name=value` become `build_map`s, merged
        // (with duplicate checks against the callee) into the first one by `dict_merge`.
        // The pending run is the operand stack above `run`.
        let mut kwargs: Option<Value> = None;
        let run = self.operand_base();
        for keyword in keywords {
            match &keyword.arg {
                Some(name) => {
                    set_call_loc(self);
                    let key = self.b().str_constant(name.as_str());
                    self.push_operand(key);
                    let value = self.lower_expr(&keyword.value)?;
                    self.push_operand(value);
                }
                None => {
                    set_call_loc(self);
                    let target = self.flush_keyword_run(callee, kwargs, run);
                    kwargs = Some(target);
                    let mapping = self.lower_expr(&keyword.value)?;
                    set_call_loc(self);
                    self.b()
                        .ins_void(Op::DictMerge, Imm::None, [callee, target, mapping]);
                }
            }
        }
        set_call_loc(self);
        if self.operand_base() > run {
            kwargs = Some(self.flush_keyword_run(callee, kwargs, run));
        }
        Ok(match kwargs {
            Some(kwargs) => self
                .b()
                .ins(Op::CallEx, Imm::None, [callee, positional, kwargs]),
            None => self.b().ins(Op::CallEx, Imm::None, [callee, positional]),
        })
    }

    /// Builds the pending run of `name=value` keywords, the operand stack above `run`,
    /// into `target` (or a new dict), popping it.
    fn flush_keyword_run(&mut self, callee: Value, target: Option<Value>, run: usize) -> Value {
        match target {
            None => self.ins_from_stack(Op::BuildMap, Imm::None, run),
            Some(target) if self.operand_base() == run => target,
            Some(target) => {
                let map = self.ins_from_stack(Op::BuildMap, Imm::None, run);
                self.b()
                    .ins_void(Op::DictMerge, Imm::None, [callee, target, map]);
                target
            }
        }
    }

    /// `f(x=1, x=2)`: CPython's `validate_keywords` rejects the later duplicate.
    fn check_keywords(&self, keywords: &[Keyword]) -> LowerResult<()> {
        for (index, keyword) in keywords.iter().enumerate() {
            let Some(name) = &keyword.arg else { continue };
            if let Some(other) = keywords[index + 1..]
                .iter()
                .find(|k| k.arg.as_ref().is_some_and(|n| n.as_str() == name.as_str()))
            {
                return Err(self.error(
                    other.range(),
                    format!("keyword argument repeated: {}", name.as_str()),
                ));
            }
        }
        Ok(())
    }
}
