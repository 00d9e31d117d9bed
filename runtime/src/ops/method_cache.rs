//! A per-thread cache of attribute lookups along types' MROs (CPython's type method
//! cache, Objects/typeobject.c `_PyType_Lookup`).
//!
//! An entry is keyed by the type's version tag (unique per type object) and the name's
//! text, and is valid only while the runtime's type epoch is unchanged: any change to any
//! type's namespace or bases bumps the epoch (`ops::attr::invalidate_type`), so subclass
//! lookups never see a stale answer without the runtime tracking subclasses. Entries hold
//! values that their type's namespace also holds, so they need no rooting; a stale entry
//! is never read.

use crate::value::Value;

const SIZE: usize = 4096;

#[derive(Clone)]
struct Entry {
    version: u64,
    epoch: u64,
    name_ptr: usize,
    name: Box<str>,
    /// The value found, or `UNSET` for "not found".
    value: Value,
}

/// The cache itself (one per `Vm`).
pub struct MethodCache {
    entries: Vec<Entry>,
}

impl Default for MethodCache {
    fn default() -> Self {
        MethodCache {
            entries: vec![
                Entry {
                    version: u64::MAX,
                    epoch: 0,
                    name_ptr: 0,
                    name: Box::from(""),
                    value: Value::UNSET
                };
                SIZE
            ],
        }
    }
}

fn slot(version: u64, name: &str) -> usize {
    let p = name.as_ptr() as usize;
    ((p >> 3) ^ (p >> 13) ^ (version as usize).wrapping_mul(0x9E37_79B9)) & (SIZE - 1)
}

impl MethodCache {
    /// The cached lookup of `name` on the type with `version`, if present:
    /// `Some(None)` means "cached as absent".
    #[inline]
    pub fn get(&self, version: u64, epoch: u64, name: &str) -> Option<Option<Value>> {
        let e = &self.entries[slot(version, name)];
        if e.version == version
            && e.epoch == epoch
            && e.name_ptr == name.as_ptr() as usize
            && &*e.name == name
        {
            return Some(if e.value.is_unset() {
                None
            } else {
                Some(e.value)
            });
        }
        None
    }

    pub fn put(&mut self, version: u64, epoch: u64, name: &str, value: Option<Value>) {
        let e = &mut self.entries[slot(version, name)];
        e.version = version;
        e.epoch = epoch;
        e.name_ptr = name.as_ptr() as usize;
        if &*e.name != name {
            e.name = Box::from(name);
        }
        e.value = value.unwrap_or(Value::UNSET);
    }
}
