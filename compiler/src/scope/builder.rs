//! The symbol-table builder's state: CPython 3.14's `struct symtable` and `PySTEntryObject`,
//! block entry/exit, `symtable_add_def`, diagnostics, `Python/future.c`'s check of
//! `from __future__` imports, and the conversion into a [`SymbolTable`]. The walk itself is
//! in `walk_stmt.rs` and `walk_expr.rs`.
//!
//! The walk records raw `DEF_*` flags per scope in [`RawScope`]s; `analysis.rs` then resolves
//! them (CPython's `symtable_analyze`) and [`build`] converts the reachable scopes into a
//! [`SymbolTable`]. Deliberate differences from CPython:
//! - annotations inside function bodies and annotations under `from __future__ import
//!   annotations` are walked (so their errors are reported) in *detached* scopes that never
//!   reach the table; CPython 3.14 keeps an unevaluated annotation block for the former;
//! - a generic function's type-parameter scope has the hidden `.defaults`/`.kwdefaults`
//!   parameters only when the function really has (keyword) defaults;
//! - the scope tree keeps inlined comprehensions (marked `comp_inlined`) where CPython splices
//!   their children into the parent's child list;
//! - `'yield' outside function` (a code-generation error in CPython) is reported here, after
//!   all symbol-table errors.

use super::analysis::{DUNDER_CLASSDICT, NameId, Names};
use super::flags::*;
use super::symbol_index::{SymbolIndex, name_hash};
use super::template::Template;
use super::{
    Scope, ScopeId, ScopeKey, ScopeKind, Shared, Symbol, SymbolScope, SymbolTable, mangle,
};
use crate::diagnostics::{SyntaxDiagnostic, SyntaxErrorKind};
use crate::parse::{Fused, SourceMap};
use crate::short_text::same_text;
use ruff_python_ast::{self as ast, ExprContext, Stmt};
use ruff_text_size::{TextRange, TextSize};
use rustc_hash::FxHashSet;
use std::borrow::Cow;

pub(super) type NameSet = FxHashSet<String>;
pub(super) type BuildResult<T> = Result<T, Box<SyntaxDiagnostic>>;

thread_local! {
    /// The scope list of the last table built on this thread, emptied: a module's scopes
    /// are large structs, and growing their list again for every module copied each of
    /// them several times (a fifth of the cost of a scope in a module of small functions).
    /// It holds no Python state, only empty slots.
    static SCOPE_BUFFER: std::cell::Cell<Vec<RawScope<'static>>> = const { std::cell::Cell::new(Vec::new()) };
}

/// `list`'s allocation, emptied, as a list of another type of the same size. The names of
/// a table borrow from its module's tree, so a buffer kept for the next module on a thread
/// must hold elements without that borrow: collecting an empty list into one of the same
/// layout reuses its allocation.
pub(super) fn emptied<T, U>(mut list: Vec<T>) -> Vec<U> {
    list.clear();
    list.into_iter().map(|_| unreachable!("emptied")).collect()
}

/// An empty scope list with room for the scopes a module of `source_len` bytes is likely
/// to have: the one the last table on this thread used, when there is one.
fn scope_buffer<'a>(source_len: usize) -> Vec<RawScope<'a>> {
    let scopes = SCOPE_BUFFER.take();
    // A scope every 24 bytes covers even a module of one-line functions (each has a
    // function and an annotation scope); most modules have far fewer.
    let likely = (source_len / 24 + 8).min(1 << 16);
    if scopes.capacity() >= likely {
        return scopes;
    }
    // A fresh list: growing the old one would copy its whole (empty) allocation.
    drop(scopes);
    Vec::with_capacity(likely)
}

/// Which comprehension a comprehension scope is (CPython's `_Py_comprehension_ty`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CompKind {
    List,
    Set,
    Dict,
    Generator,
}

/// One name while the table is being built: 32 bytes, the size of the [`Symbol`] it
/// becomes, so that a scope's list turns into the table's in place.
#[derive(Debug, Clone)]
pub(super) struct RawSymbol<'a> {
    pub name: Cow<'a, str>,
    /// The name's id among the module's names (see `analysis.rs`).
    pub id: NameId,
    /// The `DEF_*` bits, all of which fit in 16 (see [`RawSymbol::flags`]).
    flags: u16,
    pub scope: SymbolScope,
    /// Dropped by `inline_comprehension` (`__class__` of a comprehension in a class body).
    pub removed: bool,
}

// Every `DEF_*` bit fits in a `RawSymbol`'s 16 bits of flags.
const _: () = assert!(
    (DEF_GLOBAL
        | DEF_LOCAL
        | DEF_PARAM
        | DEF_NONLOCAL
        | USE
        | DEF_FREE_CLASS
        | DEF_IMPORT
        | DEF_ANNOT
        | DEF_COMP_ITER
        | DEF_TYPE_PARAM
        | DEF_COMP_CELL)
        <= u16::MAX as u32
);

impl<'a> RawSymbol<'a> {
    pub(super) fn new(name: Cow<'a, str>, id: NameId, flags: u32, scope: SymbolScope) -> Self {
        RawSymbol {
            name,
            id,
            flags: narrow(flags),
            scope,
            removed: false,
        }
    }

