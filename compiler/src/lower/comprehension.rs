//! Comprehensions (inlined per PEP 709) and generator expressions.
//!
//! A list, set or dict comprehension whose scope the symbol table marks `comp_inlined`
//! runs inside the current code object: its first iterable is evaluated outside the
//! comprehension scope, then the comprehension scope is pushed on the unit's scope stack
//! so names resolve in it. Its own variables become fast locals of the enclosing code
//! object; any outer value they shadow is saved with `load_fast_and_clear` and restored
//! afterwards, on the exception path too (CPython's `push_inlined_comprehension_state`).
//!
//! Generator expressions (and comprehensions that cannot be inlined) are nested code
//! objects taking the first iterator as their only argument, `.0`, created with
//! `make_function` and called at once.

use super::{LowerResult, Lowerer, NameAccess};
use crate::ir::{
    BlockCall, CodeFlags, Common, FunctionKind, Imm, Intrinsic, LocalId, Op, Terminator, Value,
};
use crate::scope::{ScopeId, ScopeKey, ScopeKind, SymbolScope, flags};
use ruff_python_ast::{
    Comprehension, Expr, ExprDictComp, ExprGenerator, ExprListComp, ExprSetComp,
};
use ruff_text_size::{Ranged, TextRange};

/// Which kind of comprehension is being lowered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CompKind {
    List,
    Set,
    Dict,
    Generator,
}

impl CompKind {
    /// The code object name CPython gives a non-inlined comprehension.
    fn code_name(self) -> &'static str {
        match self {
            CompKind::List => "<listcomp>",
            CompKind::Set => "<setcomp>",
            CompKind::Dict => "<dictcomp>",
            CompKind::Generator => "<genexpr>",
        }
    }
}

/// What each innermost iteration does with the element.
#[derive(Clone, Copy)]
enum Element<'a> {
    /// `list_append` / `set_add` into the collection.
    Add {
        op: Op,
        collection: Value,
        value: &'a Expr,
    },
    /// `dict_set` into the dict.
    DictSet {
        dict: Value,
        key: &'a Expr,
        value: &'a Expr,
    },
    /// `yield` the value (generator expressions).
    Yield { value: &'a Expr },
}

/// One comprehension, whatever its kind.
struct CompParts<'a> {
    kind: CompKind,
    range: TextRange,
    /// The element, or the key of a dict comprehension.
    elt: &'a Expr,
    /// The value of a dict comprehension.
    value: Option<&'a Expr>,
    generators: &'a [Comprehension],
}

impl<'a> Lowerer<'a> {
    /// `[elt for …]`.
    pub(crate) fn lower_list_comp(&mut self, comp: &'a ExprListComp) -> LowerResult<Value> {
        let parts = CompParts {
            kind: CompKind::List,
            range: comp.range,
            elt: &comp.elt,
            value: None,
            generators: &comp.generators,
        };
        self.lower_comprehension(parts)
    }

    /// `{elt for …}`.
    pub(crate) fn lower_set_comp(&mut self, comp: &'a ExprSetComp) -> LowerResult<Value> {
        let parts = CompParts {
            kind: CompKind::Set,
            range: comp.range,
            elt: &comp.elt,
            value: None,
            generators: &comp.generators,
        };
        self.lower_comprehension(parts)
    }

    /// `{key: value for …}`.
    pub(crate) fn lower_dict_comp(&mut self, comp: &'a ExprDictComp) -> LowerResult<Value> {
        let Some(key) = &comp.key else {
            return Err(self.error(
                comp.range,
                "dict unpacking cannot be used in dict comprehension",
            ));
        };
        let parts = CompParts {
            kind: CompKind::Dict,
            range: comp.range,
            elt: key,
            value: Some(&comp.value),
            generators: &comp.generators,
        };
        self.lower_comprehension(parts)
    }

    /// `(elt for …)`.
    pub(crate) fn lower_genexpr(&mut self, genexpr: &'a ExprGenerator) -> LowerResult<Value> {
        let parts = CompParts {
            kind: CompKind::Generator,
            range: genexpr.range,
            elt: &genexpr.elt,
            value: None,
            generators: &genexpr.generators,
        };
        self.lower_comprehension(parts)
    }

