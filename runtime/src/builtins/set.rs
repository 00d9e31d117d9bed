//! `set` and `frozenset`: hash tables of keys (Objects/setobject.c semantics on the
//! dict table), their operators and methods.

use compiler::ir::ops::{BinOp, CmpOp};

use crate::args::Args;
use crate::builtins::{MethodDef, method, staticmethod};
use crate::errors::PyResult;
use crate::interp::Vm;
use crate::object::{Gc, ObjKind, kind_of};
use crate::ops::{self, dictops, hash, type_of};
use crate::types::set::SetBody;
use crate::types::typeobj::TypeBody;
use crate::value::Value;

/// The set body of `v` (set, frozenset or subclass instance).
pub fn set_of(v: Value) -> Option<Gc<SetBody>> {
    Gc::<SetBody>::from_value(ops::unwrap_payload(v))
}

/// A new set (or frozenset) of `items`.
pub fn new_set_from(vm: &mut Vm, items: &[Value], frozen: bool) -> PyResult<Value> {
    let ty = if frozen {
        vm.rt.types.frozenset
    } else {
        vm.rt.types.set
    };
    let s = vm.alloc(
        ty,
        SetBody {
            table: Default::default(),
            frozen,
        },
    );
    for &item in items {
        insert(vm, s, item)?;
    }
    Ok(s.value())
}

fn insert(vm: &mut Vm, s: Gc<SetBody>, item: Value) -> PyResult<()> {
    let h = hash::hash_key(vm, item, hash::KeyRole::SetElement)?;
    insert_hashed(vm, s, item, h)
}

fn insert_hashed(vm: &mut Vm, s: Gc<SetBody>, item: Value, h: i64) -> PyResult<()> {
    loop {
        let (found, version) = dictops::lookup_versioned(vm, &s.table, item, h)?;
        if found.is_some() {
            return Ok(());
        }
        let mut t = s.lock();
        // Another thread added or removed an element meanwhile: look again.
        if t.version == version {
            crate::gc::write_barrier(s.value(), item);
            t.insert_new(h, item);
            return Ok(());
        }
    }
}

/// Whether `item` is in the set `s`.
pub fn contains(vm: &mut Vm, s: Gc<SetBody>, item: Value) -> PyResult<bool> {
    let h = match hash::hash(vm, item) {
        Ok(h) => h,
        Err(e) => {
            // `{1} in some_set`: an unhashable set is looked up as a frozenset.
            if let Some(inner) = set_of(item) {
                let items = keys(&inner);
                let f = new_set_from(vm, &items, true)?;
                return contains(vm, s, f);
            }
            return Err(hash::unhashable_key_error(
                vm,
                e,
                item,
                hash::KeyRole::SetElement,
            ));
        }
    };
    Ok(dictops::lookup(vm, &s.table, item, h)?.is_some())
}

fn remove(vm: &mut Vm, s: Gc<SetBody>, item: Value) -> PyResult<bool> {
    let h = hash::hash_key(vm, item, hash::KeyRole::SetElement)?;
    loop {
        let (found, version) = dictops::lookup_versioned(vm, &s.table, item, h)?;
        let Some(i) = found else {
            return Ok(false);
        };
        let mut t = s.lock();
        if t.version == version {
            t.remove_at(i);
            return Ok(true);
        }
    }
}

/// The elements in iteration order.
pub fn keys(s: &SetBody) -> Vec<Value> {
    s.lock().iter().map(|e| e.key).collect()
}

/// `set.add` for the `SetAdd` opcode.
pub fn set_add(vm: &mut Vm, s: Value, item: Value) -> PyResult<()> {
    match set_of(s) {
        Some(s) => insert(vm, s, item),
        None => Ok(()),
    }
}

