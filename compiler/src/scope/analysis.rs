//! The resolution pass: CPython 3.14's `symtable_analyze` (`analyze_block`, `analyze_name`,
//! `inline_comprehension`, `analyze_cells`, `drop_class_free`, `update_symbols`).
//!
//! Each block is analysed with the names bound by enclosing *function-like* scopes
//! (`bound`), the names declared global on the way down (`global`) and the enclosing type
//! parameters. Children report the names they need from outside (`free`); a local that a
//! child needs becomes a cell, anything else propagates up as a free variable. Class bodies
//! are invisible to nested functions, except through the implicit `__class__`,
//! `__classdict__` and `__conditional_annotations__` cells.
//!
//! The analysis works on names interned per module ([`NameId`]s), not on their text.

use super::builder::{BuildResult, Builder};
use super::flags::*;
use super::symbol_index::{SymbolIndex, name_hash};
use super::template::Template;
use super::{ScopeKind, SymbolScope};
use rustc_hash::FxHashSet;
use std::borrow::Cow;

/// A name, interned for the analysis: the sets below are copied for every child block
/// (CPython's `newbound`, `newglobal`) and probed for every symbol, so they hold small
/// integers rather than strings, which makes a copy a plain table copy and a probe a
/// multiply instead of hashing the text again.
pub(super) type NameId = u32;

/// A set of names.
type NameSet = FxHashSet<NameId>;

/// The implicit cells a class body provides to the scopes nested in it; interned first,
/// so their ids are their indexes here.
const CLASS_CELLS: [&str; 3] = ["__class__", "__classdict__", "__conditional_annotations__"];
const DUNDER_CLASS: NameId = 0;
pub(super) const DUNDER_CLASSDICT: NameId = 1;
const CONDITIONAL_ANNOTATIONS: NameId = 2;

/// The names of one module's symbols, each with its [`NameId`]. The builder interns a
/// symbol's name when it creates the symbol, reusing the hash its scope's index computed,
/// so the analysis reads ids and never hashes a name.
#[derive(Default)]
pub(super) struct Names<'a> {
    index: SymbolIndex,
    /// Every name's text, as the symbols hold it: borrowed from the syntax tree (or a
    /// fixed text) unless it is mangled, so interning copies no text.
    texts: Vec<Cow<'a, str>>,
    /// Emptied name sets that have a table, for the analysis to fill again (see
    /// [`Names::take_set`]).
    spare_sets: Vec<NameSet>,
}

/// How many spare name sets are kept, and the largest table one may have.
const SPARE_SETS: usize = 16;
const SPARE_SET_CAPACITY: usize = 1024;

