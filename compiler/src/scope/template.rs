//! The `__annotate__` scopes of functions without annotations, which stand for their
//! symbols instead of holding them.
//!
//! Every function gets an annotation scope (see [`super::ScopeKey`]), and most functions
//! have no annotations: half of all scopes are such a scope, holding the `.format`
//! parameter and, in a class, a read of `__classdict__`. Built like any other scope, each
//! cost a symbol list, a parameter list and their frees, and in the finished table two
//! more lists of its own. A templated scope is not even a scope while the table is built:
//! its function records which template it is, the analysis resolves it without looking at
//! symbols, and the table gives it its place before the function, with a list shared by all
//! of them. Should the analysis need to look after all (a class that binds `__classdict__`
//! itself, or a generic method's scope), the scope is made, with its symbols, first.

use super::builder::Builder;
use super::flags::{DEF_PARAM, USE};
use super::{ScopeKey, ScopeKind, Symbol, SymbolScope};
use std::borrow::Cow;

/// Which fixed list of symbols a templated scope stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Template {
    /// `.format` alone: a function outside classes.
    Format,
    /// `.format` and a read of `__classdict__`: a function whose annotations could see a
    /// class namespace.
    FormatClassdict,
}

/// The finished symbols of a [`Template::Format`] scope.
static FORMAT: [Symbol<'static>; 1] = [Symbol {
    name: Cow::Borrowed(".format"),
    scope: SymbolScope::Local,
    flags: DEF_PARAM | USE,
}];

/// The finished symbols of a [`Template::FormatClassdict`] scope directly in a class that
/// does not bind `__classdict__` (the only such scope that stays templated).
static FORMAT_CLASSDICT: [Symbol<'static>; 2] = [
    Symbol {
        name: Cow::Borrowed(".format"),
        scope: SymbolScope::Local,
        flags: DEF_PARAM | USE,
    },
    Symbol {
        name: Cow::Borrowed("__classdict__"),
        scope: SymbolScope::Free,
        flags: USE,
    },
];

impl Template {
    /// The scope's symbols as the analysis resolves them.
    pub(super) fn symbols(self) -> &'static [Symbol<'static>] {
        match self {
            Template::Format => &FORMAT,
            Template::FormatClassdict => &FORMAT_CLASSDICT,
        }
    }
}

impl<'a> Builder<'a> {
    /// Records the annotation scope of `function`, a function without annotations, as its
    /// template: [`Builder::enter_block`] and [`Builder::add_classdict_use`] as for any
    /// function, without the symbols and without a scope of its own while the table is
    /// built. The table gives it its place right before the function (see
    /// [`Builder::into_table`]).
    pub(super) fn templated_annotation_block(&mut self, function: usize, in_class: bool) {
        // Under `from __future__ import annotations` the scope would stay out of the tree.
        if self.future_annotations {
            return;
        }
        self.templated_annotations += 1;
        self.scopes[function].annotation_template = Some(if in_class {
            Template::FormatClassdict
        } else {
            Template::Format
        });
    }

    /// Gives the templated annotation scope of `function`, the child at `position` of
    /// `parent`, a scope of its own with the symbols it stands for, as the walk would have
    /// recorded them: a child of `parent` right before the function. Returns the scope.
    pub(super) fn materialize(&mut self, parent: usize, position: usize, function: usize) -> usize {
        let template = self.scopes[function].annotation_template.take();
        let ScopeKey::Function(range) = self.scopes[function].key else {
            unreachable!("only functions have templated annotation scopes");
        };
        let lineno = self.scopes[function].lineno;
        let id = self.new_scope(
            ScopeKind::Annotation,
            "__annotate__",
            ScopeKey::Annotation(range),
            lineno,
        );
        // As entering it right before the function (in the same scope) made it.
        let (private, mangled_names) = {
            let function = &self.scopes[function];
            (function.private.clone(), function.mangled_names)
        };
        let scope = &mut self.scopes[id];
        scope.parent = Some(parent as u32);
        scope.links = 1;
        scope.private = private;
        scope.mangled_names = mangled_names;
        scope.can_see_class_scope = template == Some(Template::FormatClassdict);
        self.scopes[parent].children.insert(position, id as u32);
        self.add_format_param(id);
        if template == Some(Template::FormatClassdict) {
            self.push_classdict_use(id);
        }
        id
    }
}