    fn lower_comprehension(&mut self, parts: CompParts<'a>) -> LowerResult<Value> {
        let Some(scope) = self.table.lookup(ScopeKey::Comprehension(parts.range)) else {
            return Err(self.error(parts.range, "comprehension has no scope"));
        };
        let Some(first) = parts.generators.first() else {
            return Err(self.error(parts.range, "comprehension without a 'for' clause"));
        };
        if parts.elt.is_starred_expr() {
            return Err(self.error(
                parts.elt.range(),
                "iterable unpacking cannot be used in comprehension",
            ));
        }
        let comp_scope = self.table.scope(scope);
        let is_async = comp_scope.is_coroutine || parts.generators.iter().any(|g| g.is_async);
        if is_async && parts.kind != CompKind::Generator {
            // CPython's codegen: only async functions (and other comprehensions, which are
            // then async themselves) may run an asynchronous list/set/dict comprehension.
            let unit_scope = self.unit_ref().scope_info;
            let allowed = unit_scope.kind == ScopeKind::Comprehension
                || (unit_scope.kind == ScopeKind::Function && unit_scope.is_coroutine);
            if !allowed {
                return Err(self.error(
                    parts.range,
                    "asynchronous comprehension outside of an asynchronous function",
                ));
            }
        }
        // The first iterable is evaluated in the enclosing scope.
        let iterable = self.lower_expr(&first.iter)?;
        self.set_loc(first.iter.range());
        let get_iter = if first.is_async {
            Op::GetAIter
        } else {
            Op::GetIter
        };
        let iterator = self.b().ins(get_iter, Imm::None, [iterable]);
        if comp_scope.comp_inlined && parts.kind != CompKind::Generator {
            self.lower_inlined_comprehension(&parts, scope, iterator)
        } else {
            self.lower_comprehension_function(&parts, scope, iterator, is_async)
        }
    }

    /// PEP 709: the comprehension's loops run in the current code object.
    fn lower_inlined_comprehension(
        &mut self,
        parts: &CompParts<'a>,
        scope: ScopeId,
        iterator: Value,
    ) -> LowerResult<Value> {
        self.inlined_scopes.push(scope);
        self.set_loc(parts.range);
        let saved = self.save_shadowed_locals(scope);
        let outer_handler = self.b().handler;
        if !saved.is_empty() {
            // On an exception, put the outer values back before it propagates.
            let restore = self.b().create_block_with_handler(outer_handler);
            let exc = self.b().func.append_block_param(restore);
            let body = self.b().create_block_with_handler(Some(restore));
            self.b().jump(body, Vec::new());
            self.b().switch_to(restore);
            for &(slot, value) in &saved {
                self.b().ins_void(Op::StoreFast, Imm::Local(slot), [value]);
            }
            self.b().terminate(Terminator::Reraise(exc));
            self.b().handler = Some(restore);
            self.switch_to_end(body);
        }
        let result = self.lower_comprehension_body(parts, iterator);
        self.b().handler = outer_handler;
        let result = result?;
        if !saved.is_empty() {
            let after = self.b().create_block();
            self.b().jump(after, Vec::new());
            self.switch_to_end(after);
            self.set_loc(parts.range);
            for &(slot, value) in &saved {
                self.b().ins_void(Op::StoreFast, Imm::Local(slot), [value]);
            }
        }
        self.inlined_scopes.pop();
        Ok(result)
    }

    /// Saves (and unsets) each fast local the inlined comprehension binds, so the
    /// comprehension starts from unset variables and the outer values come back after.
    fn save_shadowed_locals(&mut self, scope: ScopeId) -> Vec<(LocalId, Value)> {
        let names: Vec<&'a str> = self
            .table
            .scope(scope)
            .symbols
            .iter()
            .filter(|s| {
                !s.name.starts_with('.')
                    && s.flags & flags::DEF_LOCAL != 0
                    && s.flags & (flags::DEF_NONLOCAL | flags::DEF_GLOBAL) == 0
                    && matches!(s.scope, SymbolScope::Local | SymbolScope::Cell)
            })
            .map(|s| &*s.name)
            .collect();
        let mut saved = Vec::new();
        for name in names {
            // Comprehension variables held in cells are not isolated: the IR has no way to
            // swap a cell object, and CPython only differs when an outer cell of the same
            // name exists.
            if let NameAccess::Fast(slot) = self.name_access(name) {
                let value = self.b().ins(Op::LoadFastAndClear, Imm::Local(slot), []);
                saved.push((slot, value));
            }
        }
        saved
    }