    /// The `DEF_*` bits.
    #[inline]
    pub(super) fn flags(&self) -> u32 {
        u32::from(self.flags)
    }

    #[inline]
    pub(super) fn set_flags(&mut self, flags: u32) {
        self.flags = narrow(flags);
    }
}

/// `flags`, made only of `DEF_*` bits, in 16 bits.
#[inline]
fn narrow(flags: u32) -> u16 {
    debug_assert!(
        u16::try_from(flags).is_ok(),
        "flags {flags:#x} beyond DEF_*"
    );
    flags as u16
}

/// One scope while the table is being built: CPython's `PySTEntryObject`. Scope ids are
/// `u32`s here, and the rare `global`/`nonlocal` declarations are kept by the builder:
/// every scope is moved into the list and read by the walk, the analysis and the table,
/// so its size is paid for each of them.
#[derive(Debug)]
pub(super) struct RawScope<'a> {
    pub kind: ScopeKind,
    pub name: Cow<'a, str>,
    pub key: ScopeKey,
    pub lineno: u32,
    pub parent: Option<u32>,
    /// Ids as `u32`, the size of a [`ScopeId`], so that the list becomes the table's.
    pub children: Vec<u32>,
    /// How many scopes list this one as a child (see [`Builder::into_table`]).
    pub(super) links: u32,
    pub symbols: Vec<RawSymbol<'a>>,
    /// Some symbol was marked removed (and may have been added back since): only such a
    /// scope's list needs a look for removed symbols when it becomes the table's.
    pub(super) has_removed: bool,
    pub(super) index: SymbolIndex,
    /// How many of the first symbols are the first parameters: parameters are recorded
    /// before a scope's other names, so most scopes need no list of them (see
    /// [`RawScope::add_leading_param`]).
    pub(super) leading_params: u32,
    /// The parameters after the leading ones, when they are not the next symbols.
    pub(super) more_params: Vec<Cow<'a, str>>,
    pub is_generator: bool,
    pub is_coroutine: bool,
    pub has_varargs: bool,
    pub has_varkeywords: bool,
    pub comp_inlined: bool,
    pub needs_class_closure: bool,
    pub needs_classdict: bool,
    pub can_see_class_scope: bool,
    pub has_conditional_annotations: bool,
    pub annotations_used: bool,
    pub comprehension: Option<CompKind>,
    pub(super) comp_iter_target: bool,
    pub(super) comp_iter_expr: u32,
    pub(super) in_conditional_block: bool,
    pub(super) in_unevaluated_annotation: bool,
    pub(super) annotation_block: Option<u32>,
    pub(super) mangled_names: Option<u32>,
    pub(super) private: Option<std::rc::Rc<str>>,
    pub(super) scope_info: Option<&'static str>,
    /// A function's `__annotate__` scope when it stands for a fixed list of symbols (see
    /// `template.rs`): it has no scope here, and comes right before the function in the
    /// table.
    pub(super) annotation_template: Option<Template>,
}

impl<'a> RawScope<'a> {
    /// The position of the name whose [`name_hash`] is `hash` and whose id is `id` in
    /// [`RawScope::symbols`], removed or not.
    #[inline]
    pub(super) fn position_of(&self, hash: u32, id: NameId) -> Option<usize> {
        self.index.find(hash, |i| self.symbols[i].id == id)
    }

    /// The position of `name` in [`RawScope::symbols`], removed or not.
    pub(super) fn position(&self, name: &str) -> Option<usize> {
        self.index.get(name, |i| &self.symbols[i].name)
    }

