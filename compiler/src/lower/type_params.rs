//! PEP 695 type-parameter scopes and `type` aliases, following CPython 3.14's
//! `codegen_type_params`, `codegen_type_param_bound_or_default`, `codegen_function`,
//! `codegen_class` and `codegen_typealias`.
//!
//! A generic `def`, `class` or `type` gets an extra code object,
//! `<generic parameters of NAME>`, that creates each parameter (stored as a local, usually
//! a cell the definition closes over), builds the `.type_params` tuple, defines the
//! function/class/alias and returns it; the enclosing code calls it once. Bounds,
//! constraints, defaults and alias values are evaluated lazily: each is its own small
//! annotation-like function (`format` parameter defaulting to 1).

use super::{LowerResult, Lowerer};
use crate::ir::{CodeFlags, Const, FunctionKind, Imm, Intrinsic, LocalId, Op, Terminator, Value};
use crate::scope::{ScopeId, ScopeKey};
use num_bigint::BigInt;
use ruff_python_ast::{
    Arguments, Expr, StmtClassDef, StmtFunctionDef, StmtTypeAlias, TypeParam, TypeParams,
};
use ruff_text_size::{Ranged, TextRange};

impl<'a> Lowerer<'a> {
    /// Lowers `type Name[params] = value`.
    pub(crate) fn lower_type_alias(&mut self, stmt: &'a StmtTypeAlias) -> LowerResult<()> {
        let Expr::Name(name) = &*stmt.name else {
            return Err(self.error(stmt.name.range(), "invalid type alias name"));
        };
        let name = name.id.as_str();
        self.set_loc(stmt.range);
        let alias = match &stmt.type_params {
            Some(type_params) => {
                let scope = self.type_params_scope(stmt.range)?;
                let line = self.line_col(stmt.range.start()).0;
                self.enter_type_params_unit(scope, name, line, 0);
                let result = self.lower_generic_alias_body(stmt, name, type_params);
                self.finish_type_params_unit(result, stmt.range, Vec::new())?
            }
            None => {
                let name_value = self.b().constant(Const::Str(name.to_owned()));
                let params = self.b().none();
                let value = self.lower_alias_value(stmt, name)?;
                self.set_loc(stmt.range);
                self.b().ins(
                    Op::CallIntrinsic,
                    Imm::Intrinsic(Intrinsic::TypeAlias),
                    [name_value, params, value],
                )
            }
        };
        self.set_loc(stmt.range);
        self.store_name(name, alias);
        Ok(())
    }

    /// Inside the type-parameter scope of a generic alias: returns the alias.
    fn lower_generic_alias_body(
        &mut self,
        stmt: &'a StmtTypeAlias,
        name: &str,
        type_params: &'a TypeParams,
    ) -> LowerResult<Value> {
        let name_value = self.b().constant(Const::Str(name.to_owned()));
        let params = self.lower_type_params(type_params)?;
        let value = self.lower_alias_value(stmt, name)?;
        self.set_loc(stmt.range);
        Ok(self.b().ins(
            Op::CallIntrinsic,
            Imm::Intrinsic(Intrinsic::TypeAlias),
            [name_value, params, value],
        ))
    }

    /// The lazily evaluated value function of a `type` statement.
    fn lower_alias_value(&mut self, stmt: &'a StmtTypeAlias, name: &str) -> LowerResult<Value> {
        let Some(scope) = self.table.lookup(ScopeKey::TypeAlias(stmt.range)) else {
            return Err(self.error(stmt.range, "internal error: type alias has no scope"));
        };
        self.lower_lazy_function(scope, name, stmt.range, &stmt.value, false)
    }

    /// A lazily evaluated expression as an annotation-like function with `format`
    /// defaulting to 1, in code object `scope` named `name`.
    fn lower_lazy_function(
        &mut self,
        scope: ScopeId,
        name: &str,
        range: TextRange,
        expr: &'a Expr,
        allow_starred: bool,
    ) -> LowerResult<Value> {
        self.set_loc(expr.range());
        let one = Const::Tuple(vec![Const::Int(BigInt::from(1))]);
        let defaults = self.b().constant(one);
        let qualname = self.code_qualname(name, false);
        let line = self.line_col(range.start()).0;
        self.enter_annotation_unit(scope, FunctionKind::TypeAliasValue, name, qualname, line);
        let value = self.lower_annotation_value(expr, allow_starred)?;
        self.set_loc(expr.range());
        self.b().terminate(Terminator::Return(value));
        let code = self.exit_annotation_unit();
        self.set_loc(expr.range());
        Ok(self.make_function(code, Some(defaults), None, None))
    }