    /// Builds the collection (if any) and runs the loops; returns the collection, or
    /// `None` for a generator expression.
    fn lower_comprehension_body(
        &mut self,
        parts: &CompParts<'a>,
        iterator: Value,
    ) -> LowerResult<Value> {
        self.set_loc(parts.range);
        let element = match parts.kind {
            CompKind::List => {
                let collection = self.b().ins(Op::BuildList, Imm::None, []);
                Element::Add {
                    op: Op::ListAppend,
                    collection,
                    value: parts.elt,
                }
            }
            CompKind::Set => {
                let collection = self.b().ins(Op::BuildSet, Imm::None, []);
                Element::Add {
                    op: Op::SetAdd,
                    collection,
                    value: parts.elt,
                }
            }
            CompKind::Dict => {
                let dict = self.b().ins(Op::BuildMap, Imm::None, []);
                let value = parts.value.unwrap_or(parts.elt);
                Element::DictSet {
                    dict,
                    key: parts.elt,
                    value,
                }
            }
            CompKind::Generator => Element::Yield { value: parts.elt },
        };
        self.lower_generators(parts.generators, 0, iterator, element)?;
        self.set_loc(parts.range);
        Ok(match element {
            Element::Add { collection, .. } => collection,
            Element::DictSet { dict, .. } => dict,
            Element::Yield { .. } => self.b().none(),
        })
    }

    /// The loop of generator `index` over `iterator`, with its `if` filters, and inside
    /// it the remaining generators or the element.
    fn lower_generators(
        &mut self,
        generators: &'a [Comprehension],
        index: usize,
        iterator: Value,
        element: Element<'a>,
    ) -> LowerResult<()> {
        let generator = &generators[index];
        let header = self.b().create_block();
        self.b().jump(header, Vec::new());
        let body = self.b().create_block();
        let exit = self.b().create_block();
        self.switch_to_end(header);
        self.set_loc(generator.iter.range());
        let item = if generator.is_async {
            // `async for`: await `anext()`; StopAsyncIteration ends the loop.
            let outer = self.b().handler;
            let stop = self.b().create_block_with_handler(outer);
            let exc = self.b().func.append_block_param(stop);
            self.b().func.blocks[header.index()].handler = Some(stop);
            let awaitable = self.b().ins(Op::GetANext, Imm::None, [iterator]);
            let item = self.b().ins(Op::YieldFrom, Imm::None, [awaitable]);
            let item_param = self.b().func.append_block_param(body);
            self.b().jump(body, vec![item]);
            self.switch_to_end(stop);
            let class = self
                .b()
                .ins(Op::LoadCommon, Imm::Common(Common::StopAsyncIteration), []);
            let matched = self.b().ins(Op::ExcMatch, Imm::None, [exc, class]);
            let reraise = self.b().create_block();
            self.branch_with(matched, BlockCall::bare(exit), BlockCall::bare(reraise));
            self.switch_to_end(reraise);
            self.b().terminate(Terminator::Reraise(exc));
            item_param
        } else {
            let item = self.b().func.append_block_param(body);
            self.b().terminate(Terminator::ForIter {
                iter: iterator,
                body: BlockCall::bare(body),
                exit: BlockCall::bare(exit),
            });
            item
        };
        self.switch_to_end(body);
        self.store_target(&generator.target, item)?;
        for condition in &generator.ifs {
            let test = self.lower_expr(condition)?;
            self.set_loc(condition.range());
            let next = self.b().create_block();
            self.branch_with(test, BlockCall::bare(next), BlockCall::bare(header));
            self.switch_to_end(next);
        }
        if let Some(inner) = generators.get(index + 1) {
            let iterable = self.lower_expr(&inner.iter)?;
            self.set_loc(inner.iter.range());
            let get_iter = if inner.is_async {
                Op::GetAIter
            } else {
                Op::GetIter
            };
            let inner_iterator = self.b().ins(get_iter, Imm::None, [iterable]);
            self.lower_generators(generators, index + 1, inner_iterator, element)?;
        } else {
            self.lower_element(element)?;
        }
        self.b().jump(header, Vec::new());
        self.switch_to_end(exit);
        Ok(())
    }