    pub fn get(&self, name: &str) -> Option<&RawSymbol<'a>> {
        self.position(name)
            .map(|i| &self.symbols[i])
            .filter(|s| !s.removed)
    }

    pub fn get_mut(&mut self, name: &str) -> Option<&mut RawSymbol<'a>> {
        match self.position(name) {
            Some(i) if !self.symbols[i].removed => Some(&mut self.symbols[i]),
            _ => None,
        }
    }

    /// The raw flags of `name`, 0 when absent (CPython's `_PyST_GetSymbol`).
    pub fn flags(&self, name: &str) -> u32 {
        self.get(name).map_or(0, RawSymbol::flags)
    }

    /// Adds (or replaces) a symbol named `name`, whose id is `id`; returns its position.
    pub fn insert(
        &mut self,
        name: Cow<'a, str>,
        id: NameId,
        flags: u32,
        scope: SymbolScope,
    ) -> usize {
        let hash = name_hash(&name);
        match self
            .index
            .get_hashed(hash, &name, |i| &self.symbols[i].name)
        {
            // Same name: update in place rather than allocate it again.
            Some(i) => {
                let symbol = &mut self.symbols[i];
                symbol.set_flags(flags);
                symbol.scope = scope;
                symbol.removed = false;
                i
            }
            None => {
                self.push_new(hash, name, id, flags, scope);
                self.symbols.len() - 1
            }
        }
    }

    /// Adds a symbol the caller has just looked up (by its [`name_hash`] `hash`) and not
    /// found. Inline in its callers: it runs for every new symbol, where a call cost
    /// about a third of its work.
    #[inline(always)]
    pub(super) fn push_new(
        &mut self,
        hash: u32,
        name: Cow<'a, str>,
        id: NameId,
        flags: u32,
        scope: SymbolScope,
    ) {
        let symbols = &self.symbols;
        self.index
            .insert_hashed(hash, symbols.len(), |i| name_hash(&symbols[i].name));
        self.symbols.push(RawSymbol::new(name, id, flags, scope));
    }

    /// Records the parameter `name`, one of the scope's symbols, as the next in
    /// `co_varnames` order if it is the symbol after the leading parameters (as almost
    /// every parameter is); false if it must be listed apart. Out of line: the walk of
    /// every name expression inlines the definition that calls it.
    #[inline(never)]
    pub(super) fn add_leading_param(&mut self, name: &str) -> bool {
        let next = self.symbols.get(self.leading_params as usize);
        // Names are unique in a scope: the next symbol is the parameter if it has its name,
        // which it shares with the symbol unless it was mangled (`same_text` decides then).
        let is_next =
            next.is_some_and(|s| std::ptr::eq(&*s.name, name) || same_text(&s.name, name));
        if self.more_params.is_empty() && is_next {
            self.leading_params += 1;
            return true;
        }
        false
    }

    /// The parameters in `co_varnames` order, as a list.
    fn param_list(&self) -> Vec<Cow<'a, str>> {
        let leading = &self.symbols[..self.leading_params as usize];
        leading
            .iter()
            .map(|s| s.name.clone())
            .chain(self.more_params.iter().cloned())
            .collect()
    }

    pub fn remove(&mut self, name: &str) {
        if let Some(symbol) = self.get_mut(name) {
            symbol.removed = true;
            self.has_removed = true;
        }
    }

    /// CPython's `_PyST_IsFunctionLike`.
    pub fn is_function_like(&self) -> bool {
        !matches!(self.kind, ScopeKind::Module | ScopeKind::Class)
    }

    /// A `FunctionBlock` in CPython's terms: functions, lambdas and comprehensions.
    pub(super) fn is_function_block(&self) -> bool {
        matches!(
            self.kind,
            ScopeKind::Function | ScopeKind::Lambda | ScopeKind::Comprehension
        )
    }
}

/// The walk's state: CPython's `struct symtable`.
pub(super) struct Builder<'a> {
    pub(super) filename: &'a str,
    pub(super) map: SourceMap<'a>,
    pub scopes: Vec<RawScope<'a>>,
    pub(super) stack: Vec<usize>,
    /// The class name private names are mangled with (`st_private`).
    pub(super) private: Option<std::rc::Rc<str>>,
    pub(super) mangled_sets: Vec<NameSet>,
    pub(super) future_annotations: bool,
    /// Ranges of the `from __future__` imports at the top of the module.
    pub(super) future_imports: Vec<TextRange>,
    pub(super) module_range: TextRange,
    pub(super) depth: u32,
    /// A code-generation-stage error, reported only if analysis succeeds.
    pub(super) deferred: Option<Box<SyntaxDiagnostic>>,
    /// Every symbol's name, interned when the symbol is created.
    pub(super) names: Names<'a>,
    /// The parser's semantic checks, when this walk drives them (see
    /// [`build_checked`]).
    pub(super) semantic: Option<Fused<'a>>,
    /// The id of `.format`, the first symbol of every annotation-like scope (half of all
    /// scopes: every function has an annotation scope), once it is interned.
    pub(super) format_id: Option<NameId>,
    /// The class whose `__static_attributes__` a `self.<name>` store met now belongs to:
    /// the innermost class body being walked, through the functions nested in it, but not
    /// inside the type parameters of a class nested in it (CPython's
    /// `_PyCompile_MaybeAddStaticAttributeToClass` looks at the class being compiled, and
    /// lowering never compiles those there).
    pub(super) attribute_owner: Option<usize>,
    /// Each such store as (class scope, attribute name), in walk order with repeats.
    /// Collecting them here spares lowering a second walk of every class body.
    pub(super) static_attributes: Vec<(usize, &'a str)>,
    /// How many functions have a templated annotation scope (see `template.rs`), which
    /// the table adds to the builder's scopes.
    pub(super) templated_annotations: usize,
    /// `global`/`nonlocal` declarations (and walrus-implied ones) as (scope, mangled name,
    /// location), for errors found during analysis.
    pub(super) directives: Vec<(usize, String, TextRange)>,
}

/// Builds the table for `module`; see the module docs.
pub(super) fn build<'a>(
    module: &'a ast::ModModule,
    source: &'a str,
    filename: &'a str,
    index: std::rc::Rc<crate::source::LineIndex>,
) -> Result<SymbolTable<'a>, SyntaxDiagnostic> {
    let mut builder = Builder::new(source, filename, index);
    builder.run(module).map_err(|e| *e)?;
    Ok(builder.into_table())
}