    /// Creates each type parameter, binds its name, and returns the `.type_params` tuple.
    pub(crate) fn lower_type_params(&mut self, type_params: &'a TypeParams) -> LowerResult<Value> {
        let mut seen_default = false;
        let mut values = Vec::new();
        for type_param in type_params.iter() {
            self.set_loc(type_param.range());
            let (name, default, allow_starred) = match type_param {
                TypeParam::TypeVar(param) => (param.name.as_str(), param.default.as_deref(), false),
                TypeParam::ParamSpec(param) => {
                    (param.name.as_str(), param.default.as_deref(), false)
                }
                TypeParam::TypeVarTuple(param) => {
                    (param.name.as_str(), param.default.as_deref(), true)
                }
            };
            let name_value = self.b().constant(Const::Str(name.to_owned()));
            let mut value = match type_param {
                TypeParam::TypeVar(param) => match &param.bound {
                    Some(bound) => {
                        let function = self.lower_bound_function(bound, name, false)?;
                        // A parenthesised tuple is a constraint list, anything else a bound.
                        let intrinsic = if bound.is_tuple_expr() {
                            Intrinsic::TypeVarWithConstraints
                        } else {
                            Intrinsic::TypeVarWithBound
                        };
                        self.set_loc(type_param.range());
                        self.b().ins(
                            Op::CallIntrinsic,
                            Imm::Intrinsic(intrinsic),
                            [name_value, function],
                        )
                    }
                    None => self.b().ins(
                        Op::CallIntrinsic,
                        Imm::Intrinsic(Intrinsic::TypeVar),
                        [name_value],
                    ),
                },
                TypeParam::ParamSpec(_) => self.b().ins(
                    Op::CallIntrinsic,
                    Imm::Intrinsic(Intrinsic::ParamSpec),
                    [name_value],
                ),
                TypeParam::TypeVarTuple(_) => self.b().ins(
                    Op::CallIntrinsic,
                    Imm::Intrinsic(Intrinsic::TypeVarTuple),
                    [name_value],
                ),
            };
            match default {
                Some(default) => {
                    seen_default = true;
                    let function = self.lower_bound_function(default, name, allow_starred)?;
                    self.set_loc(type_param.range());
                    value = self.b().ins(
                        Op::CallIntrinsic,
                        Imm::Intrinsic(Intrinsic::SetTypeParamDefault),
                        [value, function],
                    );
                }
                None if seen_default => {
                    return Err(self.error(
                        type_param.range(),
                        format!(
                            "non-default type parameter '{name}' follows default type parameter"
                        ),
                    ));
                }
                None => {}
            }
            self.set_loc(type_param.range());
            self.store_name(name, value);
            values.push(value);
        }
        if let Some(first) = type_params.first() {
            self.set_loc(first.range());
        }
        Ok(self.b().ins(Op::BuildTuple, Imm::None, values))
    }

    /// A bound, constraint tuple or default as a lazily evaluated function.
    fn lower_bound_function(
        &mut self,
        expr: &'a Expr,
        name: &str,
        allow_starred: bool,
    ) -> LowerResult<Value> {
        let Some(scope) = self.table.lookup(ScopeKey::TypeVarBound(expr.range())) else {
            return Err(self.error(
                expr.range(),
                "internal error: type parameter bound has no scope",
            ));
        };
        self.lower_lazy_function(scope, name, expr.range(), expr, allow_starred)
    }

