//! `set` and `frozenset` objects and their storage: an open-addressing table laid out as
//! CPython's Objects/setobject.c lays it out (linear probes of up to nine slots, then the
//! perturbed jump; growth at 60% fill to four times the size), so that iteration order,
//! and hence every printed set, matches CPython's. As for dicts, key equality is decided
//! by the caller (`ops::dictops::lookup`), because `__eq__` may run Python code.

use parking_lot::Mutex;

use crate::gc::Tracer;
use crate::object::Trace;
use crate::types::dict::{KeyTable, Probe};
use crate::value::Value;

/// `PySet_MINSIZE`.
const MIN_SIZE: usize = 8;
/// `LINEAR_PROBES`: slots tried next to the home slot before jumping.
const LINEAR_PROBES: usize = 9;
const PERTURB_SHIFT: u32 = 5;

/// One slot of the table, 16 bytes like CPython's `setentry`: a live key with its hash,
/// or no key and a hash of 0 (never used) or -1 (a removed key's dummy, which probing
/// passes over and insertion may reuse; no real hash is -1).
#[derive(Clone, Copy, Debug)]
pub struct SetEntry {
    pub hash: i64,
    pub key: Value,
}

const EMPTY: SetEntry = SetEntry {
    hash: 0,
    key: Value::UNSET,
};
const DUMMY: SetEntry = SetEntry {
    hash: -1,
    key: Value::UNSET,
};

impl SetEntry {
    fn is_live(&self) -> bool {
        !self.key.is_unset()
    }

    fn is_empty(&self) -> bool {
        self.key.is_unset() && self.hash == 0
    }

    fn is_dummy(&self) -> bool {
        self.key.is_unset() && self.hash == -1
    }
}

/// The table itself (no locking, no Python calls).
#[derive(Debug, Clone)]
pub struct SetTable {
    slots: Vec<SetEntry>,
    /// Live keys.
    used: usize,
    /// Live keys plus dummies.
    fill: usize,
    /// Where `pop` starts looking (CPython's `finger`).
    finger: usize,
    /// Bumped by every insertion and removal, so lock-releasing lookups can tell that
    /// the table changed under them.
    pub version: u64,
}

impl Default for SetTable {
    fn default() -> SetTable {
        SetTable {
            slots: vec![EMPTY; MIN_SIZE],
            used: 0,
            fill: 0,
            finger: 0,
            version: 0,
        }
    }
}

/// The slots visited for `hash`, in CPython's order: each stop of the perturbed sequence
/// followed by up to `LINEAR_PROBES` neighbours when they fit before the table's end.
fn probe_sequence(hash: i64, mask: usize) -> impl Iterator<Item = usize> {
    let run_length = move |i: usize| {
        if i + LINEAR_PROBES <= mask {
            LINEAR_PROBES
        } else {
            0
        }
    };
    let mut perturb = hash as u64;
    let mut i = (hash as u64 as usize) & mask;
    let mut run = 0;
    let mut run_len = run_length(i);
    std::iter::from_fn(move || {
        if run > run_len {
            perturb >>= PERTURB_SHIFT;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
            run = 0;
            run_len = run_length(i);
        }
        let slot = i + run;
        run += 1;
        Some(slot)
    })
}

impl SetTable {
    fn mask(&self) -> usize {
        self.slots.len() - 1
    }

    pub fn len(&self) -> usize {
        self.used
    }

    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    /// Inserts a key known to be absent: into the first dummy met before an empty slot,
    /// else into that empty slot, growing the table past 60% fill (`set_add_entry`).
    pub fn insert_new(&mut self, hash: i64, key: Value) {
        let mask = self.mask();
        let mut reuse = None;
        let mut empty = 0;
        for i in probe_sequence(hash, mask) {
            let slot = &self.slots[i];
            if slot.is_empty() {
                empty = i;
                break;
            }
            if slot.is_dummy() && reuse.is_none() {
                reuse = Some(i);
            }
        }
        self.version += 1;
        self.used += 1;
        let entry = SetEntry { hash, key };
        if let Some(i) = reuse {
            self.slots[i] = entry;
            return;
        }
        self.slots[empty] = entry;
        self.fill += 1;
        if self.fill * 5 >= mask * 3 {
            self.resize(if self.used > 50_000 {
                self.used * 2
            } else {
                self.used * 4
            });
        }
    }