/// [`build`] for a module whose parse left its semantic checks to this walk
/// (`crate::parse::parse_module_deferring_semantics`): the walk feeds them every node, so
/// the tree is walked once for both. The result is what the parse and then [`build`] would
/// give: a semantic error CPython raises before its symbol table is built wins over the
/// table's errors, and a compiler-phase one comes back beside the table.
pub(super) fn build_checked<'a>(
    module: &'a ast::ModModule,
    source: &'a str,
    filename: &'a str,
    index: std::rc::Rc<crate::source::LineIndex>,
    may_declare_globals: bool,
) -> Result<(SymbolTable<'a>, Option<SyntaxDiagnostic>), SyntaxDiagnostic> {
    let map = SourceMap::with_index(source, filename, std::rc::Rc::clone(&index));
    let mut builder = Builder::new(source, filename, index);
    builder.semantic = Some(Fused::new(source, &module.body, may_declare_globals));
    let semantic = match builder.run(module) {
        // The walk stopped early, so the checks saw part of the tree: they run on their own
        // to learn whether an error of theirs comes first.
        Err(error) => {
            crate::parse::check_semantics(&map, &module.body, may_declare_globals)?;
            return Err(*error);
        }
        Ok(()) => match builder.semantic.take() {
            Some(fused) => fused.finish(&map, &module.body),
            None => crate::parse::check_semantics(&map, &module.body, may_declare_globals),
        },
    };
    if cfg!(debug_assertions) {
        // Debug and test builds check that driving the checks from this walk changes
        // nothing.
        let alone = crate::parse::check_semantics(&map, &module.body, may_declare_globals);
        assert_eq!(
            format!("{semantic:?}"),
            format!("{alone:?}"),
            "fused semantic checks disagree in {filename}"
        );
    }
    let compile_error = semantic?;
    Ok((builder.into_table(), compile_error))
}

impl<'a> Builder<'a> {
    pub(super) fn new(
        source: &'a str,
        filename: &'a str,
        index: std::rc::Rc<crate::source::LineIndex>,
    ) -> Self {
        let len = u32::try_from(source.len()).unwrap_or(u32::MAX);
        Builder {
            filename,
            map: SourceMap::with_index(source, filename, index),
            scopes: scope_buffer(source.len()),
            stack: Vec::new(),
            private: None,
            mangled_sets: Vec::new(),
            future_annotations: false,
            future_imports: Vec::new(),
            module_range: TextRange::new(TextSize::new(0), TextSize::new(len)),
            depth: 0,
            deferred: None,
            names: Names::new(),
            semantic: None,
            format_id: None,
            attribute_owner: None,
            static_attributes: Vec::new(),
            templated_annotations: 0,
            directives: Vec::new(),
        }
    }

    pub(super) fn run(&mut self, module: &'a ast::ModModule) -> BuildResult<()> {
        self.check_future_imports(&module.body)?;
        let root = self.new_scope(ScopeKind::Module, "<module>", ScopeKey::Module, 0);
        // Most top-level statements bind a name (imports, functions, classes,
        // assignments): room for that many spares growing the module's lists step by step.
        let module_scope = &mut self.scopes[root];
        module_scope.symbols.reserve(module.body.len());
        module_scope.index.reserve(module.body.len());
        self.enter_existing(root, true);
        self.visit_body(&module.body)?;
        self.exit_block();
        self.analyze_module(root)?;
        match self.deferred.take() {
            Some(error) => Err(error),
            None => Ok(()),
        }
    }

    // ---- diagnostics ------------------------------------------------------------------

    /// 1-based line and 0-based byte column of `offset`.
    pub(super) fn line_col(&self, offset: TextSize) -> (u32, usize) {
        let (line, col) = self.map.index.line_col(offset);
        (line, col as usize)
    }

    /// A `SyntaxError` at `range`, with 1-based character offsets like `Lowerer::error`.
    pub(super) fn error(
        &self,
        range: TextRange,
        message: impl Into<String>,
    ) -> Box<SyntaxDiagnostic> {
        Box::new(self.map.at_range(
            SyntaxErrorKind::SyntaxError,
            &message.into(),
            range.start(),
            range.end(),
        ))
    }

    pub(super) fn line_of(&self, offset: TextSize) -> u32 {
        self.line_col(offset).0
    }

    // ---- scopes -----------------------------------------------------------------------

    pub(super) fn cur(&self) -> usize {
        self.stack.last().copied().unwrap_or(0)
    }

    /// CPython's `ste_new`: a scope not yet linked into the tree.
    pub(super) fn new_scope(
        &mut self,
        kind: ScopeKind,
        name: impl Into<Cow<'a, str>>,
        key: ScopeKey,
        lineno: u32,
    ) -> usize {
        self.scopes.push(RawScope {
            kind,
            name: name.into(),
            key,
            lineno,
            parent: None,
            children: Vec::new(),
            links: 0,
            symbols: Vec::new(),
            has_removed: false,
            index: SymbolIndex::default(),
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
            has_conditional_annotations: false,
            annotations_used: false,
            comprehension: None,
            comp_iter_target: false,
            comp_iter_expr: 0,
            in_conditional_block: false,
            in_unevaluated_annotation: false,
            annotation_block: None,
            mangled_names: None,
            private: None,
            scope_info: None,
            annotation_template: None,
        });
        self.scopes.len() - 1
    }