    /// A generic `def`: the `<generic parameters of f>` code object receives the already
    /// evaluated defaults as arguments, defines the function inside, sets its
    /// `__type_params__` and returns it; the current unit calls it.
    #[expect(
        clippy::too_many_arguments,
        reason = "mirrors lower_function_object plus the type parameters"
    )]
    pub(crate) fn lower_generic_function(
        &mut self,
        def: &'a StmtFunctionDef,
        type_params: &'a TypeParams,
        qualname: &str,
        first_line: u32,
        stmt_range: TextRange,
        defaults: Option<Value>,
        kwdefaults: Option<Value>,
    ) -> LowerResult<Value> {
        let scope = self.type_params_scope(def.range)?;
        let mut hidden = Vec::new();
        if defaults.is_some() {
            hidden.push(".defaults");
        }
        if kwdefaults.is_some() {
            hidden.push(".kwdefaults");
        }
        self.enter_type_params_unit(scope, &def.name, first_line, hidden.len());
        self.set_leading_params(&hidden);
        self.set_loc(stmt_range);
        let result = self.lower_generic_function_body(
            def,
            type_params,
            qualname,
            first_line,
            stmt_range,
            &hidden,
        );
        let arguments = defaults.into_iter().chain(kwdefaults).collect();
        self.finish_type_params_unit(result, stmt_range, arguments)
    }

    /// Inside the type-parameter scope of a generic `def`: returns the function.
    fn lower_generic_function_body(
        &mut self,
        def: &'a StmtFunctionDef,
        type_params: &'a TypeParams,
        qualname: &str,
        first_line: u32,
        stmt_range: TextRange,
        hidden: &[&str],
    ) -> LowerResult<Value> {
        let params = self.lower_type_params(type_params)?;
        self.set_loc(stmt_range);
        let load_hidden = |lowerer: &mut Self, name: &str| {
            hidden.iter().position(|h| *h == name).map(|i| {
                lowerer
                    .b()
                    .ins(Op::LoadFast, Imm::Local(LocalId::new(i)), [])
            })
        };
        let defaults = load_hidden(self, ".defaults");
        let kwdefaults = load_hidden(self, ".kwdefaults");
        let func = self
            .lower_function_object(def, qualname, first_line, stmt_range, defaults, kwdefaults)?;
        self.set_loc(stmt_range);
        Ok(self.b().ins(
            Op::CallIntrinsic,
            Imm::Intrinsic(Intrinsic::SetFunctionTypeParams),
            [func, params],
        ))
    }

    /// A generic `class`: inside `<generic parameters of C>`, the parameters are stored as
    /// `.type_params`, the class body reads them into `__type_params__`, and
    /// `Generic[*params]` (`.generic_base`) is appended to the bases.
    pub(crate) fn lower_generic_class(
        &mut self,
        class: &'a StmtClassDef,
        type_params: &'a TypeParams,
        qualname: &str,
        first_line: u32,
        stmt_range: TextRange,
    ) -> LowerResult<Value> {
        let scope = self.type_params_scope(class.range)?;
        self.enter_type_params_unit(scope, &class.name, first_line, 0);
        // CPython gives a class's type-parameter scope the class name as its private name.
        self.defs.class_stack.push(class.name.as_str());
        self.set_loc(stmt_range);
        let result =
            self.lower_generic_class_body(class, type_params, qualname, first_line, stmt_range);
        self.defs.class_stack.pop();
        self.finish_type_params_unit(result, stmt_range, Vec::new())
    }

    /// Inside the type-parameter scope of a generic class: returns the class.
    fn lower_generic_class_body(
        &mut self,
        class: &'a StmtClassDef,
        type_params: &'a TypeParams,
        qualname: &str,
        first_line: u32,
        stmt_range: TextRange,
    ) -> LowerResult<Value> {
        let params = self.lower_type_params(type_params)?;
        self.set_loc(stmt_range);
        self.store_name(".type_params", params);
        let [build_class, func, name] =
            self.lower_class_body(class, qualname, first_line, stmt_range, true)?;
        let params = self.load_name(".type_params");
        let generic = self.b().ins(
            Op::CallIntrinsic,
            Imm::Intrinsic(Intrinsic::SubscriptGeneric),
            [params],
        );
        self.store_name(".generic_base", generic);
        self.call_with_extra_base(
            build_class,
            vec![func, name],
            class.arguments.as_deref(),
            ".generic_base",
            stmt_range,
        )
    }

    /// `callee(*leading, <bases>, <extra>, <keywords>)` where `extra` is a variable loaded
    /// after the bases are evaluated (`codegen_call_helper` with an appended base).
    fn call_with_extra_base(
        &mut self,
        callee: Value,
        leading: Vec<Value>,
        arguments: Option<&'a Arguments>,
        extra: &str,
        range: TextRange,
    ) -> LowerResult<Value> {
        let (args, keywords) = match arguments {
            Some(arguments) => (&arguments.args[..], &arguments.keywords[..]),
            None => (&[][..], &[][..]),
        };
        let has_star = args.iter().any(Expr::is_starred_expr);
        let has_double_star = keywords.iter().any(|keyword| keyword.arg.is_none());
        if !has_star && !has_double_star {
            let mut operands = vec![callee];
            operands.extend(leading);
            for arg in args {
                operands.push(self.lower_expr(arg)?);
            }
            self.set_loc(range);
            operands.push(self.load_name(extra));
            if keywords.is_empty() {
                return Ok(self.b().ins(Op::Call, Imm::None, operands));
            }
            let mut names = Vec::new();
            for keyword in keywords {
                let name = keyword
                    .arg
                    .as_ref()
                    .map_or(String::new(), |arg| arg.to_string());
                names.push(Const::Str(name));
                operands.push(self.lower_expr(&keyword.value)?);
            }
            self.set_loc(range);
            let names = self.b().func.add_const(Const::Tuple(names));
            return Ok(self.b().ins(Op::CallKw, Imm::Const(names), operands));
        }
        let list = self.b().ins(Op::BuildList, Imm::None, leading);
        for arg in args {
            match arg {
                Expr::Starred(starred) => {
                    let value = self.lower_expr(&starred.value)?;
                    self.set_loc(arg.range());
                    self.b().ins_void(Op::ListExtend, Imm::None, [list, value]);
                }
                _ => {
                    let value = self.lower_expr(arg)?;
                    self.b().ins_void(Op::ListAppend, Imm::None, [list, value]);
                }
            }
        }
        self.set_loc(range);
        let extra = self.load_name(extra);
        self.b().ins_void(Op::ListAppend, Imm::None, [list, extra]);
        let tuple = self.b().ins(
            Op::CallIntrinsic,
            Imm::Intrinsic(Intrinsic::ListToTuple),
            [list],
        );
        if keywords.is_empty() {
            return Ok(self.b().ins(Op::CallEx, Imm::None, [callee, tuple]));
        }
        let dict = self.b().ins(Op::BuildMap, Imm::None, []);
        for keyword in keywords {
            let value = self.lower_expr(&keyword.value)?;
            self.set_loc(keyword.range);
            match &keyword.arg {
                Some(name) => {
                    let key = self.b().constant(Const::Str(name.to_string()));
                    self.b()
                        .ins_void(Op::DictSet, Imm::None, [dict, key, value]);
                }
                None => self
                    .b()
                    .ins_void(Op::DictMerge, Imm::None, [callee, dict, value]),
            }
        }
        self.set_loc(range);
        Ok(self.b().ins(Op::CallEx, Imm::None, [callee, tuple, dict]))
    }

    /// The type-parameter scope of a generic definition.
    fn type_params_scope(&self, range: TextRange) -> LowerResult<ScopeId> {
        self.table
            .lookup(ScopeKey::TypeParams(range))
            .ok_or_else(|| self.error(range, "internal error: type parameters have no scope"))
    }

    /// Enters `<generic parameters of NAME>` with `argcount` hidden parameters.
    fn enter_type_params_unit(
        &mut self,
        scope: ScopeId,
        name: &str,
        first_line: u32,
        argcount: usize,
    ) {
        let code_name = format!("<generic parameters of {name}>");
        let qualname = self.code_qualname(&code_name, false);
        let loc = self.b().loc;
        self.enter_unit(
            scope,
            FunctionKind::TypeParams,
            &code_name,
            qualname,
            first_line,
        );
        self.b().loc = loc;
        let nested = self.is_nested_scope(scope);
        let func = &mut self.b().func;
        func.argcount = argcount as u32;
        if nested {
            func.flags.insert(CodeFlags::NESTED);
        }
    }

    /// Returns `result` from the type-parameter code object, leaves it, and calls it in the
    /// enclosing unit with `arguments`. On error the unit is still left, so the unit stack
    /// stays balanced.
    fn finish_type_params_unit(
        &mut self,
        result: LowerResult<Value>,
        range: TextRange,
        arguments: Vec<Value>,
    ) -> LowerResult<Value> {
        let value = match result {
            Ok(value) => value,
            Err(error) => {
                self.pop_unit();
                return Err(error);
            }
        };
        self.set_loc(range);
        self.b().terminate(Terminator::Return(value));
        let code = self.exit_unit();
        self.set_loc(range);
        let function = self.make_function(code, None, None, None);
        let mut operands = vec![function];
        operands.extend(arguments);
        Ok(self.b().ins(Op::Call, Imm::None, operands))
    }
}
