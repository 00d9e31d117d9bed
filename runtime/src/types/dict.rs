//! `dict`'s storage: a compact, insertion-ordered hash table (an index table plus a dense
//! entry array), after CPython's Objects/dictobject.c. The differences: indices are
//! always `u32`, and probing is the same perturbed sequence but equality is decided by the
//! caller, because comparing keys may run Python code (`__eq__`) and must then happen
//! without the dict's lock held (see `ops::dict`).

use parking_lot::Mutex;

use crate::gc::Tracer;
use crate::object::Trace;
use crate::value::Value;

const EMPTY: u32 = u32::MAX;
const DELETED: u32 = u32::MAX - 1;
const PERTURB_SHIFT: u32 = 5;

/// Stamps are unique across all dicts, so a cache keyed by (dict address, stamp) can
/// never match a different dict that reused the address.
/// Threads take stamps in blocks, so that dict updates on different threads do not
/// contend on one counter.
static NEXT_STAMP_BLOCK: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
const STAMP_BLOCK: u64 = 1 << 16;

thread_local! {
    /// The next stamp of this thread's block and the block's end.
    static STAMPS: std::cell::Cell<(u64, u64)> = const { std::cell::Cell::new((0, 0)) };
}

fn next_stamp() -> u64 {
    STAMPS.with(|cell| {
        let (mut next, mut end) = cell.get();
        if next == end {
            next = NEXT_STAMP_BLOCK.fetch_add(STAMP_BLOCK, std::sync::atomic::Ordering::Relaxed);
            end = next + STAMP_BLOCK;
        }
        cell.set((next + 1, end));
        next
    })
}

/// One key/value pair with its hash; a deleted entry has an unset key.
#[derive(Clone, Copy, Debug)]
pub struct Entry {
    pub hash: i64,
    pub key: Value,
    pub value: Value,
}

/// The table itself (no locking, no Python calls).
#[derive(Default, Debug, Clone)]
pub struct DictTable {
    indices: Vec<u32>,
    entries: Vec<Entry>,
    used: usize,
    /// Bumped by every insertion of a new key and every deletion, so iterators and
    /// lock-releasing lookups can tell that the table changed under them.
    pub version: u64,
    /// Bumped by every change at all, value updates included: inline caches of global
    /// lookups compare it.
    pub stamp: u64,
}

/// How a probe ended.
pub enum Probe {
    /// The key is at this entry index.
    Found(usize),
    /// Not present.
    Missing,
    /// An entry with the same hash whose key equality the caller must decide (the key may
    /// be a Python object with `__eq__`); probing continues after `Undecided` with
    /// `skip` increased by one.
    Undecided(usize),
}

/// A hash table that `ops::dictops::lookup` can search: the dict table and the set
/// table, which lay out their keys differently.
pub trait KeyTable {
    /// Probes for `hash`. `eq(key)` returns `Some(answer)` when equality can be decided
    /// without running Python code, `None` otherwise. Candidates with `None` are skipped
    /// the first `skip` times and reported as `Undecided` after.
    fn probe(&self, hash: i64, eq: impl FnMut(Value) -> Option<bool>, skip: usize) -> Probe;
    /// The key of the live entry at `index` (as returned by `probe`).
    fn key_at(&self, index: usize) -> Option<Value>;
    /// Changes whenever a key is added or removed.
    fn version(&self) -> u64;
}

impl KeyTable for DictTable {
    fn probe(&self, hash: i64, eq: impl FnMut(Value) -> Option<bool>, skip: usize) -> Probe {
        DictTable::probe(self, hash, eq, skip)
    }
    fn key_at(&self, index: usize) -> Option<Value> {
        DictTable::entry(self, index).map(|e| e.key)
    }
    fn version(&self) -> u64 {
        self.version
    }
}

impl DictTable {
    pub fn with_capacity(n: usize) -> DictTable {
        let mut t = DictTable::default();
        if n > 0 {
            t.indices = vec![EMPTY; (n * 3 / 2).next_power_of_two().max(8)];
            t.entries.reserve(n);
        }
        t
    }