    /// CPython's `symtable_enter_existing_block`. `link` false keeps the scope out of the
    /// tree (detached); so do annotation scopes under `from __future__ import annotations`.
    pub(super) fn enter_existing(&mut self, id: usize, link: bool) {
        let prev = self.stack.last().copied();
        self.stack.push(id);
        self.scopes[id].private = self.private.clone();
        if let Some(prev) = prev {
            // bpo-37757: walrus is rejected anywhere inside a comprehension's iterable.
            self.scopes[id].comp_iter_expr = self.scopes[prev].comp_iter_expr;
            if self.scopes[prev].mangled_names.is_some() && self.scopes[id].kind != ScopeKind::Class
            {
                self.scopes[id].mangled_names = self.scopes[prev].mangled_names;
            }
        }
        if !link || (self.future_annotations && self.scopes[id].kind == ScopeKind::Annotation) {
            return;
        }
        if let Some(prev) = prev {
            // CPython appends a re-entered module/class annotation block again; analysing
            // it once is equivalent.
            // A scope is only ever linked here, together with its parent, so the parent
            // answers the membership question without scanning the children (a module of
            // thousands of functions made that scan quadratic).
            let linked = match self.scopes[id].parent {
                None => false,
                Some(parent) if parent as usize == prev => true,
                Some(_) => self.scopes[prev].children.contains(&(id as u32)),
            };
            if !linked {
                self.scopes[prev].children.push(id as u32);
                self.scopes[id].links += 1;
                self.scopes[id].parent = Some(prev as u32);
            }
        }
    }

    /// CPython's `symtable_enter_block`.
    pub(super) fn enter_block(
        &mut self,
        name: impl Into<Cow<'a, str>>,
        kind: ScopeKind,
        key: ScopeKey,
        range: TextRange,
        link: bool,
    ) -> BuildResult<usize> {
        let id = self.enter_bare_block(name, kind, key, range, link);
        if matches!(
            kind,
            ScopeKind::Annotation | ScopeKind::TypeVarBound | ScopeKind::TypeAlias
        ) {
            // The `format` argument of `__annotate__`-style functions, defined and used
            // (one definition with both flags records the same as two in a row).
            self.add_format_param(id);
        }
        Ok(id)
    }

    /// [`Builder::enter_block`] without the `.format` parameter of annotation-like scopes.
    pub(super) fn enter_bare_block(
        &mut self,
        name: impl Into<Cow<'a, str>>,
        kind: ScopeKind,
        key: ScopeKey,
        range: TextRange,
        link: bool,
    ) -> usize {
        let lineno = self.line_of(range.start());
        let id = self.new_scope(kind, name, key, lineno);
        self.enter_existing(id, link);
        id
    }

    /// `add_def(".format", DEF_PARAM | USE)` in the fresh scope `id`, without the checks
    /// and lookups that cannot find anything there: the name is not `__debug__`, is never
    /// mangled, and the scope has no symbols yet.
    pub(super) fn add_format_param(&mut self, id: usize) {
        const FORMAT: &str = ".format";
        let hash = name_hash(FORMAT);
        let name_id = match self.format_id {
            Some(name_id) => name_id,
            None => *self
                .format_id
                .insert(self.names.id_hashed(hash, Cow::Borrowed(FORMAT))),
        };
        let scope = &mut self.scopes[id];
        debug_assert!(scope.symbols.is_empty() && !scope.comp_iter_target);
        scope.push_new(
            hash,
            Cow::Borrowed(FORMAT),
            name_id,
            DEF_PARAM | USE,
            SymbolScope::Local,
        );
        scope.leading_params = 1;
    }

    /// `add_def("__classdict__", USE)` in the scope just entered, which holds at most
    /// `.format`: the name is never mangled (it ends with `__`), needs no check, and its
    /// id is fixed, so it is added without the lookups (one for every method in a class).
    pub(super) fn add_classdict_use(&mut self) {
        self.push_classdict_use(self.cur());
    }

    /// [`Builder::add_classdict_use`] in scope `id`.
    pub(super) fn push_classdict_use(&mut self, id: usize) {
        const CLASSDICT: &str = "__classdict__";
        let scope = &mut self.scopes[id];
        debug_assert!(
            !scope.comp_iter_target && scope.symbols.iter().all(|s| s.name != CLASSDICT),
            "a fresh scope"
        );
        let hash = name_hash(CLASSDICT);
        scope.push_new(
            hash,
            Cow::Borrowed(CLASSDICT),
            DUNDER_CLASSDICT,
            USE,
            SymbolScope::Local,
        );
    }

    pub(super) fn exit_block(&mut self) {
        self.stack.pop();
    }

    // ---- definitions ------------------------------------------------------------------

