//! Name resolution for lowering: which operation family loads, stores or deletes a name
//! in the current unit (fast locals, cells and free variables, globals, the class or
//! module namespace), the per-unit cache of those decisions, and the deref slots closures
//! capture.

use super::{CLASS_IMPLICIT_CELLS, CachedAccess, Lowerer, NameAccess};
use crate::ir::{DerefId, Imm, LocalId, NameId, Op, Value};
use crate::scope::{Scope, ScopeId, ScopeKind, SymbolScope};
use crate::short_text::same_text;

impl<'a> Lowerer<'a> {
    /// The fast-local slot of `name`, adding one (for hidden temporaries such as `$exit0`
    /// and inlined comprehension variables). A hash lookup, which a name's first access in a
    /// unit makes (later ones use the unit's access cache).
    pub fn ensure_local(&mut self, name: &str) -> LocalId {
        self.unit().b.func.ensure_local(name)
    }

    /// A fresh hidden local, named so it can never clash with a Python identifier. The
    /// name built here is the one stored: [`Function::ensure_local`] would copy it again.
    ///
    /// [`Function::ensure_local`]: crate::ir::Function::ensure_local
    pub fn hidden_local(&mut self, purpose: &str) -> LocalId {
        let func = &mut self.unit().b.func;
        let name = format!("${purpose}{}", func.locals.len());
        if let Some(id) = func.local_id(&name) {
            return id;
        }
        let id = LocalId::new(func.locals.len());
        func.locals.push(name);
        id
    }

    /// The deref slot (cell or free) of `name` in the current unit, preferring a cell.
    pub fn deref_slot(&mut self, name: &str) -> Option<DerefId> {
        self.cell_slot(name).or_else(|| self.free_slot(name))
    }

    /// The slot of cell variable `name` in the current unit.
    fn cell_slot(&self, name: &str) -> Option<DerefId> {
        self.unit_ref()
            .b
            .func
            .cells
            .iter()
            .position(|c| same_text(c, name))
            .map(DerefId::new)
    }

    /// The slot of free variable `name` in the current unit. A name can be both a cell and
    /// a free variable: a free variable that an inlined comprehension also holds in a cell
    /// (`DEF_COMP_CELL`), or `__conditional_annotations__` of a class nested in a method.
    fn free_slot(&self, name: &str) -> Option<DerefId> {
        let func = &self.unit_ref().b.func;
        func.frees
            .iter()
            .position(|f| same_text(f, name))
            .map(|i| DerefId::new(func.cells.len() + i))
    }

    /// The slot a closure over `name` captures (CPython's `_PyCompile_LookupArg`): a class
    /// body's implicit cells, and names that resolve as cells here, come from the cells;
    /// anything else from the free variables.
    pub(super) fn closure_slot(&self, name: &str) -> Option<DerefId> {
        let in_class = self.unit_ref().scope_info.kind == ScopeKind::Class;
        let scope = self.resolution_scope(name);
        let is_cell = (in_class && CLASS_IMPLICIT_CELLS.contains(&name))
            || self.table.scope(scope).resolve(name) == SymbolScope::Cell;
        if is_cell {
            self.cell_slot(name).or_else(|| self.free_slot(name))
        } else {
            self.free_slot(name).or_else(|| self.cell_slot(name))
        }
    }

    /// Emits the load of variable `name` as its scope dictates.
    pub fn load_name(&mut self, name: &str) -> Value {
        // Private names (`__x` inside a class) are mangled before resolution, as the symbol
        // table stores them mangled; that stays out of line (see `Lowerer::may_mangle`).
        if self.may_mangle(name) {
            return self.load_mangled_name(name);
        }
        self.load_resolved_name(name)
    }

    /// [`Lowerer::load_name`] of a name that may be private.
    #[inline(never)]
    fn load_mangled_name(&mut self, name: &str) -> Value {
        let name = self.mangle(name);
        self.load_resolved_name(&name)
    }

    /// [`Lowerer::load_name`] of a name already mangled.
    #[inline(always)]
    fn load_resolved_name(&mut self, name: &str) -> Value {
        let (access, id) = self.cached_access(name);
        match access {
            NameAccess::Fast(slot) => self.b().ins(Op::LoadFast, Imm::Local(slot), []),
            NameAccess::Deref(slot) => self.b().ins(Op::LoadDeref, Imm::Deref(slot), []),
            NameAccess::Global => {
                let id = self.name_id(name, id);
                self.b().ins(Op::LoadGlobal, Imm::Name(id), [])
            }
            NameAccess::Name => {
                let id = self.name_id(name, id);
                self.b().ins(Op::LoadName, Imm::Name(id), [])
            }
            NameAccess::ClassDeref(slot) => {
                let locals = self.b().ins(Op::LoadLocals, Imm::None, []);
                self.b()
                    .ins(Op::LoadFromDictOrDeref, Imm::Deref(slot), [locals])
            }
            NameAccess::ClassDictGlobal(classdict) => {
                let dict = self.b().ins(Op::LoadDeref, Imm::Deref(classdict), []);
                let id = self.name_id(name, id);
                self.b()
                    .ins(Op::LoadFromDictOrGlobals, Imm::Name(id), [dict])
            }
            NameAccess::ClassDictDeref(classdict, slot) => {
                let dict = self.b().ins(Op::LoadDeref, Imm::Deref(classdict), []);
                self.b()
                    .ins(Op::LoadFromDictOrDeref, Imm::Deref(slot), [dict])
            }
        }
    }