/// `set.update(iterable)` for the `SetUpdate` opcode.
pub fn set_update(vm: &mut Vm, s: Value, iterable: Value) -> PyResult<()> {
    let Some(s) = set_of(s) else {
        return Ok(());
    };
    if let Some(other) = set_of(iterable) {
        return merge(vm, s, other);
    }
    if let Some(d) = Gc::<crate::types::dict::DictBody>::from_value(ops::unwrap_payload(iterable))
        && ops::type_of(vm, iterable) == vm.rt.types.dict
    {
        // CPython's `set_update_dict`: room for every key first, then each in dict order.
        let entries: Vec<(Value, i64)> = d.lock().iter().map(|e| (e.key, e.hash)).collect();
        let holder = vm.new_tuple(entries.iter().map(|e| e.0).collect());
        s.lock().presize(entries.len());
        for (key, h) in entries {
            insert_hashed(vm, s, key, h)?;
        }
        std::hint::black_box(holder);
        return Ok(());
    }
    let items = ops::iter::collect(vm, iterable)?;
    let holder = vm.new_tuple(items.clone());
    for item in items {
        insert(vm, s, item)?;
    }
    std::hint::black_box(holder);
    Ok(())
}

/// Adds every key of `other` to `s` (CPython's `set_merge`, which fixes the iteration
/// order of copies and unions).
fn merge(vm: &mut Vm, s: Gc<SetBody>, other: Gc<SetBody>) -> PyResult<()> {
    let snapshot = other.lock().clone();
    if snapshot.is_empty() {
        return Ok(());
    }
    {
        let mut t = s.lock();
        t.presize(snapshot.len());
        if t.is_pristine() {
            t.fill_from(&snapshot);
            return Ok(());
        }
    }
    let entries: Vec<(Value, i64)> = snapshot.iter().map(|e| (e.key, e.hash)).collect();
    let holder = vm.new_tuple(entries.iter().map(|e| e.0).collect());
    for (key, h) in entries {
        insert_hashed(vm, s, key, h)?;
    }
    std::hint::black_box(holder);
    Ok(())
}

/// An empty set or frozenset.
fn empty_set(vm: &mut Vm, frozen: bool) -> Gc<SetBody> {
    let ty = if frozen {
        vm.rt.types.frozenset
    } else {
        vm.rt.types.set
    };
    vm.alloc(
        ty,
        SetBody {
            table: Default::default(),
            frozen,
        },
    )
}

/// A copy of `s` (`set_copy`: a merge into an empty set).
fn copy_of(vm: &mut Vm, s: Gc<SetBody>, frozen: bool) -> PyResult<Gc<SetBody>> {
    let r = empty_set(vm, frozen);
    merge(vm, r, s)?;
    Ok(r)
}

pub fn set_contains(vm: &mut Vm, s: Value, item: Value) -> PyResult<bool> {
    contains(vm, set_of(s).expect("set"), item)
}