    /// One innermost iteration's work.
    fn lower_element(&mut self, element: Element<'a>) -> LowerResult<()> {
        match element {
            Element::Add {
                op,
                collection,
                value,
            } => {
                let item = self.lower_expr(value)?;
                self.set_loc(value.range());
                self.b().ins_void(op, Imm::None, [collection, item]);
            }
            Element::DictSet { dict, key, value } => {
                let key_value = self.lower_expr(key)?;
                let value_value = self.lower_expr(value)?;
                self.set_loc(TextRange::new(key.range().start(), value.range().end()));
                self.b()
                    .ins_void(Op::DictSet, Imm::None, [dict, key_value, value_value]);
            }
            Element::Yield { value } => {
                let item = self.lower_expr(value)?;
                self.set_loc(value.range());
                self.b().ins(Op::Yield, Imm::None, [item]);
            }
        }
        Ok(())
    }

    /// A generator expression (or a comprehension that is not inlined) as its own code
    /// object, called with the first iterator.
    fn lower_comprehension_function(
        &mut self,
        parts: &CompParts<'a>,
        scope: ScopeId,
        iterator: Value,
        is_async: bool,
    ) -> LowerResult<Value> {
        let name = parts.kind.code_name();
        let qualname = self.qualname_for(name);
        let nested = self.unit().b.func.flags.contains(CodeFlags::NESTED)
            || matches!(
                self.table.scope(self.current_scope()).kind,
                ScopeKind::Function | ScopeKind::Lambda | ScopeKind::Comprehension
            );
        let (first_line, _) = self.line_col(parts.range.start());
        self.enter_unit(scope, FunctionKind::GenExpr, name, qualname, first_line);
        let result = self.lower_comprehension_code(parts, nested, is_async);
        let func = self.exit_unit();
        result?;
        self.set_loc(parts.range);
        let none = self.b().none();
        let closure = self.closure_for(func).unwrap_or(none);
        self.set_loc(parts.range);
        let function = self.b().ins(
            Op::MakeFunction,
            Imm::Func(func),
            [none, none, none, closure],
        );
        let result = self.b().ins(Op::Call, Imm::None, [function, iterator]);
        if is_async && parts.kind != CompKind::Generator {
            // A non-inlined async comprehension is a coroutine: await its result.
            return Ok(self.emit_await(result));
        }
        Ok(result)
    }

    /// The body of a comprehension code object (the unit is already entered).
    fn lower_comprehension_code(
        &mut self,
        parts: &CompParts<'a>,
        nested: bool,
        is_async: bool,
    ) -> LowerResult<()> {
        self.set_loc(parts.range);
        // The locals may be reordered below, so any slot resolved so far is stale.
        self.forget_names();
        {
            let func = &mut self.unit().b.func;
            // `.0` is the only parameter; nothing was emitted yet, so slots may still move.
            if func.locals.first().map(String::as_str) != Some(".0") {
                func.locals.retain(|l| l != ".0");
                func.locals.insert(0, ".0".to_owned());
            }
            func.argcount = 1;
            func.posonlyargcount = 0;
            func.kwonlyargcount = 0;
            let mut code_flags = CodeFlags::default();
            if nested {
                code_flags.insert(CodeFlags::NESTED);
            }
            match (parts.kind == CompKind::Generator, is_async) {
                (true, false) => code_flags.insert(CodeFlags::GENERATOR),
                (true, true) => code_flags.insert(CodeFlags::ASYNC_GENERATOR),
                (false, true) => code_flags.insert(CodeFlags::COROUTINE),
                (false, false) => {}
            }
            func.flags = code_flags;
        }
        if parts.kind == CompKind::Generator {
            // A StopIteration escaping a generator becomes RuntimeError (PEP 479).
            let wrapper = self.b().create_block_with_handler(None);
            let exc = self.b().func.append_block_param(wrapper);
            let body = self.b().create_block_with_handler(Some(wrapper));
            self.b().jump(body, Vec::new());
            self.b().switch_to(wrapper);
            let converted = self.b().ins(
                Op::CallIntrinsic,
                Imm::Intrinsic(Intrinsic::StopIterationError),
                [exc],
            );
            self.b().terminate(Terminator::Reraise(converted));
            self.b().handler = Some(wrapper);
            self.switch_to_end(body);
        }
        let dot0 = self.b().ins(Op::LoadFast, Imm::Local(LocalId::new(0)), []);
        let result = self.lower_comprehension_body(parts, dot0)?;
        self.b().terminate(Terminator::Return(result));
        Ok(())
    }
}
