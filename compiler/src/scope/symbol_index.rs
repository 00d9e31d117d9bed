//! The name → position index of a scope's symbol list, keeping no copy of the names.
//!
//! Every scope has one, while it is built and in the finished table. A map keyed by the
//! name's text would hold a second owned copy of every name beside the symbol's own, one
//! more allocation per symbol, and would hash the texts again whenever it grows. This
//! index stores only each name's hash and its position in the list; the text is read from
//! the symbol list itself when a probe needs to compare it.
//!
//! Most scopes hold a handful of names (half of all scopes are `__annotate__` scopes with
//! one or two), so an index of up to [`SMALL`] names keeps no table at all and searches
//! the list itself: a table would be an allocation, a wipe and a free for each of them.

use crate::short_text::{SHORT, same_short_text, same_text};
use std::hash::Hasher;

/// Marks an empty slot.
const EMPTY: u32 = u32::MAX;

/// How many names an index holds without a table.
const SMALL: usize = 8;

/// An open-addressing table (linear probing) of `(hash, position)` slots. The symbol list
/// it indexes is passed to each call as a function from a position to its name. Positions
/// are inserted in order (`0, 1, 2, …`), which is what lets a small index do without its
/// table: its names are the positions below `len`.
#[derive(Debug, Clone, Default)]
pub(crate) struct SymbolIndex {
    /// A power-of-two number of slots, or none while the index is small.
    slots: Vec<(u32, u32)>,
    len: usize,
}

/// The hash of a name, folded to 32 bits: what the index files `name` under, computed
/// once by callers that look the same name up in several indexes.
///
/// Names are short, most under 16 bytes: like [`crate::short_text::same_bytes`], two
/// overlapping loads read all of such a name, and one wide multiplication of the two mixes
/// every bit of both into every bit of the result. A general byte hasher spent more
/// instructions on its length cases than this does on the whole name.
#[inline]
pub(crate) fn name_hash(name: &str) -> u32 {
    let bytes = name.as_bytes();
    let len = bytes.len();
    let word = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap());
    let half = |at: usize| u64::from(u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap()));
    // The longest names are tested first: `self` and most other names take the first
    // two branches.
    let (first, last) = if len >= 8 {
        if len > 16 {
            return long_name_hash(bytes);
        }
        (word(0), word(len - 8))
    } else if len >= 4 {
        (half(0), half(len - 4))
    } else if len > 0 {
        let byte = |at: usize| u64::from(bytes[at]);
        (byte(0) | byte(len / 2) << 8 | byte(len - 1) << 16, 0)
    } else {
        (0, 0)
    };
    // Arbitrary odd constants (the fractional digits of pi), so that neither factor is
    // zero for common names; the length tells apart names whose loads overlap alike.
    let product = u128::from(first ^ 0x243f_6a88_85a3_08d3)
        * u128::from(last ^ (len as u64) ^ 0x1319_8a2e_0370_7344);
    // The high half depends on every bit of both factors, so its low bits (what a table
    // slot is picked by) do too.
    ((product as u64) ^ ((product >> 64) as u64)) as u32
}

/// [`name_hash`] of a name longer than 16 bytes.
#[cold]
fn long_name_hash(bytes: &[u8]) -> u32 {
    let mut hasher = rustc_hash::FxHasher::default();
    hasher.write(bytes);
    let hash = hasher.finish();
    (hash ^ (hash >> 32)) as u32
}

impl SymbolIndex {
    /// The index of a list of `len` names, at most [`SMALL`], that was never built by
    /// insertion (a fixed list).
    pub(crate) fn small(len: usize) -> Self {
        debug_assert!(len <= SMALL);
        SymbolIndex {
            slots: Vec::new(),
            len,
        }
    }