    /// `_Py_MaybeMangle(st_private, ste, name)`.
    #[inline]
    pub(super) fn mangle_in<'n>(&self, ste: usize, name: &'n str) -> std::borrow::Cow<'n, str> {
        // Outside classes nothing is mangled, and inside them only `__`-prefixed names
        // can be: most names are decided by these two tests, inline at every definition.
        if self.private.is_none() || !name.starts_with("__") {
            return std::borrow::Cow::Borrowed(name);
        }
        self.mangle_private(ste, name)
    }

    /// The rest of [`Builder::mangle_in`], for a `__` name inside a class.
    #[cold]
    fn mangle_private<'n>(&self, ste: usize, name: &'n str) -> std::borrow::Cow<'n, str> {
        if let Some(set) = self.scopes[ste].mangled_names
            && !self.mangled_sets[set as usize].contains(name)
        {
            return std::borrow::Cow::Borrowed(name);
        }
        // Borrowed unless the name really is mangled: this runs for every name use.
        mangle(self.private.as_deref(), name)
    }

    /// `symtable_lookup_entry`: the flags of `name` in scope `ste`.
    pub(super) fn lookup_in(&self, ste: usize, name: &str) -> u32 {
        let mangled = self.mangle_in(ste, name);
        self.scopes[ste].flags(&mangled)
    }

    #[inline]
    pub(super) fn add_def(
        &mut self,
        name: &'a str,
        flag: u32,
        range: TextRange,
    ) -> BuildResult<()> {
        let ctx = if flag == USE {
            ExprContext::Load
        } else {
            ExprContext::Store
        };
        self.add_def_ctx(name, flag, range, ctx)
    }

    /// Inline at every definition and use: it only guards the one call of
    /// [`Builder::add_def_helper`].
    #[inline(always)]
    pub(super) fn add_def_ctx(
        &mut self,
        name: &'a str,
        flag: u32,
        range: TextRange,
        ctx: ExprContext,
    ) -> BuildResult<()> {
        if flag & (DEF_PARAM | DEF_LOCAL | DEF_IMPORT) != 0 {
            self.check_name(name, range, ctx)?;
        }
        let cur = self.cur();
        if flag & DEF_TYPE_PARAM != 0
            && let Some(set) = self.scopes[cur].mangled_names
        {
            self.mangled_sets[set as usize].insert(name.to_owned());
        }
        self.add_def_helper(name, flag, cur, range)
    }

    /// `symtable_add_def_helper`: adds `flag` to `name` in scope `ste` (mangled as in the
    /// current scope).
    ///
    /// This runs for every name in the module: the errors and a `global` declaration each
    /// take a function of their own, so that the common path saves and restores few
    /// registers. Most names are not mangled, and that path works on the name's text
    /// itself, not on a [`Cow`] that every read of the text would check the variant of.
    pub(super) fn add_def_helper(
        &mut self,
        name: &'a str,
        flag: u32,
        ste: usize,
        range: TextRange,
    ) -> BuildResult<()> {
        self.add_def_inline(name, flag, ste, range)
    }

    /// [`Builder::add_def_helper`] inline in its caller: the walk of a name expression,
    /// the most common definition or use, spares itself a call there.
    #[inline(always)]
    pub(super) fn add_def_inline(
        &mut self,
        name: &'a str,
        flag: u32,
        ste: usize,
        range: TextRange,
    ) -> BuildResult<()> {
        // [`Builder::mangle_in`]'s two tests.
        if self.private.is_none() || !name.starts_with("__") {
            return self.add_def_as(name, name, flag, ste, range);
        }
        self.add_def_maybe_mangled(name, flag, ste, range)
    }

    /// [`Builder::add_def_helper`] for a `__` name inside a class.
    #[cold]
    #[inline(never)]
    fn add_def_maybe_mangled(
        &mut self,
        name: &'a str,
        flag: u32,
        ste: usize,
        range: TextRange,
    ) -> BuildResult<()> {
        match self.mangle_private(self.cur(), name) {
            Cow::Borrowed(mangled) => self.add_def_as(name, mangled, flag, ste, range),
            Cow::Owned(mangled) => self.add_def_as(name, mangled, flag, ste, range),
        }
    }

    /// The body of [`Builder::add_def_helper`], for `name` as it is known in the scope:
    /// `mangled`, borrowed or owned.
    #[inline(always)]
    fn add_def_as<T>(
        &mut self,
        name: &'a str,
        mangled: T,
        flag: u32,
        ste: usize,
        range: TextRange,
    ) -> BuildResult<()>
    where
        T: AsRef<str> + Into<Cow<'a, str>> + Clone,
    {
        let mut value = flag;
        // One hash serves every index the name is looked up in, and one lookup serves both
        // the checks and the update below. The scope is borrowed once: indexing the scope
        // list again at every step re-checked its bounds each time.
        let hash = name_hash(mangled.as_ref());
        let scope = &mut self.scopes[ste];
        let position = scope
            .index
            .get_hashed(hash, mangled.as_ref(), |i| &scope.symbols[i].name);
        if let Some(i) = position
            && !scope.symbols[i].removed
        {
            let existing = scope.symbols[i].flags();
            if flag & existing & (DEF_PARAM | DEF_TYPE_PARAM) != 0 {
                return Err(self.duplicate_error(name, flag & existing, range));
            }
            value |= existing;
        }
        if scope.comp_iter_target {
            if value & (DEF_GLOBAL | DEF_NONLOCAL) != 0 {
                return Err(self.rebind_error(name, range));
            }
            value |= DEF_COMP_ITER;
        }
        match position {
            Some(i) => {
                let symbol = &mut scope.symbols[i];
                symbol.set_flags(value);
                symbol.scope = SymbolScope::Local;
                symbol.removed = false;
            }
            None => {
                let id = self.names.id_hashed(hash, mangled.clone().into());
                scope.push_new(hash, mangled.clone().into(), id, value, SymbolScope::Local);
            }
        }
        if flag & DEF_PARAM != 0 {
            if !scope.add_leading_param(mangled.as_ref()) {
                scope.more_params.push(mangled.into());
            }
        } else if flag & DEF_GLOBAL != 0 {
            self.declare_in_module(hash, mangled.into(), flag);
        }
        Ok(())
    }

    /// The error of [`Builder::add_def_helper`] for a parameter or type parameter named
    /// twice; `both` holds the flags the old and the new definition share.
    #[cold]
    #[inline(never)]
    fn duplicate_error(&self, name: &str, both: u32, range: TextRange) -> Box<SyntaxDiagnostic> {
        if both & DEF_PARAM != 0 {
            self.error(
                range,
                format!("duplicate argument '{name}' in function definition"),
            )
        } else {
            self.error(range, format!("duplicate type parameter '{name}'"))
        }
    }

    /// The error of [`Builder::add_def_helper`] for a `global`/`nonlocal` name bound in a
    /// comprehension's iterable.
    #[cold]
    #[inline(never)]
    fn rebind_error(&self, name: &str, range: TextRange) -> Box<SyntaxDiagnostic> {
        self.error(
            range,
            format!("comprehension inner loop cannot rebind assignment expression target '{name}'"),
        )
    }

    /// Records a `global` declaration of `mangled` (whose [`name_hash`] is `hash`) in the
    /// module's entry, which lists every name declared global anywhere.
    #[inline(never)]
    fn declare_in_module(&mut self, hash: u32, mangled: Cow<'a, str>, flag: u32) {
        let id = self.names.id_hashed(hash, mangled.clone());
        let module = &mut self.scopes[0];
        match module.position_of(hash, id) {
            Some(i) => {
                let symbol = &mut module.symbols[i];
                let flags = if symbol.removed { 0 } else { symbol.flags() };
                symbol.set_flags(flags | flag);
                symbol.scope = SymbolScope::Local;
                symbol.removed = false;
            }
            None => module.push_new(hash, mangled, id, flag, SymbolScope::Local),
        }
    }

    /// CPython's `check_name`: `__debug__` can be neither bound nor deleted.
    pub(super) fn check_name(
        &self,
        name: &str,
        range: TextRange,
        ctx: ExprContext,
    ) -> BuildResult<()> {
        if name == "__debug__" {
            match ctx {
                ExprContext::Store => return Err(self.error(range, "cannot assign to __debug__")),
                ExprContext::Del => return Err(self.error(range, "cannot delete __debug__")),
                _ => {}
            }
        }
        Ok(())
    }

    pub(super) fn record_directive(&mut self, name: &str, range: TextRange) {
        let cur = self.cur();
        let mangled = self.mangle_in(cur, name);
        self.directives.push((cur, mangled.into_owned(), range));
    }

    // ---- `from __future__` --------------------------------------------------------------

    /// CPython's `future_parse`: the `from __future__` imports right after the docstring.
    pub(super) fn check_future_imports(&mut self, body: &[Stmt]) -> BuildResult<()> {
        let mut statements = body.iter().peekable();
        if let Some(Stmt::Expr(e)) = statements.peek()
            && e.value.is_string_literal_expr()
        {
            statements.next();
        }
        for stmt in statements {
            let Stmt::ImportFrom(import) = stmt else {
                break;
            };
            if import.level != 0 || import.module.as_ref().map(|m| m.as_str()) != Some("__future__")
            {
                break;
            }
            for alias in &import.names {
                match alias.name.as_str() {
                    "nested_scopes" | "generators" | "division" | "absolute_import"
                    | "with_statement" | "print_function" | "unicode_literals"
                    | "barry_as_FLUFL" | "generator_stop" => {}
                    "annotations" => self.future_annotations = true,
                    "braces" => return Err(self.error(import.range, "not a chance")),
                    other => {
                        return Err(self.error(
                            import.range,
                            format!("future feature {other} is not defined"),
                        ));
                    }
                }
            }
            self.future_imports.push(import.range);
        }
        Ok(())
    }

    // ---- result -----------------------------------------------------------------------

    /// Converts the scopes reachable from the module into a [`SymbolTable`], in pre-order.
    pub(super) fn into_table(mut self) -> SymbolTable<'a> {
        let mut table = SymbolTable {
            future_annotations: self.future_annotations,
            module_range: self.module_range,
            ..SymbolTable::default()
        };
        // Every templated annotation scope becomes a scope of the table too.
        let count = self.scopes.len() + self.templated_annotations;
        table.scopes.reserve(count);
        table.by_key.reserve(count);
        // Sorted by class and then name, each class's attributes are one run.
        self.static_attributes.sort_unstable();
        self.static_attributes.dedup();
        let mut work = vec![(0usize, None::<ScopeId>)];
        while let Some((raw_id, parent)) = work.pop() {
            let raw = &self.scopes[raw_id];
            if let Some(template) = raw.annotation_template {
                // The function's annotation scope, which the walk linked right before it.
                let ScopeKey::Function(range) = raw.key else {
                    unreachable!("only functions have templated annotation scopes");
                };
                let mangled_names = raw.mangled_names.map(|set| self.mangled_set(set));
                add_templated_annotation(&mut table, raw, range, template, parent, mangled_names);
            }
            let raw = &mut self.scopes[raw_id];
            // A re-entered annotation block can be linked under two parents, and is then
            // converted twice; every other scope gives its parts (its symbols, its child
            // list) to the table instead of copies.
            let once = raw.links <= 1;
            let id = ScopeId(table.scopes.len() as u32);
            for &child in raw.children.iter().rev() {
                work.push((child as usize, Some(id)));
            }
            // Each raw child becomes one child in the table.
            let children = if once {
                emptied(std::mem::take(&mut raw.children))
            } else {
                Vec::with_capacity(raw.children.len())
            };
            let name = if once {
                std::mem::take(&mut raw.name)
            } else {
                raw.name.clone()
            };
            let private = if once {
                raw.private.take()
            } else {
                raw.private.clone()
            };
            let moved = once && !(raw.has_removed && raw.symbols.iter().any(|s| s.removed));
            let (symbols, symbol_index, leading_params, more_params) = if moved {
                // The raw index maps each name to its position already.
                let symbols = std::mem::take(&mut raw.symbols)
                    .into_iter()
                    .map(|s| Symbol {
                        flags: s.flags(),
                        name: s.name,
                        scope: s.scope,
                    })
                    .collect();
                (
                    Shared::Owned(symbols),
                    std::mem::take(&mut raw.index),
                    raw.leading_params,
                    std::mem::take(&mut raw.more_params),
                )
            } else {
                // The symbols are added again below, where they may take other positions.
                let params = raw.param_list();
                (Shared::Owned(Vec::new()), SymbolIndex::default(), 0, params)
            };
            let raw = &self.scopes[raw_id];
            let static_attributes = if raw.kind == ScopeKind::Class {
                let stores = &self.static_attributes;
                let start = stores.partition_point(|&(owner, _)| owner < raw_id);
                let end = stores.partition_point(|&(owner, _)| owner <= raw_id);
                stores[start..end].iter().map(|&(_, name)| name).collect()
            } else {
                Vec::new()
            };
            // Linked as `SymbolTable::add_scope` links it, and then built in one piece in
            // its place in the list: filling in a `Scope::new` wrote most fields twice, and
            // building it aside copied the whole scope once more.
            if let Some(parent) = parent {
                table.scopes[parent.0 as usize].children.push(id);
            }
            table.by_key.insert(raw.key, id);
            table.scopes.push(Scope {
                kind: raw.kind,
                name,
                key: raw.key,
                parent,
                children,
                symbols,
                symbol_index,
                leading_params,
                more_params,
                is_generator: raw.is_generator,
                is_coroutine: raw.is_coroutine,
                has_varargs: raw.has_varargs,
                has_varkeywords: raw.has_varkeywords,
                comp_inlined: raw.comp_inlined,
                needs_class_closure: raw.needs_class_closure,
                needs_classdict: raw.needs_classdict,
                can_see_class_scope: raw.can_see_class_scope,
                lineno: raw.lineno,
                has_conditional_annotations: raw.has_conditional_annotations,
                annotations_used: raw.annotations_used,
                private,
                mangled_names: raw.mangled_names.map(|set| self.mangled_set(set)),
                static_attributes,
            });
            if !moved {
                let scope = &mut table.scopes[id.0 as usize];
                for symbol in raw.symbols.iter().filter(|s| !s.removed) {
                    scope.add_flag(symbol.name.clone(), symbol.flags()).scope = symbol.scope;
                }
            }
        }
        SCOPE_BUFFER.set(emptied(std::mem::take(&mut self.scopes)));
        table
    }

    /// The names of mangled set `set`, sorted, as a scope of the table keeps them.
    fn mangled_set(&self, set: u32) -> Vec<String> {
        let mut names: Vec<String> = self.mangled_sets[set as usize].iter().cloned().collect();
        names.sort();
        names
    }
}

/// Adds to `table` the templated annotation scope of `function`, whose key range is
/// `range`, as a child of `parent`, as the walk would have entered it right before the
/// function: in the same scope, with the same line, private name and mangled names.
fn add_templated_annotation<'a>(
    table: &mut SymbolTable<'a>,
    function: &RawScope<'a>,
    range: TextRange,
    template: Template,
    parent: Option<ScopeId>,
    mangled_names: Option<Vec<String>>,
) {
    let id = ScopeId(table.scopes.len() as u32);
    let key = ScopeKey::Annotation(range);
    if let Some(parent) = parent {
        table.scopes[parent.0 as usize].children.push(id);
    }
    table.by_key.insert(key, id);
    let mut scope = Scope::new(
        ScopeKind::Annotation,
        "__annotate__",
        key,
        parent,
        function.lineno,
    );
    scope.symbols = Shared::Borrowed(template.symbols());
    scope.symbol_index = SymbolIndex::small(template.symbols().len());
    // `.format`, the only parameter, is the first symbol.
    scope.leading_params = 1;
    scope.can_see_class_scope = template == Template::FormatClassdict;
    scope.private = function.private.clone();
    scope.mangled_names = mangled_names;
    table.scopes.push(scope);
}