    /// Emits the store of `value` into variable `name`.
    pub fn store_name(&mut self, name: &str, value: Value) {
        // Private names (`__x` inside a class) are mangled before resolution, as the symbol
        // table stores them mangled.
        let name = &self.mangle(name);
        let (access, id) = self.cached_access(name);
        match access {
            NameAccess::Fast(slot) => self.b().ins_void(Op::StoreFast, Imm::Local(slot), [value]),
            NameAccess::Deref(slot)
            | NameAccess::ClassDeref(slot)
            | NameAccess::ClassDictDeref(_, slot) => {
                self.b().ins_void(Op::StoreDeref, Imm::Deref(slot), [value])
            }
            NameAccess::Global | NameAccess::ClassDictGlobal(_) => {
                let id = self.name_id(name, id);
                self.b().ins_void(Op::StoreGlobal, Imm::Name(id), [value])
            }
            NameAccess::Name => {
                let id = self.name_id(name, id);
                self.b().ins_void(Op::StoreName, Imm::Name(id), [value])
            }
        }
    }

    /// Emits `del name`.
    pub fn delete_name(&mut self, name: &str) {
        // Private names (`__x` inside a class) are mangled before resolution, as the symbol
        // table stores them mangled.
        let name = &self.mangle(name);
        let (access, id) = self.cached_access(name);
        match access {
            NameAccess::Fast(slot) => self.b().ins_void(Op::DeleteFast, Imm::Local(slot), []),
            NameAccess::Deref(slot)
            | NameAccess::ClassDeref(slot)
            | NameAccess::ClassDictDeref(_, slot) => {
                self.b().ins_void(Op::DeleteDeref, Imm::Deref(slot), [])
            }
            NameAccess::Global | NameAccess::ClassDictGlobal(_) => {
                let id = self.name_id(name, id);
                self.b().ins_void(Op::DeleteGlobal, Imm::Name(id), [])
            }
            NameAccess::Name => {
                let id = self.name_id(name, id);
                self.b().ins_void(Op::DeleteName, Imm::Name(id), [])
            }
        }
    }

    /// How `name` (already mangled) is accessed here, with its name-pool id when the access
    /// is by name and the id is known. Outside inlined comprehensions the answer is cached
    /// per unit: it cannot change, as a fast local keeps its slot once it has one, the
    /// cells and frees are fixed once the unit is entered (the few places that edit them
    /// call [`Lowerer::forget_names`]), and a name keeps its pool id.
    ///
    /// The cached answer is read inline in each caller (the three name accessors), so the
    /// answer's two parts come back in registers; resolving a name the first time, or
    /// outside the cache, stays out of line.
    #[inline(always)]
    fn cached_access(&mut self, name: &str) -> (NameAccess, Option<NameId>) {
        // Names the scope never mentions (globals, builtins) resolve cheaply without it.
        let position = match self.in_inlined_comprehension() {
            false => self.unit_ref().scope_info.position(name),
            true => None,
        };
        let unit = self.unit_ref();
        if let Some(position) = position
            && let Some(Some(cached)) = unit.access_cache.get(position)
        {
            return (cached.access, cached.name_id);
        }
        self.uncached_access(name, position)
    }

    /// [`Lowerer::cached_access`] of a name not answered from the cache: `position` is its
    /// symbol's place in the unit's scope, `None` when the scope does not know it (or an
    /// inlined comprehension is being lowered), in which case nothing is cached.
    #[inline(never)]
    fn uncached_access(
        &mut self,
        name: &str,
        position: Option<usize>,
    ) -> (NameAccess, Option<NameId>) {
        let Some(position) = position else {
            return (self.name_access(name), None);
        };
        let scope = self.unit_ref().scope_info;
        let access = self.access_for(name, scope, scope.symbols[position].scope);
        // Every access by name interns the name right away, so interning it here first
        // hands out the same id in the same order.
        let name_id = match access {
            NameAccess::Global | NameAccess::Name | NameAccess::ClassDictGlobal(_) => {
                Some(self.b().func.add_name(name))
            }
            _ => None,
        };
        let symbols = scope.symbols.len();
        let cache = &mut self.unit().access_cache;
        if cache.is_empty() {
            cache.resize(symbols, None);
        }
        cache[position] = Some(CachedAccess { access, name_id });
        (access, name_id)
    }