thread_local! {
    /// The interner's buffers from the last module analysed on this thread, emptied: they
    /// keep their size, so the next module's names do not grow them again. They hold no
    /// Python state, only empty slots.
    static NAMES_BUFFER: std::cell::Cell<(SymbolIndex, Vec<Cow<'static, str>>, Vec<NameSet>)> =
        std::cell::Cell::new(Default::default());
}

impl<'a> Names<'a> {
    pub(super) fn new() -> Self {
        let (mut index, texts, spare_sets) = NAMES_BUFFER.take();
        index.clear();
        let mut names = Names {
            index,
            texts,
            spare_sets,
        };
        for cell in CLASS_CELLS {
            names.id_hashed(name_hash(cell), Cow::Borrowed(cell));
        }
        names
    }

    /// Gives the buffers back for the next module built on this thread.
    pub(super) fn recycle(self) {
        NAMES_BUFFER.set((
            self.index,
            super::builder::emptied(self.texts),
            self.spare_sets,
        ));
    }

    /// An empty name set, with a table from an earlier set when one is spare: most sets
    /// of the analysis live for one block, and each allocated and freed its table.
    fn take_set(&mut self) -> NameSet {
        self.spare_sets.pop().unwrap_or_default()
    }

    /// Gives `set`'s table, if it has one, to a later [`Names::take_set`]. Inline: most
    /// sets given back never had a table.
    #[inline]
    fn give_set(&mut self, set: NameSet) {
        if set.capacity() != 0 {
            self.keep_set(set);
        }
    }

    /// [`Names::give_set`] of a set with a table.
    #[inline(never)]
    fn keep_set(&mut self, mut set: NameSet) {
        if set.capacity() <= SPARE_SET_CAPACITY && self.spare_sets.len() < SPARE_SETS {
            set.clear();
            self.spare_sets.push(set);
        }
    }

    /// Adds `name` to `set`, giving it a spare table if it has none yet.
    #[inline]
    fn insert(&mut self, set: &mut NameSet, name: NameId) {
        if set.capacity() == 0
            && let Some(spare) = self.spare_sets.pop()
        {
            *set = spare;
        }
        set.insert(name);
    }

    /// Moves the names of `from` into `to`, and gives the emptied table of one of them
    /// back. Inline: most blocks pass no names up, in sets without a table.
    #[inline]
    fn merge(&mut self, to: &mut NameSet, from: NameSet) {
        if from.capacity() == 0 {
            return;
        }
        if to.is_empty() {
            let old = std::mem::replace(to, from);
            self.give_set(old);
        } else {
            self.merge_into(to, from);
        }
    }

    /// The rest of [`Names::merge`]: `from` has a table and `to` has names.
    #[inline(never)]
    fn merge_into(&mut self, to: &mut NameSet, mut from: NameSet) {
        to.extend(from.drain());
        self.keep_set(from);
    }

    /// The id of `name`, whose [`name_hash`] is `hash`, interning it on first sight.
    /// Inline in its callers: it runs for every new symbol, where a call cost a fifth of
    /// its work.
    #[inline(always)]
    pub(super) fn id_hashed(&mut self, hash: u32, name: Cow<'a, str>) -> NameId {
        let texts = &self.texts;
        let found = self
            .index
            .find(hash, |i| crate::short_text::same_text(&texts[i], &name));
        if let Some(id) = found {
            return id as NameId;
        }
        let id = texts.len();
        self.index.insert_hashed(hash, id, |i| name_hash(&texts[i]));
        self.texts.push(name);
        id as NameId
    }

    #[inline]
    fn text(&self, id: NameId) -> &str {
        &self.texts[id as usize]
    }

    /// The text of `id` as a symbol keeps it.
    #[inline]
    fn cow(&self, id: NameId) -> Cow<'a, str> {
        self.texts[id as usize].clone()
    }
}

impl<'a> Builder<'a> {
    /// Analyses the whole tree under the module scope `root`.
    pub(super) fn analyze_module(&mut self, root: usize) -> BuildResult<()> {
        // The builder has interned every symbol's name; nothing needs them afterwards.
        let mut names = std::mem::take(&mut self.names);
        let result = self.analyze_block(
            root,
            None,
            Cow::Owned(NameSet::default()),
            Cow::Owned(NameSet::default()),
            None,
            &mut names,
        );
        let result = result.map(|free| names.give_set(free));
        names.recycle();
        result
    }