    /// The position of `name`, if it is in the index.
    ///
    /// Lowering asks this for every access of a name. Names of up to 16 bytes, most of
    /// them, are compared inline and hashed without a call, and a table's first probe
    /// settles most lookups: with the longer names and the rest of the probes out of line,
    /// the common case makes no call and saves no registers for one.
    #[inline]
    pub(crate) fn get<'s>(&self, name: &str, name_at: impl Fn(usize) -> &'s str) -> Option<usize> {
        if name.len() > SHORT {
            return self.get_long(name, name_at);
        }
        if self.slots.is_empty() {
            // No table: no hash to compute either.
            return (0..self.len).find(|&position| same_short_text(name_at(position), name));
        }
        self.get_hashed(name_hash(name), name, name_at)
    }

    /// [`SymbolIndex::get`] of a name longer than [`SHORT`] bytes (and the rest of
    /// [`SymbolIndex::get_hashed`] of one, which computes the hash again: such names are
    /// rare).
    #[inline(never)]
    fn get_long<'s>(&self, name: &str, name_at: impl Fn(usize) -> &'s str) -> Option<usize> {
        if self.slots.is_empty() {
            return (0..self.len).find(|&position| same_text(name_at(position), name));
        }
        self.find(name_hash(name), |position| {
            same_text(name_at(position), name)
        })
    }

    /// [`SymbolIndex::get`] with the name's [`name_hash`] already computed.
    ///
    /// The first slot a table probes settles most lookups (a half-full table seldom
    /// collides): that probe is inline in the callers, which run for every use of a
    /// name, and so is the search of a small index for a name of up to [`SHORT`] bytes,
    /// a loop without calls. The rest is a call: inlining the whole search cost more.
    #[inline(always)]
    pub(crate) fn get_hashed<'s>(
        &self,
        hash: u32,
        name: &str,
        name_at: impl Fn(usize) -> &'s str,
    ) -> Option<usize> {
        if !self.slots.is_empty() {
            let (slot_hash, position) = self.slots[hash as usize & (self.slots.len() - 1)];
            if position == EMPTY {
                return None;
            }
            if slot_hash == hash && same_text(name_at(position as usize), name) {
                return Some(position as usize);
            }
        } else if name.len() <= SHORT {
            return (0..self.len).find(|&position| same_short_text(name_at(position), name));
        }
        self.get_hashed_slow(hash, name, name_at)
    }

    /// The rest of [`SymbolIndex::get_hashed`]: a table's probes from the first one again,
    /// or a small index's search for a long name. Like [`SymbolIndex::get`], it leaves
    /// names longer than [`SHORT`] bytes to a call, so that its search loops make none.
    #[inline(never)]
    fn get_hashed_slow<'s>(
        &self,
        hash: u32,
        name: &str,
        name_at: impl Fn(usize) -> &'s str,
    ) -> Option<usize> {
        if name.len() > SHORT {
            return self.get_long(name, name_at);
        }
        self.find(hash, |position| same_short_text(name_at(position), name))
    }

    /// The position filed under `hash` that `is_it` accepts: a caller that knows more
    /// about the name than its text (its interned id) compares that instead.
    #[inline]
    pub(crate) fn find(&self, hash: u32, is_it: impl Fn(usize) -> bool) -> Option<usize> {
        if self.slots.is_empty() {
            return (0..self.len).find(|&position| is_it(position));
        }
        let mask = self.slots.len() - 1;
        let mut i = hash as usize & mask;
        loop {
            let (slot_hash, position) = self.slots[i];
            if position == EMPTY {
                return None;
            }
            if slot_hash == hash && is_it(position as usize) {
                return Some(position as usize);
            }
            i = (i + 1) & mask;
        }
    }

    /// Empties the index. A table of modest size is kept for the next names; a large one
    /// would cost more to wipe than to grow again.
    pub(crate) fn clear(&mut self) {
        if self.slots.len() > 1024 {
            self.slots = Vec::new();
        } else {
            self.slots.fill((0, EMPTY));
        }
        self.len = 0;
    }

    /// Makes room for `additional` more names without growing the table. Only a hint: a
    /// small index that already holds names, or that the names would still leave small
    /// (a one-line function's), keeps doing without a table.
    pub(crate) fn reserve(&mut self, additional: usize) {
        if self.slots.is_empty() && (self.len > 0 || additional <= SMALL) {
            return;
        }
        let needed = ((self.len + additional) * 2).next_power_of_two().max(8);
        if needed > self.slots.len() {
            let old = std::mem::replace(&mut self.slots, vec![(0, EMPTY); needed]);
            for (hash, position) in old {
                if position != EMPTY {
                    self.place(hash, position);
                }
            }
        }
    }

    /// Records that `name`, not yet in the index, is at `position`, the next position.
    /// `name_at` gives the names already in the index.
    pub(crate) fn insert_new<'s>(
        &mut self,
        name: &str,
        position: usize,
        name_at: impl Fn(usize) -> &'s str,
    ) {
        self.insert_hashed(name_hash(name), position, |i| name_hash(name_at(i)));
    }

    /// [`SymbolIndex::insert_new`] with the name's [`name_hash`] already computed;
    /// `hash_at` gives the hashes of the names already in the index, which a small index
    /// does not keep.
    #[inline]
    pub(crate) fn insert_hashed(
        &mut self,
        hash: u32,
        position: usize,
        hash_at: impl Fn(usize) -> u32,
    ) {
        debug_assert_eq!(position, self.len, "positions are inserted in order");
        if self.slots.is_empty() {
            if self.len < SMALL {
                self.len += 1;
                return;
            }
            self.build(hash_at);
        }
        // At most half full, so probes stay short and always meet an empty slot.
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow();
        }
        self.place(hash, position as u32);
        self.len += 1;
    }

    /// Gives a small index its table.
    #[cold]
    fn build(&mut self, hash_at: impl Fn(usize) -> u32) {
        // Room for twice its names, so that the one being added does not grow it at once.
        self.slots = vec![(0, EMPTY); ((SMALL + 1) * 2).next_power_of_two()];
        for position in 0..self.len {
            self.place(hash_at(position), position as u32);
        }
    }

    fn place(&mut self, hash: u32, position: u32) {
        let mask = self.slots.len() - 1;
        let mut i = hash as usize & mask;
        while self.slots[i].1 != EMPTY {
            i = (i + 1) & mask;
        }
        self.slots[i] = (hash, position);
    }

    fn grow(&mut self) {
        // Sixteen slots to start: most scopes with names outgrow eight, and growing costs
        // more than the larger first table.
        let capacity = (self.slots.len() * 2).max(16);
        let old = std::mem::replace(&mut self.slots, vec![(0, EMPTY); capacity]);
        for (hash, position) in old {
            if position != EMPTY {
                self.place(hash, position);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::SymbolIndex;

    #[test]
    fn finds_what_was_inserted() {
        let names: Vec<String> = (0..100).map(|i| format!("name{i}")).collect();
        let mut index = SymbolIndex::default();
        assert_eq!(index.get("name0", |i| &names[i]), None);
        for (position, name) in names.iter().enumerate() {
            index.insert_new(name, position, |i| &names[i]);
        }
        for (position, name) in names.iter().enumerate() {
            assert_eq!(index.get(name, |i| &names[i]), Some(position));
        }
        assert_eq!(index.get("name100", |i| &names[i]), None);
    }
}