fn is_subset(vm: &mut Vm, a: Gc<SetBody>, b: Gc<SetBody>) -> PyResult<bool> {
    let la = a.lock().len();
    let lb = b.lock().len();
    if la > lb {
        return Ok(false);
    }
    for k in keys(&a) {
        if !contains(vm, b, k)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Comparisons between sets (subset order and equality).
pub fn set_compare(vm: &mut Vm, a: Value, b: Value, op: CmpOp) -> PyResult<Option<bool>> {
    let (Some(x), Some(y)) = (set_of(a), set_of(b)) else {
        return Ok(None);
    };
    let lx = x.lock().len();
    let ly = y.lock().len();
    Ok(Some(match op {
        CmpOp::Eq => lx == ly && is_subset(vm, x, y)?,
        CmpOp::Ne => !(lx == ly && is_subset(vm, x, y)?),
        CmpOp::Le => is_subset(vm, x, y)?,
        CmpOp::Lt => lx < ly && is_subset(vm, x, y)?,
        CmpOp::Ge => is_subset(vm, y, x)?,
        CmpOp::Gt => lx > ly && is_subset(vm, y, x)?,
        _ => return Ok(None),
    }))
}

fn result_type(vm: &Vm, a: Value) -> bool {
    // The result of an operator has the left operand's builtin kind.
    set_of(a).is_some_and(|s| s.frozen) || type_of(vm, a) == vm.rt.types.frozenset
}

fn combine(
    vm: &mut Vm,
    x: Gc<SetBody>,
    y: Gc<SetBody>,
    op: BinOp,
    frozen: bool,
) -> PyResult<Value> {
    // Each operator builds its result the way CPython's does, so the result's
    // iteration order matches.
    match op {
        BinOp::Or => {
            // `set_or`: a copy of x, then x's merge with y.
            let r = copy_of(vm, x, frozen)?;
            merge(vm, r, y)?;
            Ok(r.value())
        }
        BinOp::And => {
            // `set_intersection`: walk the smaller set, keep what the larger has.
            let (small, large) = if y.lock().len() > x.lock().len() {
                (x, y)
            } else {
                (y, x)
            };
            let r = empty_set(vm, frozen);
            let holder = small.value();
            for k in keys(&small) {
                if contains(vm, large, k)? {
                    insert(vm, r, k)?;
                }
            }
            std::hint::black_box(holder);
            Ok(r.value())
        }
        BinOp::Sub => {
            // `set_difference`: a copy minus y when x is much larger, else a walk of x.
            let (lx, ly) = (x.lock().len(), y.lock().len());
            if lx >> 2 > ly {
                let r = copy_of(vm, x, frozen)?;
                for k in keys(&y) {
                    remove(vm, r, k)?;
                }
                return Ok(r.value());
            }
            let r = empty_set(vm, frozen);
            for k in keys(&x) {
                if !contains(vm, y, k)? {
                    insert(vm, r, k)?;
                }
            }
            Ok(r.value())
        }
        _ => {
            // `set_symmetric_difference`: a copy of x, then each key of y toggled.
            let r = copy_of(vm, x, frozen)?;
            for k in keys(&y) {
                if !remove(vm, r, k)? {
                    insert(vm, r, k)?;
                }
            }
            Ok(r.value())
        }
    }
}

/// `|`, `&`, `-`, `^` between sets.
pub fn set_binary(vm: &mut Vm, a: Value, b: Value, op: BinOp) -> PyResult<Option<Value>> {
    if !matches!(op, BinOp::Or | BinOp::And | BinOp::Sub | BinOp::Xor) {
        return Ok(None);
    }
    let (Some(x), Some(y)) = (set_of(a), set_of(b)) else {
        return Ok(None);
    };
    let frozen = result_type(vm, a);
    combine(vm, x, y, op, frozen).map(Some)
}

/// `|=`, `&=`, `-=`, `^=` on a set.
pub fn set_inplace(vm: &mut Vm, a: Value, b: Value, op: BinOp) -> PyResult<Option<Value>> {
    if !matches!(op, BinOp::Or | BinOp::And | BinOp::Sub | BinOp::Xor) {
        return Ok(None);
    }
    let (Some(x), Some(y)) = (set_of(a), set_of(b)) else {
        return Ok(None);
    };
    match op {
        BinOp::Or => merge(vm, x, y)?,
        BinOp::Sub if x == y => x.lock().clear(),
        BinOp::Sub => {
            for k in keys(&y) {
                remove(vm, x, k)?;
            }
        }
        BinOp::Xor if x == y => x.lock().clear(),
        BinOp::Xor => {
            for k in keys(&y) {
                if !remove(vm, x, k)? {
                    insert(vm, x, k)?;
                }
            }
        }
        _ => {
            // `set_intersection_update`: the intersection replaces the contents.
            let r = combine(vm, x, y, op, false)?;
            let table = set_of(r).map(|r| r.lock().clone()).unwrap_or_default();
            *x.lock() = table;
        }
    }
    Ok(Some(a))
}

fn self_set(vm: &mut Vm, args: &Args, name: &str) -> PyResult<Gc<SetBody>> {
    match args.values.first().and_then(|v| set_of(*v)) {
        Some(s) => Ok(s),
        None => Err(vm.type_error(format!("descriptor '{name}' requires a 'set' object"))),
    }
}

fn new_for(vm: &mut Vm, args: &Args, frozen: bool) -> PyResult<Value> {
    let name = if frozen { "frozenset" } else { "set" };
    args.no_kwargs(vm, name)?;
    let pos = args.pos();
    let cls = Gc::<TypeBody>::from_value(pos[0]).expect("cls");
    if pos.len() > 2 {
        return Err(vm.type_error(format!(
            "{name} expected at most 1 argument, got {}",
            pos.len() - 1
        )));
    }
    let s = empty_set(vm, frozen).value();
    if frozen && let Some(&it) = pos.get(1) {
        set_update(vm, s, it)?;
    }
    let builtin = if frozen {
        vm.rt.types.frozenset
    } else {
        vm.rt.types.set
    };
    if cls == builtin {
        return Ok(s);
    }
    Ok(crate::builtins::numbers::wrap_payload(vm, cls, s))
}

fn set_new(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    new_for(vm, args, false)
}

fn frozenset_new(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    new_for(vm, args, true)
}

fn set_init(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let s = self_set(vm, args, "__init__")?;
    if s.frozen {
        return Ok(Value::NONE);
    }
    let pos = args.pos();
    if pos.len() > 2 {
        return Err(vm.type_error(format!(
            "set expected at most 1 argument, got {}",
            pos.len() - 1
        )));
    }
    s.lock().clear();
    if let Some(&it) = pos.get(1) {
        set_update(vm, s.value(), it)?;
    }
    Ok(Value::NONE)
}

fn m_add(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let s = self_set(vm, args, "add")?;
    let a = args.method_one(vm, "set.add")?;
    insert(vm, s, a[1])?;
    Ok(Value::NONE)
}

fn m_remove(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let s = self_set(vm, args, "remove")?;
    let a = args.method_one(vm, "set.remove")?;
    if !remove(vm, s, a[1])? {
        return Err(vm.key_error(a[1]));
    }
    Ok(Value::NONE)
}

fn m_discard(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let s = self_set(vm, args, "discard")?;
    let a = args.method_one(vm, "set.discard")?;
    remove(vm, s, a[1])?;
    Ok(Value::NONE)
}

fn m_pop(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let s = self_set(vm, args, "pop")?;
    let e = s.lock().pop();
    match e {
        Some(e) => Ok(e.key),
        None => Err(vm.new_error(vm.rt.exc.key_error, "pop from an empty set")),
    }
}

fn m_clear(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let s = self_set(vm, args, "clear")?;
    s.lock().clear();
    Ok(Value::NONE)
}

fn m_copy(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let s = self_set(vm, args, "copy")?;
    if s.frozen && ops::type_of(vm, args.values[0]) == vm.rt.types.frozenset {
        return Ok(args.values[0]);
    }
    Ok(copy_of(vm, s, s.frozen)?.value())
}

fn others(vm: &mut Vm, args: &Args) -> PyResult<Vec<Gc<SetBody>>> {
    let mut out = Vec::new();
    for &o in &args.pos()[1..] {
        let s = match set_of(o) {
            Some(s) => s,
            None => {
                let items = ops::iter::collect(vm, o)?;
                let v = new_set_from(vm, &items, true)?;
                set_of(v).expect("set")
            }
        };
        out.push(s);
    }
    Ok(out)
}

fn multi(vm: &mut Vm, args: &Args, op: BinOp, name: &str, in_place: bool) -> PyResult<Value> {
    let s = self_set(vm, args, name)?;
    args.no_kwargs(vm, name)?;
    if op == BinOp::Or {
        // `set.update`/`set.union`: each argument is merged or added in turn.
        let target = if in_place {
            s
        } else {
            copy_of(vm, s, s.frozen)?
        };
        for &o in &args.pos()[1..] {
            set_update(vm, target.value(), o)?;
        }
        return Ok(if in_place {
            Value::NONE
        } else {
            target.value()
        });
    }
    let os = others(vm, args)?;
    let mut acc = s;
    let mut acc_v = s.value();
    for o in os {
        acc_v = combine(vm, acc, o, op, s.frozen && !in_place)?;
        acc = set_of(acc_v).expect("set");
    }
    if in_place {
        let table = acc.lock().clone();
        *s.lock() = table;
        return Ok(Value::NONE);
    }
    if acc == s {
        let items = keys(&s);
        return new_set_from(vm, &items, s.frozen);
    }
    Ok(acc_v)
}

fn m_union(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    multi(vm, args, BinOp::Or, "union", false)
}
fn m_intersection(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    multi(vm, args, BinOp::And, "intersection", false)
}
fn m_difference(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    multi(vm, args, BinOp::Sub, "difference", false)
}
fn m_symmetric_difference(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    multi(vm, args, BinOp::Xor, "symmetric_difference", false)
}
fn m_update(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    multi(vm, args, BinOp::Or, "update", true)
}
fn m_intersection_update(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    multi(vm, args, BinOp::And, "intersection_update", true)
}
fn m_difference_update(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    multi(vm, args, BinOp::Sub, "difference_update", true)
}
fn m_symmetric_difference_update(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    multi(vm, args, BinOp::Xor, "symmetric_difference_update", true)
}

fn relation(vm: &mut Vm, args: &Args, name: &str) -> PyResult<Value> {
    let s = self_set(vm, args, name)?;
    let os = others(vm, args)?;
    let Some(&o) = os.first() else {
        return Err(vm.type_error(format!("{name}() takes exactly one argument (0 given)")));
    };
    let r = match name {
        "issubset" => is_subset(vm, s, o)?,
        "issuperset" => is_subset(vm, o, s)?,
        _ => {
            let mut disjoint = true;
            for k in keys(&s) {
                if contains(vm, o, k)? {
                    disjoint = false;
                    break;
                }
            }
            disjoint
        }
    };
    Ok(Value::from_bool(r))
}

fn m_issubset(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    relation(vm, args, "issubset")
}
fn m_issuperset(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    relation(vm, args, "issuperset")
}
fn m_isdisjoint(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    relation(vm, args, "isdisjoint")
}

fn frozenset_hash(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let s = self_set(vm, args, "__hash__")?;
    // CPython's frozenset_hash: xor of shuffled element hashes, then a final mix.
    let mut h: u64 = 0;
    for k in keys(&s) {
        let x = hash::hash(vm, k)? as u64;
        h ^= ((x ^ 89_869_747) ^ (x << 16)).wrapping_mul(3_644_798_167);
    }
    h ^= (s.lock().len() as u64 + 1).wrapping_mul(1_927_868_237);
    h ^= (h >> 11) ^ (h >> 25);
    h = h.wrapping_mul(69_069).wrapping_add(907_133_923);
    let h = if h as i64 == -1 {
        590_923_713
    } else {
        h as i64
    };
    Ok(vm.new_int(h))
}

const COMMON: [MethodDef; 10] = [
    method("copy", m_copy),
    method("union", m_union),
    method("intersection", m_intersection),
    method("difference", m_difference),
    method("symmetric_difference", m_symmetric_difference),
    method("issubset", m_issubset),
    method("issuperset", m_issuperset),
    method("isdisjoint", m_isdisjoint),
    method("__init__", set_init),
    method("__contains__", contains_method),
];

fn contains_method(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let s = self_set(vm, args, "__contains__")?;
    let a = args.range(vm, "__contains__", 2, 2)?;
    contains(vm, s, a[1]).map(Value::from_bool)
}

pub const SET_METHODS: &[MethodDef] = &[
    staticmethod("__new__", set_new),
    method("add", m_add),
    method("remove", m_remove),
    method("discard", m_discard),
    method("pop", m_pop),
    method("clear", m_clear),
    method("update", m_update),
    method("intersection_update", m_intersection_update),
    method("difference_update", m_difference_update),
    method("symmetric_difference_update", m_symmetric_difference_update),
    COMMON[0],
    COMMON[1],
    COMMON[2],
    COMMON[3],
    COMMON[4],
    COMMON[5],
    COMMON[6],
    COMMON[7],
    COMMON[8],
    COMMON[9],
];

pub const FROZENSET_METHODS: &[MethodDef] = &[
    staticmethod("__new__", frozenset_new),
    method("__hash__", frozenset_hash),
    COMMON[0],
    COMMON[1],
    COMMON[2],
    COMMON[3],
    COMMON[4],
    COMMON[5],
    COMMON[6],
    COMMON[7],
    COMMON[8],
    COMMON[9],
];

/// Whether `v` is a set or frozenset (any subclass).
pub fn is_set(v: Value) -> bool {
    kind_of(ops::unwrap_payload(v)) == Some(ObjKind::Set)
}
