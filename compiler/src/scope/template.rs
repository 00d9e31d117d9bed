//! The `__annotate__` scopes of functions without annotations, which stand for their
//! symbols instead of holding them.
//!
//! Every function gets an annotation scope (see [`super::ScopeKey`]), and most functions
//! have no annotations: half of all scopes are such a scope, holding the `.format`
//! parameter and, in a class, a read of `__classdict__`. Built like any other scope, each
//! cost a symbol list, a parameter list and their frees, and in the finished table two
//! more lists of its own. A templated scope holds neither: the analysis resolves it
//! without looking at its symbols, and the table gives it a list shared by all of them.
//! Should the analysis need to look after all (a class that binds `__classdict__`
//! itself, or a generic method's scope), the scope is given its symbols first.

use super::builder::Builder;
use super::flags::{DEF_PARAM, USE};
use super::{ScopeKey, ScopeKind, Symbol, SymbolScope};
use ruff_text_size::TextRange;
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

/// The parameters of every templated scope.
static PARAMS: [Cow<'static, str>; 1] = [Cow::Borrowed(".format")];

impl Template {
    /// The scope's symbols as the analysis resolves them.
    pub(super) fn symbols(self) -> &'static [Symbol<'static>] {
        match self {
            Template::Format => &FORMAT,
            Template::FormatClassdict => &FORMAT_CLASSDICT,
        }
    }

    /// The scope's parameters.
    pub(super) fn params() -> &'static [Cow<'static, str>] {
        &PARAMS
    }
}

impl<'a> Builder<'a> {
    /// Enters and leaves the annotation scope `key` of a function without annotations,
    /// whose `def` name is at `range`: [`Builder::enter_block`] and
    /// [`Builder::add_classdict_use`] as for any function, without the symbols.
    pub(super) fn templated_annotation_block(
        &mut self,
        key: ScopeKey,
        range: TextRange,
        in_class: bool,
    ) {
        let id = self.enter_bare_block("__annotate__", ScopeKind::Annotation, key, range, true);
        let scope = &mut self.scopes[id];
        scope.can_see_class_scope = in_class;
        scope.template = Some(if in_class {
            Template::FormatClassdict
        } else {
            Template::Format
        });
        self.exit_block();
    }

    /// Gives scope `id`, if templated, the symbols it stands for, as the walk would have
    /// recorded them.
    pub(super) fn materialize(&mut self, id: usize) {
        let Some(template) = self.scopes[id].template.take() else {
            return;
        };
        self.add_format_param(id);
        if template == Template::FormatClassdict {
            self.push_classdict_use(id);
        }
    }
}