    /// Rebuilds the table with more than `min_used` slots, re-inserting the live keys in
    /// slot order (`set_table_resize`).
    fn resize(&mut self, min_used: usize) {
        let mut size = MIN_SIZE;
        while size <= min_used {
            size <<= 1;
        }
        let old = std::mem::replace(&mut self.slots, vec![EMPTY; size]);
        self.place_all(old.iter().filter(|e| e.is_live()));
        self.fill = self.used;
    }

    /// Puts distinct live entries into the first empty slot of their probe sequences
    /// (`set_insert_clean`), in order.
    fn place_all<'a>(&mut self, entries: impl Iterator<Item = &'a SetEntry>) {
        let mask = self.mask();
        for e in entries {
            if let Some(i) = probe_sequence(e.hash, mask).find(|&i| self.slots[i].is_empty()) {
                self.slots[i] = *e;
            }
        }
    }

    /// Makes room before `incoming` keys are merged in from another set or a dict
    /// (`set_merge`, `set_update_dict`).
    pub fn presize(&mut self, incoming: usize) {
        if (self.fill + incoming) * 5 >= self.mask() * 3 {
            self.resize((self.used + incoming) * 2);
        }
    }

    /// Whether nothing was stored since the last resize or clear (no keys, no dummies),
    /// so keys known to be distinct can be placed without comparisons.
    pub fn is_pristine(&self) -> bool {
        self.fill == 0
    }

    /// Copies `other`'s distinct keys into this pristine table (`set_merge`'s fast
    /// paths): slot for slot when both tables have the same size, else each key into its
    /// first free slot, in `other`'s order.
    pub fn fill_from(&mut self, other: &SetTable) {
        if self.slots.len() == other.slots.len() {
            self.slots = other
                .slots
                .iter()
                .map(|e| if e.is_live() { *e } else { EMPTY })
                .collect();
        } else {
            self.place_all(other.iter());
        }
        self.used = other.used;
        self.fill = other.used;
        self.version += 1;
    }

    /// Removes the key at slot `index` and returns it (`None` if the slot is free).
    pub fn remove_at(&mut self, index: usize) -> Option<SetEntry> {
        let e = *self.slots.get(index).filter(|e| e.is_live())?;
        self.slots[index] = DUMMY;
        self.used -= 1;
        self.version += 1;
        Some(e)
    }

    /// The live entries in slot order (iteration order).
    pub fn iter(&self) -> impl Iterator<Item = &SetEntry> {
        self.slots.iter().filter(|e| e.is_live())
    }

    pub fn clear(&mut self) {
        *self = SetTable {
            version: self.version + 1,
            ..SetTable::default()
        };
    }

    /// Removes and returns an arbitrary key: the first live slot from the finger on
    /// (`set_pop`).
    pub fn pop(&mut self) -> Option<SetEntry> {
        if self.used == 0 {
            return None;
        }
        let n = self.slots.len();
        let start = self.finger & self.mask();
        let index = (0..n)
            .map(|k| (start + k) % n)
            .find(|&i| self.slots[i].is_live())?;
        self.finger = index + 1;
        self.remove_at(index)
    }
}

impl KeyTable for SetTable {
    fn probe(
        &self,
        hash: i64,
        mut eq: impl FnMut(Value) -> Option<bool>,
        mut skip: usize,
    ) -> Probe {
        for i in probe_sequence(hash, self.mask()) {
            let slot = &self.slots[i];
            if slot.is_empty() {
                return Probe::Missing;
            }
            if slot.is_live() && slot.hash == hash {
                match eq(slot.key) {
                    Some(true) => return Probe::Found(i),
                    Some(false) => {}
                    None if skip == 0 => return Probe::Undecided(i),
                    None => skip -= 1,
                }
            }
        }
        Probe::Missing
    }

    fn key_at(&self, index: usize) -> Option<Value> {
        self.slots.get(index).filter(|e| e.is_live()).map(|e| e.key)
    }

    fn version(&self) -> u64 {
        self.version
    }
}

/// A `set` or `frozenset` object (the type tells which; `frozen` mirrors it for speed).
pub struct SetBody {
    pub table: Mutex<SetTable>,
    pub frozen: bool,
}

impl SetBody {
    /// Locks the table.
    #[inline]
    pub fn lock(&self) -> parking_lot::MutexGuard<'_, SetTable> {
        self.table.lock()
    }
}

impl Trace for SetBody {
    fn trace(&self, tracer: &mut Tracer) {
        for e in self.table.lock().iter() {
            tracer.visit(e.key);
        }
    }
}