    /// `name`'s id in the current unit's name pool: `known` when [`Lowerer::cached_access`]
    /// supplied it, else interned now.
    fn name_id(&mut self, name: &str, known: Option<NameId>) -> NameId {
        match known {
            Some(id) => id,
            None => self.b().func.add_name(name),
        }
    }

    /// Drops the current unit's cached name accesses, for code that reorders its locals or
    /// adds a free variable after names may have been resolved.
    pub(crate) fn forget_names(&mut self) {
        self.unit().access_cache.clear();
    }

    /// The scope whose symbol decides how `name` is accessed. Inside a PEP 709 inlined
    /// comprehension a name that is free in the comprehension is handled as the enclosing
    /// scope handles it (a local of the enclosing function stays a fast local, a walrus
    /// target binds in the enclosing scope), as CPython's `push_inlined_comprehension_state`
    /// does; in a class body the comprehension's own resolution always wins, so the class
    /// namespace stays invisible to it.
    fn resolution_scope(&self, name: &str) -> ScopeId {
        let mut depth = self.scope_depth() - 1;
        if self.unit_ref().scope_info.kind == ScopeKind::Class {
            return self.scope_at_depth(depth);
        }
        while depth > 0 {
            let scope = self.table.scope(self.scope_at_depth(depth));
            if scope.kind != ScopeKind::Comprehension || !scope.comp_inlined {
                break;
            }
            // A cell of the comprehension that is free outside it is handled as the free
            // variable throughout (both are derefs).
            let inner = scope.resolve(name);
            let outer = self
                .table
                .scope(self.scope_at_depth(depth - 1))
                .resolve(name);
            if inner != SymbolScope::Free
                && !(inner == SymbolScope::Cell && outer == SymbolScope::Free)
            {
                break;
            }
            depth -= 1;
        }
        self.scope_at_depth(depth)
    }

    /// Decides which family of load/store/delete operations serves `name` here
    /// (CPython's `compiler_nameop`).
    pub(super) fn name_access(&mut self, name: &str) -> NameAccess {
        let scope = self.table.scope(self.resolution_scope(name));
        self.access_for(name, scope, scope.resolve(name))
    }

    /// [`Lowerer::name_access`] once the resolution scope and `name`'s symbol scope in it
    /// are known.
    fn access_for(&mut self, name: &str, scope: &Scope, resolved: SymbolScope) -> NameAccess {
        let unit_kind = self.unit_ref().scope_info.kind;
        let name_based = matches!(unit_kind, ScopeKind::Module | ScopeKind::Class);
        let inlined_comp = scope.kind == ScopeKind::Comprehension && scope.comp_inlined;
        match resolved {
            SymbolScope::Cell => match self.cell_slot(name).or_else(|| self.free_slot(name)) {
                Some(slot) if unit_kind == ScopeKind::Class && !inlined_comp => {
                    NameAccess::ClassDeref(slot)
                }
                Some(slot) => NameAccess::Deref(slot),
                None => NameAccess::Fast(self.ensure_local(name)),
            },
            SymbolScope::Free => {
                let slot = self.free_slot(name).or_else(|| self.cell_slot(name));
                match slot {
                    Some(slot) if scope.can_see_class_scope => {
                        match self.deref_slot("__classdict__") {
                            Some(classdict) => NameAccess::ClassDictDeref(classdict, slot),
                            None => NameAccess::Deref(slot),
                        }
                    }
                    Some(slot) if unit_kind == ScopeKind::Class && !inlined_comp => {
                        NameAccess::ClassDeref(slot)
                    }
                    Some(slot) => NameAccess::Deref(slot),
                    None => NameAccess::Global,
                }
            }
            SymbolScope::Local if inlined_comp || !name_based => match self.deref_slot(name) {
                Some(slot) => NameAccess::Deref(slot),
                None => NameAccess::Fast(self.ensure_local(name)),
            },
            SymbolScope::Local => NameAccess::Name,
            SymbolScope::GlobalExplicit => NameAccess::Global,
            SymbolScope::GlobalImplicit => {
                if scope.can_see_class_scope
                    && let Some(classdict) = self.deref_slot("__classdict__")
                {
                    return NameAccess::ClassDictGlobal(classdict);
                }
                // At module level an inlined comprehension reads implicit globals by
                // name, so `exec(code, globals, locals)` finds them in `locals`; in a
                // class body the class namespace must stay invisible to it.
                if unit_kind == ScopeKind::Module
                    || (name_based && (!inlined_comp || scope.lookup(name).is_none()))
                {
                    NameAccess::Name
                } else {
                    NameAccess::Global
                }
            }
        }
    }
}
