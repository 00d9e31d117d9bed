//! Scope analysis: the equivalent of CPython's `symtable` (Python/symtable.c).
//!
//! [`SymbolTable::build`] walks a parsed module once and produces one [`Scope`] per code
//! block: the module, each class, function and lambda, each comprehension (PEP 709 inlined
//! ones are marked [`Scope::comp_inlined`]), each PEP 649 annotation scope, and each PEP 695
//! type-parameter, type-alias and TypeVar-bound scope. Every name in a scope is resolved to
//! a [`SymbolScope`] exactly as CPython resolves it, so lowering only asks, never decides.
//!
//! Scope errors (`nonlocal declaration not allowed at module level`, `name 'x' is used prior
//! to global declaration`, …) come back as [`SyntaxDiagnostic`]s with CPython's text.

use crate::diagnostics::SyntaxDiagnostic;
use ruff_text_size::TextRange;
use std::borrow::Cow;
use symbol_index::SymbolIndex;

/// Index of a scope in [`SymbolTable::scopes`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ScopeId(pub u32);

/// What kind of code block a scope is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScopeKind {
    Module,
    Class,
    Function,
    Lambda,
    /// A list/set/dict comprehension or generator expression.
    Comprehension,
    /// A PEP 649 `__annotate__` scope of a module, class or function.
    Annotation,
    /// A PEP 695 scope holding a generic function's or class's type parameters.
    TypeParams,
    /// The lazily evaluated value of a `type X = …` statement.
    TypeAlias,
    /// The lazily evaluated bound, constraints or default of one type parameter.
    TypeVarBound,
}

/// Identifies the AST node that opens a scope. Ranges are the node's full `TextRange`:
///
/// | key | node |
/// |---|---|
/// | `Function(r)` | the `StmtFunctionDef` |
/// | `Lambda(r)` | the `ExprLambda` |
/// | `Class(r)` | the `StmtClassDef` |
/// | `Comprehension(r)` | the `ExprListComp`/`ExprSetComp`/`ExprDictComp`/`ExprGenerator` |
/// | `Annotation(r)` | the owner: the `StmtFunctionDef` (its parameter and return annotations), the `StmtClassDef` (the annotated assignments of its body), or [`SymbolTable::module_range`] (`0..source.len()`) for module-level annotated assignments |
/// | `TypeParams(r)` | the `StmtFunctionDef`, `StmtClassDef` or `StmtTypeAlias` that has type parameters |
/// | `TypeAlias(r)` | the `StmtTypeAlias` |
/// | `TypeVarBound(r)` | the bound, constraint tuple or default expression itself |
///
/// Every function (not lambda) gets an `Annotation` scope, as in CPython 3.14, even when it
/// has no annotations ([`Scope::annotations_used`] tells whether any exist); inside a class it
/// reads `__classdict__`, which is why every class with a method has
/// [`Scope::needs_classdict`]. Under `from __future__ import annotations` no `Annotation`
/// scope exists at all, and annotations inside function bodies never get one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScopeKey {
    Module,
    Function(TextRange),
    Lambda(TextRange),
    Class(TextRange),
    Comprehension(TextRange),
    Annotation(TextRange),
    TypeParams(TextRange),
    TypeAlias(TextRange),
    TypeVarBound(TextRange),
}

/// How a name resolves inside one scope (CPython's `LOCAL`, `GLOBAL_EXPLICIT`,
/// `GLOBAL_IMPLICIT`, `FREE`, `CELL`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SymbolScope {
    Local,
    GlobalExplicit,
    GlobalImplicit,
    Free,
    Cell,
}

/// Symbol flags, as CPython's `DEF_*` bits.
pub mod flags {
    /// Any binding: CPython's `DEF_BOUND`.
    pub const DEF_BOUND: u32 = DEF_LOCAL | DEF_PARAM | DEF_IMPORT;
    pub const DEF_GLOBAL: u32 = 1;
    pub const DEF_LOCAL: u32 = 2;
    pub const DEF_PARAM: u32 = 4;
    pub const DEF_NONLOCAL: u32 = 8;
    pub const USE: u32 = 0x10;
    pub const DEF_FREE_CLASS: u32 = 0x40;
    pub const DEF_IMPORT: u32 = 0x80;
    pub const DEF_ANNOT: u32 = 0x100;
    pub const DEF_COMP_ITER: u32 = 0x200;
    pub const DEF_TYPE_PARAM: u32 = 0x400;
    pub const DEF_COMP_CELL: u32 = 0x800;
}