    /// CPython's `analyze_block`; returns the block's free variables (its own and those of
    /// its children that it does not bind).
    ///
    /// A block gets its parent's sets to read (CPython copies them for every child): it
    /// copies one only to change it, which few blocks do, where a copy for every child
    /// was an allocation for each method of a class.
    fn analyze_block<'s>(
        &mut self,
        id: usize,
        mut bound: Option<Cow<'s, NameSet>>,
        mut global: Cow<'s, NameSet>,
        mut type_params: Cow<'s, NameSet>,
        class_entry: Option<usize>,
        names: &mut Names<'a>,
    ) -> BuildResult<NameSet> {
        let mut free = NameSet::default();
        // A class's children see the globals from before its own names are analysed;
        // other blocks' children see the block's `global` as it ends up.
        let mut class_global = None;
        let is_class = self.scopes[id].kind == ScopeKind::Class;
        let function_like = self.scopes[id].is_function_like();
        // What the children see (`new_bound`, with the block's locals that go into it, and
        // a class's globals) is only built when there are children: most blocks are
        // leaves, and copying every enclosing binding into sets no one reads was a fifth
        // of the analysis.
        let has_children = !self.scopes[id].children.is_empty();
        let mut new_bound = if has_children {
            names.take_set()
        } else {
            NameSet::default()
        };

        // Class bindings are not visible in nested functions: what children see is fixed
        // before the class's own names are analysed.
        if is_class && has_children {
            let mut copy = names.take_set();
            copy.extend(global.iter().copied());
            class_global = Some(copy);
            if let Some(bound) = &bound {
                new_bound.extend(bound.iter().copied());
            }
        }
        // Each symbol's resolution (CPython's `scopes` dict) goes straight into the symbol:
        // until this block is done nothing else reads its symbols' scopes, and a side
        // table cost two allocations per block.
        let count = self.scopes[id].symbols.len();
        // A function's locals go straight into what its children see, and the enclosing
        // bindings after them: most symbols are locals, so the set is sized once.
        let collect_locals = has_children && function_like;
        if collect_locals {
            new_bound.reserve(count + bound.as_ref().map_or(0, |b| b.len()));
        }
        // Analysing a name adds no symbol to the block, so its first `count` symbols are
        // read in place rather than copied out.
        for position in 0..count {
            let symbol = &self.scopes[id].symbols[position];
            if symbol.removed {
                continue;
            }
            let (name, flags) = (symbol.id, symbol.flags());
            let sets = NameSets {
                bound: bound.as_mut(),
                local: collect_locals.then_some(&mut new_bound),
                free: &mut free,
                global: &mut global,
            };
            let resolved =
                self.analyze_name(id, name, flags, sets, &mut type_params, class_entry, names)?;
            self.scopes[id].symbols[position].scope = resolved;
        }
        // A leaf (most blocks) is done: with no children it has no cells to make, no free
        // variables passing through and nothing to tell its children.
        if !has_children {
            return Ok(free);
        }
        let mut new_free = NameSet::default();
        let mut inlined_cells = NameSet::default();
        if has_children && is_class {
            new_bound.extend([DUNDER_CLASS, DUNDER_CLASSDICT, CONDITIONAL_ANNOTATIONS]);
        } else if has_children && let Some(bound) = &bound {
            new_bound.extend(bound.iter().copied());
        }

        let sees_class = self.scopes[id].can_see_class_scope;
        // The analysis only adds a child before the one it is at (a materialized annotation
        // scope), so the children are read in place.
        let mut index = 0;
        while index < self.scopes[id].children.len() {
            let mut child = self.scopes[id].children[index] as usize;
            // A function's templated annotation scope is resolved as the shortcuts below
            // resolve the symbols it stands for, or else made a scope of its own, which
            // comes before the function: analysed now, and the function next.
            match self.scopes[child].annotation_template {
                None | Some(Template::Format) => {}
                Some(Template::FormatClassdict)
                    if is_class && self.class_leaves_classdict_free(id) =>
                {
                    names.insert(&mut new_free, DUNDER_CLASSDICT);
                }
                Some(Template::FormatClassdict) => child = self.materialize(id, index, child),
            }
            index += 1;
            if self.is_format_only(child) {
                // The `__annotate__` scope of a function without annotations outside
                // classes (most of them) holds just its `.format` parameter, a local that
                // no name set, child or parent hears of: resolved here, without the block's
                // walk.
                self.scopes[child].symbols[0].scope = SymbolScope::Local;
                continue;
            }
            if is_class && self.is_method_annotation_leaf(id, child) {
                // A method's unannotated `__annotate__` scope: `.format` is local and
                // `__classdict__` comes from the class (its cell, see `drop_class_free`),
                // as the walk would find, without a free set per method.
                let symbols = &mut self.scopes[child].symbols;
                symbols[0].scope = SymbolScope::Local;
                symbols[1].scope = SymbolScope::Free;
                names.insert(&mut new_free, DUNDER_CLASSDICT);
                continue;
            }
            let child_class_entry = if self.scopes[child].can_see_class_scope {
                if is_class { Some(id) } else { class_entry }
            } else {
                None
            };
            // PEP 709: list/set/dict comprehensions run inline, except inside annotation
            // scopes that can see a class namespace.
            let inline = self.scopes[child].comprehension.is_some()
                && !self.scopes[child].is_generator
                && !sees_class;
            let child_global = class_global.as_ref().unwrap_or(&*global);
            let mut child_free = self.analyze_block(
                child,
                Some(Cow::Borrowed(&new_bound)),
                Cow::Borrowed(child_global),
                Cow::Borrowed(&*type_params),
                child_class_entry,
                names,
            )?;
            if inline {
                self.inline_comprehension(id, child, &mut child_free, &mut inlined_cells, names);
                self.scopes[child].comp_inlined = true;
            }
            // Most blocks need nothing from outside, and the first that does gives its set.
            names.merge(&mut new_free, child_free);
        }
        names.give_set(new_bound);
        if let Some(copy) = class_global {
            names.give_set(copy);
        }

        if function_like {
            self.analyze_cells(id, &mut new_free, &inlined_cells);
        } else if is_class {
            self.drop_class_free(id, &mut new_free);
        }
        let classflag = is_class || sees_class;
        self.update_symbols(
            id,
            bound.as_deref(),
            &new_free,
            &inlined_cells,
            classflag,
            names,
        );
        names.give_set(inlined_cells);
        names.merge(&mut free, new_free);
        Ok(free)
    }

    /// Whether block `id` is a leaf whose one symbol is the `.format` parameter of
    /// annotation-like scopes, with nothing else recorded on it.
    #[inline]
    fn is_format_only(&self, id: usize) -> bool {
        let scope = &self.scopes[id];
        match scope.symbols.as_slice() {
            [symbol] => {
                scope.children.is_empty()
                    && !symbol.removed
                    && Some(symbol.id) == self.format_id
                    && symbol.flags() == DEF_PARAM | USE
            }
            _ => false,
        }
    }

    /// Whether block `child` of class `class` is a leaf annotation-like scope holding only
    /// `.format` and a read of `__classdict__`, which the class does not bind itself.
    fn is_method_annotation_leaf(&self, class: usize, child: usize) -> bool {
        let scope = &self.scopes[child];
        let [format, classdict] = scope.symbols.as_slice() else {
            return false;
        };
        scope.children.is_empty()
            && scope.can_see_class_scope
            && !format.removed
            && Some(format.id) == self.format_id
            && format.flags() == DEF_PARAM | USE
            && !classdict.removed
            && classdict.id == DUNDER_CLASSDICT
            && classdict.flags() == USE
            && self.class_leaves_classdict_free(class)
    }

    /// Whether class `class` neither binds `__classdict__` nor declares it global, so
    /// that a method's annotation scope reads the class's own `__classdict__` cell.
    fn class_leaves_classdict_free(&self, class: usize) -> bool {
        self.scopes[class].flags(CLASS_CELLS[1]) & (DEF_GLOBAL | DEF_BOUND) == 0
    }

    /// CPython's `analyze_name`: decides how one name of block `id` resolves.
    #[expect(clippy::too_many_arguments, reason = "mirrors CPython's analyze_name")]
    fn analyze_name(
        &self,
        id: usize,
        name: NameId,
        flags: u32,
        sets: NameSets<'_, '_>,
        type_params: &mut Cow<'_, NameSet>,
        class_entry: Option<usize>,
        names: &mut Names<'a>,
    ) -> BuildResult<SymbolScope> {
        let NameSets {
            bound,
            local,
            free,
            global,
        } = sets;
        // The text is only needed for errors and class lookups: most names never ask.
        let text = || names.text(name);
        if flags & DEF_GLOBAL != 0 {
            if flags & DEF_NONLOCAL != 0 {
                return Err(self.error_at_directive(
                    id,
                    text(),
                    format!("name '{}' is nonlocal and global", text()),
                ));
            }
            if !global.contains(&name) {
                global.to_mut().insert(name);
            }
            if let Some(bound) = bound
                && bound.contains(&name)
            {
                bound.to_mut().remove(&name);
            }
            return Ok(SymbolScope::GlobalExplicit);
        }
        if flags & DEF_NONLOCAL != 0 {
            let Some(bound) = bound else {
                return Err(self.error_at_directive(
                    id,
                    text(),
                    "nonlocal declaration not allowed at module level".into(),
                ));
            };
            if !bound.contains(&name) {
                return Err(self.error_at_directive(
                    id,
                    text(),
                    // CPython's symbol table holds (and names) the mangled name.
                    format!(
                        "no binding for nonlocal '{}' found",
                        self.mangle_in(id, text())
                    ),
                ));
            }
            if type_params.contains(&name) {
                return Err(self.error_at_directive(
                    id,
                    text(),
                    format!(
                        "nonlocal binding not allowed for type parameter '{}'",
                        text()
                    ),
                ));
            }
            names.insert(free, name);
            return Ok(SymbolScope::Free);
        }
        if flags & DEF_BOUND != 0 {
            if let Some(local) = local {
                local.insert(name);
            }
            // The sets are mostly empty, and are copied only to be changed.
            if !global.is_empty() && global.contains(&name) {
                global.to_mut().remove(&name);
            }
            if flags & DEF_TYPE_PARAM != 0 {
                if !type_params.contains(&name) {
                    type_params.to_mut().insert(name);
                }
            } else if !type_params.is_empty() && type_params.contains(&name) {
                type_params.to_mut().remove(&name);
            }
            return Ok(SymbolScope::Local);
        }
        // A scope that can see a class namespace reads names the class binds from the class
        // dict and then the globals, skipping any outer function binding.
        if let Some(class) = class_entry {
            let class_flags = self.scopes[class].flags(text());
            if class_flags & DEF_GLOBAL != 0 {
                return Ok(SymbolScope::GlobalExplicit);
            }
            if class_flags & DEF_BOUND != 0 && class_flags & DEF_NONLOCAL == 0 {
                return Ok(SymbolScope::GlobalImplicit);
            }
        }
        if let Some(bound) = bound
            && !bound.is_empty()
            && bound.contains(&name)
        {
            names.insert(free, name);
            return Ok(SymbolScope::Free);
        }
        Ok(SymbolScope::GlobalImplicit)
    }

    /// CPython's `error_at_directive`: the error points at the `global`/`nonlocal`
    /// statement (or walrus) that declared `name`.
    fn error_at_directive(
        &self,
        id: usize,
        name: &str,
        message: String,
    ) -> Box<crate::diagnostics::SyntaxDiagnostic> {
        let range = self
            .directives
            .iter()
            .find(|(scope, n, _)| *scope == id && n == name)
            .map(|(_, _, r)| *r)
            .unwrap_or_default();
        self.error(range, message)
    }

    /// CPython's `inline_comprehension`: the comprehension's names become part of the
    /// parent block for cell/free purposes.
    fn inline_comprehension(
        &mut self,
        parent: usize,
        comp: usize,
        comp_free: &mut NameSet,
        inlined_cells: &mut NameSet,
        names: &mut Names<'a>,
    ) {
        let parent_is_class = self.scopes[parent].kind == ScopeKind::Class;
        let mut remove_dunder_class = false;
        // Read by position, not copied out: adding to the parent adds nothing here.
        for position in 0..self.scopes[comp].symbols.len() {
            let symbol = &self.scopes[comp].symbols[position];
            if symbol.removed {
                continue;
            }
            let (name, flags, mut scope) = (symbol.id, symbol.flags(), symbol.scope);
            // The hidden `.0` parameter stays with the comprehension.
            if flags & DEF_PARAM != 0 {
                continue;
            }
            if scope == SymbolScope::Cell || flags & DEF_COMP_CELL != 0 {
                names.insert(inlined_cells, name);
            }
            // `__class__` never becomes free through a class body (see `drop_class_free`).
            if scope == SymbolScope::Free && parent_is_class && name == DUNDER_CLASS {
                scope = SymbolScope::GlobalImplicit;
                comp_free.remove(&name);
                remove_dunder_class = true;
            }
            let text = names.text(name);
            match self.scopes[parent].get(text).map(|s| s.flags()) {
                None => {
                    self.scopes[parent].insert(names.cow(name), name, flags, scope);
                }
                Some(parent_flags) => {
                    // A name the comprehension uses freely that the parent function binds is
                    // now simply the parent's local, unless a scope nested in the
                    // comprehension needs it as a closure variable.
                    if parent_flags & DEF_BOUND != 0
                        && !parent_is_class
                        && !self.is_free_in_any_child(comp, text)
                    {
                        comp_free.remove(&name);
                    }
                }
            }
        }
        if remove_dunder_class {
            self.scopes[comp].remove("__class__");
        }
    }

    /// CPython's `is_free_in_any_child`, over the children CPython would see after splicing
    /// inlined comprehensions' children into their parents.
    fn is_free_in_any_child(&self, id: usize, name: &str) -> bool {
        self.scopes[id].children.iter().any(|&child| {
            let child = child as usize;
            if self.scopes[child].comp_inlined {
                self.is_free_in_any_child(child, name)
            } else {
                self.scopes[child]
                    .get(name)
                    .is_some_and(|s| s.scope == SymbolScope::Free)
            }
        })
    }

    /// CPython's `analyze_cells`: locals of block `id` that children need (or that inlined
    /// comprehensions made cells) become cells.
    fn analyze_cells(&mut self, id: usize, free: &mut NameSet, inlined_cells: &NameSet) {
        if free.is_empty() && inlined_cells.is_empty() {
            return;
        }
        for symbol in self.scopes[id].symbols.iter_mut() {
            if symbol.removed || symbol.scope != SymbolScope::Local {
                continue;
            }
            if free.contains(&symbol.id) || inlined_cells.contains(&symbol.id) {
                symbol.scope = SymbolScope::Cell;
                free.remove(&symbol.id);
            }
        }
    }

    /// CPython's `drop_class_free`: the implicit class cells stop at the class body.
    fn drop_class_free(&mut self, id: usize, free: &mut NameSet) {
        if free.remove(&DUNDER_CLASS) {
            self.scopes[id].needs_class_closure = true;
        }
        if free.remove(&DUNDER_CLASSDICT) {
            self.scopes[id].needs_classdict = true;
        }
        if free.remove(&CONDITIONAL_ANNOTATIONS) {
            self.scopes[id].has_conditional_annotations = true;
        }
    }

    /// CPython's `update_symbols`: records the resolutions, and adds free variables that
    /// pass through this block only to reach a child.
    fn update_symbols(
        &mut self,
        id: usize,
        bound: Option<&NameSet>,
        free: &NameSet,
        inlined_cells: &NameSet,
        classflag: bool,
        names: &mut Names<'a>,
    ) {
        let scope = &mut self.scopes[id];
        // The resolutions are in place already; only inlined cells remain to mark.
        if !inlined_cells.is_empty() {
            for symbol in scope.symbols.iter_mut().filter(|s| !s.removed) {
                if inlined_cells.contains(&symbol.id) {
                    symbol.set_flags(symbol.flags() | DEF_COMP_CELL);
                }
            }
        }
        let mut record = |text: &str, name: NameId| {
            if let Some(symbol) = scope.get_mut(text) {
                // A free variable of a method that the class body also binds.
                if classflag {
                    symbol.set_flags(symbol.flags() | DEF_FREE_CLASS);
                }
                return;
            }
            if bound.is_some_and(|bound| !bound.contains(&name)) {
                return; // a global
            }
            scope.insert(names.cow(name), name, 0, SymbolScope::Free);
        };
        // CPython iterates a set here; sorting keeps the symbol order deterministic. One
        // name (an annotation scope's `__classdict__`, most often) needs no sorting.
        if free.len() == 1 {
            let name = free.iter().copied().next().unwrap_or_default();
            record(names.text(name), name);
            return;
        }
        let mut free_names: Vec<(&str, NameId)> =
            free.iter().map(|&name| (names.text(name), name)).collect();
        free_names.sort_unstable();
        for (text, name) in free_names {
            record(text, name);
        }
    }
}

/// The name sets `analyze_name` updates.
struct NameSets<'a, 'b> {
    bound: Option<&'a mut Cow<'b, NameSet>>,
    /// The block's locals, collected only when children will see them.
    local: Option<&'a mut NameSet>,
    free: &'a mut NameSet,
    global: &'a mut Cow<'b, NameSet>,
}
