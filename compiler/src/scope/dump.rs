//! A readable text form of a [`SymbolTable`], used by the scope snapshot tests.
//!
//! One block per scope, children indented under their parent:
//!
//! ```text
//! module <module> line 0
//!   f: local DEF_LOCAL
//!   function f line 1 [generator]
//!     params: a, b
//!     a: local DEF_PARAM|USE
//! ```

use super::flags::*;
use super::{ScopeId, ScopeKind, SymbolScope, SymbolTable};
use std::fmt::Write;

/// `DEF_*` flag names in bit order.
const FLAG_NAMES: [(u32, &str); 11] = [
    (DEF_GLOBAL, "DEF_GLOBAL"),
    (DEF_LOCAL, "DEF_LOCAL"),
    (DEF_PARAM, "DEF_PARAM"),
    (DEF_NONLOCAL, "DEF_NONLOCAL"),
    (USE, "USE"),
    (DEF_FREE_CLASS, "DEF_FREE_CLASS"),
    (DEF_IMPORT, "DEF_IMPORT"),
    (DEF_ANNOT, "DEF_ANNOT"),
    (DEF_COMP_ITER, "DEF_COMP_ITER"),
    (DEF_TYPE_PARAM, "DEF_TYPE_PARAM"),
    (DEF_COMP_CELL, "DEF_COMP_CELL"),
];

/// The lower-case name of a scope kind, as the dump prints it.
pub fn kind_name(kind: ScopeKind) -> &'static str {
    match kind {
        ScopeKind::Module => "module",
        ScopeKind::Class => "class",
        ScopeKind::Function => "function",
        ScopeKind::Lambda => "lambda",
        ScopeKind::Comprehension => "comprehension",
        ScopeKind::Annotation => "annotation",
        ScopeKind::TypeParams => "type_params",
        ScopeKind::TypeAlias => "type_alias",
        ScopeKind::TypeVarBound => "typevar_bound",
    }
}

/// The lower-case name of a resolution, as the dump prints it.
pub fn resolution_name(scope: SymbolScope) -> &'static str {
    match scope {
        SymbolScope::Local => "local",
        SymbolScope::GlobalExplicit => "global_explicit",
        SymbolScope::GlobalImplicit => "global_implicit",
        SymbolScope::Free => "free",
        SymbolScope::Cell => "cell",
    }
}

/// `DEF_LOCAL|USE`-style text for a flag set (`-` when empty).
pub fn flag_names(flags: u32) -> String {
    let names: Vec<&str> = FLAG_NAMES
        .iter()
        .filter(|(bit, _)| flags & bit != 0)
        .map(|(_, name)| *name)
        .collect();
    if names.is_empty() {
        "-".to_owned()
    } else {
        names.join("|")
    }
}

impl SymbolTable<'_> {
    /// The table as indented text (see the module docs of `scope::dump`).
    pub fn dump(&self) -> String {
        let mut out = String::new();
        if self.future_annotations {
            out.push_str("future annotations\n");
        }
        if !self.scopes.is_empty() {
            self.dump_scope(self.root(), 0, &mut out);
        }
        out
    }

    fn dump_scope(&self, id: ScopeId, depth: usize, out: &mut String) {
        let scope = self.scope(id);
        let indent = "  ".repeat(depth);
        let properties: Vec<&str> = [
            (scope.is_generator, "generator"),
            (scope.is_coroutine, "coroutine"),
            (scope.has_varargs, "varargs"),
            (scope.has_varkeywords, "varkeywords"),
            (scope.comp_inlined, "comp_inlined"),
            (scope.needs_class_closure, "needs_class_closure"),
            (scope.needs_classdict, "needs_classdict"),
            (scope.can_see_class_scope, "can_see_class_scope"),
            (
                scope.has_conditional_annotations,
                "has_conditional_annotations",
            ),
            (scope.annotations_used, "annotations_used"),
        ]
        .into_iter()
        .filter_map(|(on, name)| on.then_some(name))
        .collect();
        let _ = write!(
            out,
            "{indent}{} {} line {}",
            kind_name(scope.kind),
            scope.name,
            scope.lineno
        );
        if !properties.is_empty() {
            let _ = write!(out, " [{}]", properties.join(" "));
        }
        out.push('\n');
        let params: Vec<&str> = scope.params().collect();
        if !params.is_empty() {
            let _ = writeln!(out, "{indent}  params: {}", params.join(", "));
        }
        for symbol in scope.symbols.iter() {
            let _ = writeln!(
                out,
                "{indent}  {}: {} {}",
                symbol.name,
                resolution_name(symbol.scope),
                flag_names(symbol.flags)
            );
        }
        for &child in &scope.children {
            self.dump_scope(child, depth + 1, out);
        }
    }
}