/// One name in one scope. Names are stored *mangled* (`__x` inside class `A` is `_A__x`),
/// as CPython stores them; [`Scope::lookup`] and [`Scope::resolve`] accept either spelling.
///
/// A name is borrowed from the syntax tree the table was built from (or is a fixed text
/// such as `.format`); only a mangled name has text of its own. Owning a copy of every
/// name cost an allocation and a free per symbol.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbol<'a> {
    pub name: Cow<'a, str>,
    pub scope: SymbolScope,
    /// A combination of [`flags`] bits.
    pub flags: u32,
}

/// A list a scope owns, or one that many scopes share (a `Cow` of a slice, which unlike
/// `Cow` leaves the table covariant in the lifetime of its names).
#[derive(Debug, Clone)]
pub enum Shared<'a, T> {
    Borrowed(&'a [T]),
    Owned(Vec<T>),
}

impl<T> std::ops::Deref for Shared<'_, T> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        match self {
            Shared::Borrowed(list) => list,
            Shared::Owned(list) => list,
        }
    }
}

impl<T: Clone> Shared<'_, T> {
    /// The list, made the scope's own first if it is shared.
    pub fn to_mut(&mut self) -> &mut Vec<T> {
        if let Shared::Borrowed(list) = *self {
            *self = Shared::Owned(list.to_vec());
        }
        match self {
            Shared::Owned(list) => list,
            Shared::Borrowed(_) => unreachable!("made owned above"),
        }
    }
}

/// One code block's names and properties; its texts borrow from the syntax tree (see
/// [`Symbol`]).
#[derive(Debug, Clone)]
pub struct Scope<'a> {
    pub kind: ScopeKind,
    /// `<module>`, the function/class name, `<lambda>`, `<listcomp>`, `<genexpr>`,
    /// `__annotate__`, `<generic parameters of NAME>`, or the alias/TypeVar name.
    pub name: Cow<'a, str>,
    pub key: ScopeKey,
    pub parent: Option<ScopeId>,
    pub children: Vec<ScopeId>,
    /// Symbols in first-seen order. The many scopes with a fixed list (the `__annotate__`
    /// scopes of functions without annotations) share one, which is why this is a `Cow`.
    pub symbols: Shared<'a, Symbol<'a>>,
    symbol_index: SymbolIndex,
    /// How many of the first symbols are the first parameters (see [`Scope::params`]): the
    /// builder records a scope's parameters before its other names, so most scopes keep
    /// no list of parameters of their own, which was an allocation and a free per function.
    leading_params: u32,
    /// The parameters after the leading ones, in the rare scopes where they are not the
    /// next symbols (the `.defaults` of a generic function's type-parameter scope).
    more_params: Vec<Cow<'a, str>>,
    pub is_generator: bool,
    pub is_coroutine: bool,
    pub has_varargs: bool,
    pub has_varkeywords: bool,
    /// A comprehension inlined into its parent by PEP 709 (not a generator expression).
    pub comp_inlined: bool,
    /// A class body whose methods use `super()` or `__class__`: it owns a `__class__` cell.
    pub needs_class_closure: bool,
    /// A class body whose annotation/type-param children read its namespace: it owns a
    /// `__classdict__` cell.
    pub needs_classdict: bool,
    /// An annotation or type-param scope directly inside a class that may read the class
    /// namespace through `__classdict__` (`load_from_dict_or_*`).
    pub can_see_class_scope: bool,
    /// The first line of the node that opens the scope (the `def`/`class` line, not a
    /// decorator's; 0 for the module, as CPython's symtable reports it).
    pub lineno: u32,
    /// A module or class body with annotated assignments inside `if`/`for`/`while`/`try`/
    /// `with`/`match`: it keeps a `__conditional_annotations__` set (a cell in classes).
    pub has_conditional_annotations: bool,
    /// Annotations were seen: on an `Annotation` scope, whether the function has any
    /// parameter/return annotation; on a module/class/function, whether it has an
    /// annotated assignment.
    pub annotations_used: bool,
    /// The class name private names are mangled with here (`None` outside classes).
    /// Shared by every scope of the class body, as the builder hands it down.
    pub private: Option<std::rc::Rc<str>>,
    /// In the type-parameter scope of a generic class (and the bound scopes inside it) only
    /// these names (the type parameters) are mangled.
    mangled_names: Option<Vec<String>>,
    /// A class body's `__static_attributes__`: the names stored through `self.<name>`
    /// anywhere in its body, including the functions nested in it but not the bodies of
    /// the classes nested in it, sorted and without repeats. Empty in other scopes.
    /// Borrowed from the syntax tree: lowering copies each into a constant anyway.
    pub static_attributes: Vec<&'a str>,
}

