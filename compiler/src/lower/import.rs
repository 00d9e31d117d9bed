//! `import` and `from … import` (CPython's `codegen_import`, `codegen_import_as` and
//! `codegen_from_import`), and the `__future__` rules of Python/future.c.

use super::{LowerResult, Lowerer};
use crate::diagnostics::SyntaxDiagnostic;
use crate::ir::{Const, Imm, Intrinsic, Op, Value};
use crate::scope::ScopeKind;
use ruff_python_ast::{self as ast, Stmt};
use ruff_text_size::TextRange;

/// Every feature name `from __future__ import` accepts (Lib/__future__.py).
const FUTURE_FEATURES: &[&str] = &[
    "nested_scopes",
    "generators",
    "division",
    "absolute_import",
    "with_statement",
    "print_function",
    "unicode_literals",
    "barry_as_FLUFL",
    "generator_stop",
    "annotations",
];

impl<'a> Lowerer<'a> {
    /// Checks the module's leading `from __future__ import` statements (after the
    /// docstring), records which features they enable, and the line of the last one:
    /// any `__future__` import after it is an error (CPython's `future_parse`).
    pub(crate) fn scan_future_imports(&mut self, body: &'a [Stmt]) -> LowerResult<()> {
        let start = usize::from(super::stmt::docstring_of(body).is_some());
        for stmt in &body[start.min(body.len())..] {
            let Stmt::ImportFrom(import) = stmt else {
                break;
            };
            if import
                .module
                .as_ref()
                .is_none_or(|m| m.id.as_str() != "__future__")
            {
                break;
            }
            for alias in &import.names {
                let feature = alias.name.id.as_str();
                if feature == "braces" {
                    return Err(self.future_error(import.range, "not a chance"));
                }
                if !FUTURE_FEATURES.contains(&feature) {
                    return Err(self.future_error(
                        import.range,
                        format!("future feature {feature} is not defined"),
                    ));
                }
                if feature == "annotations" {
                    self.future_annotations = true;
                }
            }
            self.future_line = self.line_col(import.range.start()).0;
        }
        Ok(())
    }

    /// An error of CPython's future scan (`future.c`), which gives only the statement's
    /// line and first column.
    fn future_error(&self, range: TextRange, message: impl Into<String>) -> Box<SyntaxDiagnostic> {
        let mut error = self.error(range, message);
        error.end_lineno = error.lineno;
        error.end_offset = 0;
        error
    }

    /// `import a.b.c` binds `a`; `import a.b.c as d` binds the submodule `c`, reached with
    /// `import_from` from the top-level package as CPython 3.14 does.
    pub(crate) fn lower_import(&mut self, stmt: &'a ast::StmtImport) -> LowerResult<()> {
        for alias in &stmt.names {
            let full = alias.name.id.as_str();
            let module = self.emit_import_name(full, Const::None, 0);
            match &alias.asname {
                Some(asname) => {
                    let mut value = module;
                    for part in full.split('.').skip(1) {
                        let part = self.mangle(part);
                        let id = self.b().func.add_name(&part);
                        value = self.b().ins(Op::ImportFrom, Imm::Name(id), [value]);
                    }
                    self.store_name(asname.id.as_str(), value);
                }
                None => {
                    let top = full.split('.').next().unwrap_or(full);
                    self.store_name(top, module);
                }
            }
        }
        Ok(())
    }

    /// `from [.…]module import names` and `from module import *`.
    pub(crate) fn lower_import_from(&mut self, stmt: &'a ast::StmtImportFrom) -> LowerResult<()> {
        let module_name = stmt.module.as_ref().map_or("", |m| m.id.as_str());
        if module_name == "__future__" && self.line_col(stmt.range.start()).0 > self.future_line {
            return Err(self.error(
                stmt.range,
                "from __future__ imports must occur at the beginning of the file",
            ));
        }
        if let [alias] = &stmt.names[..]
            && alias.name.id.as_str() == "*"
        {
            if self.unit_scope().kind != ScopeKind::Module {
                return Err(self.error(alias.range, "import * only allowed at module level"));
            }
            let fromlist = Const::Tuple(vec![Const::Str("*".to_owned())]);
            let module = self.emit_import_name(module_name, fromlist, stmt.level);
            self.b().ins(
                Op::CallIntrinsic,
                Imm::Intrinsic(Intrinsic::ImportStar),
                [module],
            );
            return Ok(());
        }
        let fromlist = Const::Tuple(
            stmt.names
                .iter()
                .map(|a| Const::Str(a.name.id.to_string()))
                .collect(),
        );
        let module = self.emit_import_name(module_name, fromlist, stmt.level);
        for alias in &stmt.names {
            let imported = self.mangle(alias.name.id.as_str());
            let id = self.b().func.add_name(&imported);
            let value = self.b().ins(Op::ImportFrom, Imm::Name(id), [module]);
            let bound = alias.asname.as_ref().unwrap_or(&alias.name);
            self.store_name(bound.id.as_str(), value);
        }
        Ok(())
    }

    /// `__import__(name, globals, locals, fromlist, level)`.
    fn emit_import_name(&mut self, name: &str, fromlist: Const, level: u32) -> Value {
        let fromlist = self.b().constant(fromlist);
        let level = self.b().int_constant(u64::from(level));
        // CPython mangles every name operand, so `import __m` in a class imports `_C__m`.
        let name = self.mangle(name);
        let id = self.b().func.add_name(&name);
        self.b()
            .ins(Op::ImportName, Imm::Name(id), [fromlist, level])
    }
}