    pub fn len(&self) -> usize {
        self.used
    }

    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    /// Probes for `hash`. `eq(key)` returns `Some(answer)` when equality can be decided
    /// without running Python code, `None` otherwise. Candidates with `None` are skipped
    /// the first `skip` times and reported as `Undecided` after.
    pub fn probe(
        &self,
        hash: i64,
        mut eq: impl FnMut(Value) -> Option<bool>,
        mut skip: usize,
    ) -> Probe {
        if self.indices.is_empty() {
            return Probe::Missing;
        }
        let mask = self.indices.len() - 1;
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        loop {
            match self.indices[i] {
                EMPTY => return Probe::Missing,
                DELETED => {}
                index => {
                    let entry = &self.entries[index as usize];
                    if entry.hash == hash {
                        match eq(entry.key) {
                            Some(true) => return Probe::Found(index as usize),
                            Some(false) => {}
                            None if skip == 0 => return Probe::Undecided(index as usize),
                            None => skip -= 1,
                        }
                    }
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
    }

    pub fn entry(&self, index: usize) -> Option<&Entry> {
        self.entries.get(index).filter(|e| !e.key.is_unset())
    }

    pub fn set_value(&mut self, index: usize, value: Value) {
        self.stamp = next_stamp();
        self.entries[index].value = value;
    }

    /// Appends a key known to be absent.
    pub fn insert_new(&mut self, hash: i64, key: Value, value: Value) {
        if (self.entries.len() + 1) * 3 >= self.indices.len() * 2 {
            self.resize((self.used + 1) * 3);
        }
        let index = self.entries.len() as u32;
        self.entries.push(Entry { hash, key, value });
        self.place(hash, index);
        self.used += 1;
        self.version += 1;
        self.stamp = next_stamp();
    }

    fn place(&mut self, hash: i64, index: u32) {
        let mask = self.indices.len() - 1;
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        while self.indices[i] != EMPTY {
            perturb >>= PERTURB_SHIFT;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
        self.indices[i] = index;
    }

    fn resize(&mut self, min_slots: usize) {
        let size = min_slots.next_power_of_two().max(8);
        let live: Vec<Entry> = self
            .entries
            .drain(..)
            .filter(|e| !e.key.is_unset())
            .collect();
        self.entries = live;
        self.indices = vec![EMPTY; size];
        for index in 0..self.entries.len() {
            let hash = self.entries[index].hash;
            self.place(hash, index as u32);
        }
    }

    /// Removes the entry at `index` and returns it.
    pub fn remove_at(&mut self, index: usize) -> Entry {
        let entry = self.entries[index];
        let mask = self.indices.len() - 1;
        let mut perturb = entry.hash as u64;
        let mut i = (entry.hash as u64 as usize) & mask;
        while self.indices[i] != index as u32 {
            perturb >>= PERTURB_SHIFT;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
        self.indices[i] = DELETED;
        self.entries[index].key = Value::UNSET;
        self.entries[index].value = Value::UNSET;
        self.used -= 1;
        self.version += 1;
        self.stamp = next_stamp();
        if self.used == 0 {
            self.entries.clear();
            self.indices.iter_mut().for_each(|s| *s = EMPTY);
        }
        entry
    }

    /// The live entry at or after position `pos` in insertion order, with the position
    /// after it (iteration).
    pub fn next_entry(&self, mut pos: usize) -> Option<(usize, Entry)> {
        while pos < self.entries.len() {
            let e = self.entries[pos];
            pos += 1;
            if !e.key.is_unset() {
                return Some((pos, e));
            }
        }
        None
    }

    pub fn iter(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(|e| !e.key.is_unset())
    }

    pub fn clear(&mut self) {
        *self = DictTable {
            version: self.version + 1,
            stamp: next_stamp(),
            ..DictTable::default()
        };
    }

    /// Removes and returns the last-inserted entry (`popitem`).
    pub fn pop_last(&mut self) -> Option<Entry> {
        let index = self.entries.iter().rposition(|e| !e.key.is_unset())?;
        Some(self.remove_at(index))
    }
}

/// A `dict` object (and the payload of dict subclasses).
#[derive(Default)]
pub struct DictBody {
    /// The table. Lock it through [`DictBody::lock`], which keeps `stamp` up to date; the
    /// raw mutex is only for lookups that never modify the table (`ops::dictops::lookup`).
    table: Mutex<DictTable>,
    /// A copy of the table's stamp, readable without the lock: global-variable caches
    /// compare it on every load, from every thread, so it must not bounce a lock's cache
    /// line between cores.
    stamp: std::sync::atomic::AtomicU64,
}

/// The locked table of a dict; unlocking publishes its stamp.
pub struct DictGuard<'a> {
    table: parking_lot::MutexGuard<'a, DictTable>,
    stamp: &'a std::sync::atomic::AtomicU64,
}

impl std::ops::Deref for DictGuard<'_> {
    type Target = DictTable;
    fn deref(&self) -> &DictTable {
        &self.table
    }
}

impl std::ops::DerefMut for DictGuard<'_> {
    fn deref_mut(&mut self) -> &mut DictTable {
        &mut self.table
    }
}

impl Drop for DictGuard<'_> {
    fn drop(&mut self) {
        use std::sync::atomic::Ordering;
        if self.stamp.load(Ordering::Relaxed) != self.table.stamp {
            self.stamp.store(self.table.stamp, Ordering::Release);
        }
    }
}

impl DictBody {
    pub fn new(table: DictTable) -> DictBody {
        let stamp = std::sync::atomic::AtomicU64::new(table.stamp);
        DictBody {
            table: Mutex::new(table),
            stamp,
        }
    }

    /// Locks the table.
    #[inline]
    pub fn lock(&self) -> DictGuard<'_> {
        DictGuard {
            table: self.table.lock(),
            stamp: &self.stamp,
        }
    }

    /// The table's mutex, for read-only probing that unlocks around key comparisons.
    pub fn raw_table(&self) -> &Mutex<DictTable> {
        &self.table
    }

    /// The stamp of the table's last change, without locking (see `DictTable::stamp`).
    #[inline]
    pub fn stamp(&self) -> u64 {
        self.stamp.load(std::sync::atomic::Ordering::Acquire)
    }
}

impl Trace for DictBody {
    fn trace(&self, tracer: &mut Tracer) {
        for e in self.table.lock().iter() {
            tracer.visit(e.key);
            tracer.visit(e.value);
        }
    }
}