impl<'a> Scope<'a> {
    /// An empty scope.
    pub fn new(
        kind: ScopeKind,
        name: impl Into<Cow<'a, str>>,
        key: ScopeKey,
        parent: Option<ScopeId>,
        lineno: u32,
    ) -> Self {
        Scope {
            kind,
            name: name.into(),
            key,
            parent,
            children: Vec::new(),
            symbols: Shared::Owned(Vec::new()),
            symbol_index: SymbolIndex::default(),
            leading_params: 0,
            more_params: Vec::new(),
            is_generator: false,
            is_coroutine: false,
            has_varargs: false,
            has_varkeywords: false,
            comp_inlined: false,
            needs_class_closure: false,
            needs_classdict: false,
            can_see_class_scope: false,
            lineno,
            has_conditional_annotations: false,
            annotations_used: false,
            private: None,
            mangled_names: None,
            static_attributes: Vec::new(),
        }
    }

    /// `name` as stored in this scope's table: CPython's `_Py_MaybeMangle`.
    pub fn mangle<'n>(&self, name: &'n str) -> std::borrow::Cow<'n, str> {
        if let Some(only) = &self.mangled_names
            && !only.iter().any(|n| n == name)
        {
            return std::borrow::Cow::Borrowed(name);
        }
        mangle(self.private.as_deref(), name)
    }

    /// Parameter names in `co_varnames` order (positional, keyword-only, `*args`,
    /// `**kwargs`).
    pub fn params(&self) -> Params<'_, 'a> {
        Params {
            leading: self.symbols[..self.leading_params as usize].iter(),
            more: self.more_params.iter(),
        }
    }

    /// The position of `name` (as stored) in [`Scope::symbols`].
    pub fn position(&self, name: &str) -> Option<usize> {
        self.symbol_index.get(name, |i| &self.symbols[i].name)
    }

    /// Looks a name up, by its stored (mangled) spelling or its source spelling.
    pub fn lookup(&self, name: &str) -> Option<&Symbol<'a>> {
        let index = match self.position(name) {
            Some(i) => Some(i),
            // Most misses are names the scope never mentions (globals, builtins), which
            // mangling leaves alone: looking the same spelling up again would be wasted.
            None => match self.mangle(name) {
                std::borrow::Cow::Owned(mangled) => self.position(&mangled),
                std::borrow::Cow::Borrowed(_) => None,
            },
        };
        index.map(|i| &self.symbols[i])
    }

    /// Looks a name up for modification.
    pub fn lookup_mut(&mut self, name: &str) -> Option<&mut Symbol<'a>> {
        self.position(name).map(|i| &mut self.symbols.to_mut()[i])
    }

    /// Adds `flag` to `name`, creating the symbol (provisionally `Local`) if new.
    pub fn add_flag(&mut self, name: Cow<'a, str>, flag: u32) -> &mut Symbol<'a> {
        let index = match self.position(&name) {
            Some(i) => i,
            None => {
                let symbols = &self.symbols;
                self.symbol_index
                    .insert_new(&name, symbols.len(), |i| &symbols[i].name);
                self.symbols.to_mut().push(Symbol {
                    name,
                    scope: SymbolScope::Local,
                    flags: 0,
                });
                self.symbols.len() - 1
            }
        };
        let symbol = &mut self.symbols.to_mut()[index];
        symbol.flags |= flag;
        symbol
    }

    /// How `name` resolves here. Names never seen in this scope resolve as
    /// `GlobalImplicit` in functions and through the locals mapping in modules and classes;
    /// both cases answer `GlobalImplicit`.
    pub fn resolve(&self, name: &str) -> SymbolScope {
        self.lookup(name)
            .map_or(SymbolScope::GlobalImplicit, |s| s.scope)
    }

    /// Names with scope `Cell`, sorted as CPython sorts `co_cellvars`. A name an inlined
    /// comprehension holds in a cell (`DEF_COMP_CELL`) is one too, even where the block's
    /// own scope for it is not `Cell` (a module or class body, which has no
    /// `analyze_cells`), as CPython's `dictbytype(CELL, DEF_COMP_CELL)`.
    pub fn cellvars(&self) -> Vec<String> {
        let mut cells: Vec<String> = self
            .symbols
            .iter()
            .filter(|s| s.scope == SymbolScope::Cell || s.flags & flags::DEF_COMP_CELL != 0)
            .map(|s| s.name.to_string())
            .collect();
        cells.sort();
        cells
    }

    /// Names with scope `Free`, in symbol order: `co_freevars` is these sorted (lowering
    /// sorts them where it keeps them, borrowed).
    pub fn freevars(&self) -> impl Iterator<Item = &str> {
        self.symbols
            .iter()
            // A class passes its methods' free variables through even when it binds the
            // same name itself (`DEF_FREE_CLASS`), as CPython's `dictbytype(FREE, DEF_FREE_CLASS)`.
            .filter(|s| s.scope == SymbolScope::Free || s.flags & flags::DEF_FREE_CLASS != 0)
            .map(|s| &*s.name)
    }
}

