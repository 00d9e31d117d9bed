//! Dict and set storage operations with Python semantics: keys are hashed with `hash()`
//! and compared with `==`, which may run Python code. The dict's lock is never held
//! while Python code runs: a probe that meets a key needing `__eq__` releases the lock,
//! compares, and re-probes if the table changed meanwhile (CPython restarts lookups the
//! same way when a comparison mutates the dict).

use crate::errors::PyResult;
use crate::gc::write_barrier;
use crate::interp::Vm;
use crate::object::Gc;
use crate::ops::{compare, hash};
use crate::types::dict::{DictBody, KeyTable, Probe};
use crate::value::Value;

use parking_lot::Mutex;

/// Whether two keys are equal without running Python code, when that can be decided:
/// identity, str/str, int/int, float/float and int/float.
#[inline]
pub fn fast_key_eq(a: Value, b: Value) -> Option<bool> {
    if a == b {
        return Some(true);
    }
    compare::builtin_eq(a, b)
}

/// Finds `key` (with hash `hash`) in `table`; returns the entry index.
pub fn lookup<T: KeyTable>(
    vm: &mut Vm,
    table: &Mutex<T>,
    key: Value,
    hash: i64,
) -> PyResult<Option<usize>> {
    Ok(lookup_versioned(vm, table, key, hash)?.0)
}

/// [`lookup`], also returning the table version the answer holds for: a caller that
/// locks the table again may act on the answer only while the version is unchanged (no
/// key was added or removed by another thread in between).
pub fn lookup_versioned<T: KeyTable>(
    vm: &mut Vm,
    table: &Mutex<T>,
    key: Value,
    hash: i64,
) -> PyResult<(Option<usize>, u64)> {
    let mut skip = 0;
    loop {
        let (probe, version) = {
            let t = table.lock();
            (t.probe(hash, |k| fast_key_eq(k, key), skip), t.version())
        };
        match probe {
            Probe::Found(i) => return Ok((Some(i), version)),
            Probe::Missing => return Ok((None, version)),
            Probe::Undecided(i) => {
                let Some(candidate) = table.lock().key_at(i) else {
                    skip = 0;
                    continue;
                };
                let equal = compare::eq(vm, candidate, key)?;
                let t = table.lock();
                if t.version() != version || t.key_at(i) != Some(candidate) {
                    // The comparison changed the table: start over.
                    skip = 0;
                    continue;
                }
                if equal {
                    return Ok((Some(i), version));
                }
                skip += 1;
            }
        }
    }
}

/// `d.get(key)`.
pub fn get(vm: &mut Vm, d: Gc<DictBody>, key: Value) -> PyResult<Option<Value>> {
    let h = hash::hash_key(vm, key, hash::KeyRole::DictKey)?;
    let Some(i) = lookup(vm, d.raw_table(), key, h)? else {
        return Ok(None);
    };
    Ok(d.lock().entry(i).map(|e| e.value))
}

/// `d[key] = value`.
pub fn set(vm: &mut Vm, d: Gc<DictBody>, key: Value, value: Value) -> PyResult<()> {
    let h = hash::hash_key(vm, key, hash::KeyRole::DictKey)?;
    set_hashed(vm, d, key, h, value)
}

/// `d[key] = value` with the key's hash already computed.
pub fn set_hashed(vm: &mut Vm, d: Gc<DictBody>, key: Value, h: i64, value: Value) -> PyResult<()> {
    write_barrier(d.value(), key);
    write_barrier(d.value(), value);
    loop {
        let (found, version) = lookup_versioned(vm, d.raw_table(), key, h)?;
        let mut t = d.lock();
        if t.version() != version {
            // Another thread added or removed a key meanwhile: look again.
            continue;
        }
        match found {
            Some(i) => t.set_value(i, value),
            None => t.insert_new(h, key, value),
        }
        return Ok(());
    }
}

/// `d.setdefault(key, default)`: the value under `key`, storing `default` first when
/// there is none. Atomic: threads racing on one key all get the value that stays.
pub fn setdefault(vm: &mut Vm, d: Gc<DictBody>, key: Value, default: Value) -> PyResult<Value> {
    let h = hash::hash_key(vm, key, hash::KeyRole::DictKey)?;
    loop {
        let (found, version) = lookup_versioned(vm, d.raw_table(), key, h)?;
        let mut t = d.lock();
        if t.version() != version {
            continue;
        }
        return Ok(match found.and_then(|i| t.entry(i).map(|e| e.value)) {
            Some(existing) => existing,
            None => {
                write_barrier(d.value(), key);
                write_barrier(d.value(), default);
                t.insert_new(h, key, default);
                default
            }
        });
    }
}

/// `del d[key]`: returns the removed value, or `None` when absent.
pub fn remove(vm: &mut Vm, d: Gc<DictBody>, key: Value) -> PyResult<Option<Value>> {
    let h = hash::hash_key(vm, key, hash::KeyRole::DictKey)?;
    loop {
        let (found, version) = lookup_versioned(vm, d.raw_table(), key, h)?;
        let Some(i) = found else {
            return Ok(None);
        };
        let mut t = d.lock();
        if t.version() != version {
            continue;
        }
        return Ok(Some(t.remove_at(i).value));
    }
}

/// Looks up a str key given as Rust text, without running Python code (attribute and
/// global lookups, where keys are strs).
pub fn get_str(d: &DictBody, key: &str) -> Option<Value> {
    get_str_hashed(d, key, hash::str_hash(key))
}

/// [`get_str`] with the key's hash already known.
#[inline]
pub fn get_str_hashed(d: &DictBody, key: &str, h: i64) -> Option<Value> {
    let t = d.lock();
    match t.probe(
        h,
        |k| Some(k.as_addr().is_some() && crate::ops::str_wtf8(k) == Some(key.as_bytes())),
        usize::MAX,
    ) {
        Probe::Found(i) => t.entry(i).map(|e| e.value),
        _ => None,
    }
}

/// Looks up the str object `key` (usually interned: identity is tried before contents,
/// and its hash is cached), without running Python code.
#[inline]
pub fn get_str_value(d: &DictBody, key: Value) -> Option<Value> {
    let s = crate::object::Gc::<crate::types::str::StrBody>::from_value(key)?;
    let text = s.body().wtf8_bytes();
    let t = d.lock();
    match t.probe(
        s.hash(),
        |k| Some(k == key || (k.as_addr().is_some() && crate::ops::str_wtf8(k) == Some(text))),
        usize::MAX,
    ) {
        Probe::Found(i) => t.entry(i).map(|e| e.value),
        _ => None,
    }
}

/// `d[key] = value` for a str key object (never runs Python code).
pub fn set_str(vm: &mut Vm, d: Gc<DictBody>, key: Value, value: Value) {
    // A str key's hash and equality run no Python code, so this cannot fail.
    let _ = set(vm, d, key, value);
}

/// Stores `value` under the interned name `name`.
pub fn set_item_str(vm: &mut Vm, d: Gc<DictBody>, name: &str, value: Value) {
    let key = vm.intern(name);
    set_str(vm, d, key, value);
}

/// A snapshot of the (key, value) pairs in insertion order.
pub fn items(d: &DictBody) -> Vec<(Value, Value)> {
    d.lock().iter().map(|e| (e.key, e.value)).collect()
}