/// The parameter names of a scope: its leading symbols' names, then the names it lists
/// apart (see [`Scope::params`]).
#[derive(Debug, Clone)]
pub struct Params<'s, 'a> {
    leading: std::slice::Iter<'s, Symbol<'a>>,
    more: std::slice::Iter<'s, Cow<'a, str>>,
}

impl<'s> Iterator for Params<'s, '_> {
    type Item = &'s str;

    #[inline]
    fn next(&mut self) -> Option<&'s str> {
        match self.leading.next() {
            Some(symbol) => Some(&symbol.name),
            None => self.more.next().map(|name| &**name),
        }
    }

    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        let len = self.leading.len() + self.more.len();
        (len, Some(len))
    }
}

impl ExactSizeIterator for Params<'_, '_> {}

/// The scopes of one module. It borrows its names from the module's syntax tree.
#[derive(Debug, Clone, Default)]
pub struct SymbolTable<'a> {
    pub scopes: Vec<Scope<'a>>,
    by_key: key_index::ScopeKeyIndex,
    /// `from __future__ import annotations` is in effect: annotations are strings and no
    /// `Annotation` scope exists.
    pub future_annotations: bool,
    /// `0..source.len()`: the key range of the module's `Annotation` scope.
    pub module_range: TextRange,
}

impl<'a> SymbolTable<'a> {
    /// Adds a scope, linking it to its parent.
    #[inline]
    pub fn add_scope(&mut self, scope: Scope<'a>) -> ScopeId {
        let id = ScopeId(self.scopes.len() as u32);
        if let Some(parent) = scope.parent {
            self.scopes[parent.0 as usize].children.push(id);
        }
        self.by_key.insert(scope.key, id);
        self.scopes.push(scope);
        id
    }

    /// The module scope.
    pub fn root(&self) -> ScopeId {
        ScopeId(0)
    }

    pub fn scope(&self, id: ScopeId) -> &Scope<'a> {
        &self.scopes[id.0 as usize]
    }

    pub fn scope_mut(&mut self, id: ScopeId) -> &mut Scope<'a> {
        &mut self.scopes[id.0 as usize]
    }

    /// The scope a node opens.
    pub fn lookup(&self, key: ScopeKey) -> Option<ScopeId> {
        self.by_key.get(key)
    }

    /// Builds the table for a module; see the module docs.
    pub fn build(
        module: &'a ruff_python_ast::ModModule,
        source: &'a str,
        filename: &'a str,
    ) -> Result<SymbolTable<'a>, SyntaxDiagnostic> {
        let index = std::rc::Rc::new(crate::source::LineIndex::new(source));
        builder::build(module, source, filename, index)
    }

    /// [`SymbolTable::build`] with the source's line index built by the caller.
    pub fn build_indexed(
        module: &'a ruff_python_ast::ModModule,
        source: &'a str,
        filename: &'a str,
        index: &std::rc::Rc<crate::source::LineIndex>,
    ) -> Result<SymbolTable<'a>, SyntaxDiagnostic> {
        builder::build(module, source, filename, std::rc::Rc::clone(index))
    }

    /// [`SymbolTable::build_indexed`] for a module whose parse left its semantic checks to
    /// this walk (`crate::parse::parse_module_deferring_semantics`, which gives
    /// `may_declare_globals`); a compiler-phase error of those checks comes back beside the
    /// table, as the parse would have returned it.
    pub fn build_checked(
        module: &'a ruff_python_ast::ModModule,
        source: &'a str,
        filename: &'a str,
        index: &std::rc::Rc<crate::source::LineIndex>,
        may_declare_globals: bool,
    ) -> Result<(SymbolTable<'a>, Option<SyntaxDiagnostic>), SyntaxDiagnostic> {
        builder::build_checked(
            module,
            source,
            filename,
            std::rc::Rc::clone(index),
            may_declare_globals,
        )
    }
}

/// CPython's `_Py_Mangle`: `__spam` inside class `_Ham` becomes `_Ham__spam`. Dunder names,
/// dotted names and names in classes whose name is all underscores are left alone.
/// Mangling is idempotent (a mangled name starts with a single underscore).
pub fn mangle<'n>(private: Option<&str>, name: &'n str) -> std::borrow::Cow<'n, str> {
    use std::borrow::Cow;
    let Some(private) = private else {
        return Cow::Borrowed(name);
    };
    if !name.starts_with("__") || name.ends_with("__") || name.contains('.') {
        return Cow::Borrowed(name);
    }
    let stripped = private.trim_start_matches('_');
    if stripped.is_empty() {
        return Cow::Borrowed(name);
    }
    Cow::Owned(format!("_{stripped}{name}"))
}

mod analysis;
mod builder;
mod dump;
mod key_index;
mod symbol_index;
mod template;
mod walk_expr;
mod walk_stmt;
