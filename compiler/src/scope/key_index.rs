//! The index from a [`ScopeKey`] to the scope it opens, behind [`super::SymbolTable::lookup`].
//!
//! Every scope of a module is filed here once, when its table is built, and lowering looks
//! each one up about once. A general hash map spent about a hundred instructions on each
//! insertion (its hasher fed the key in three steps, and it checked its capacity and
//! control bytes on every call); this table hashes a key with one multiplication and
//! stores the keys themselves, so that an insertion is a probe of a slot or two.

use super::{ScopeId, ScopeKey};

/// Marks an empty slot.
const EMPTY: ScopeId = ScopeId(u32::MAX);

/// An open-addressing table (linear probing) of `(key, scope)` slots, a power of two of
/// them and at most half full, so that every probe meets an empty slot soon.
#[derive(Debug, Clone, Default)]
pub(super) struct ScopeKeyIndex {
    slots: Vec<(ScopeKey, ScopeId)>,
    len: usize,
}

/// Where `key` starts its probe: its range and kind mixed by one multiplication, whose
/// high half spreads every input bit.
#[inline]
fn slot_hash(key: ScopeKey) -> usize {
    let (kind, range) = match key {
        ScopeKey::Module => return 0,
        ScopeKey::Function(range) => (1, range),
        ScopeKey::Lambda(range) => (2, range),
        ScopeKey::Class(range) => (3, range),
        ScopeKey::Comprehension(range) => (4, range),
        ScopeKey::Annotation(range) => (5, range),
        ScopeKey::TypeParams(range) => (6, range),
        ScopeKey::TypeAlias(range) => (7, range),
        ScopeKey::TypeVarBound(range) => (8, range),
    };
    let bits = (u64::from(u32::from(range.start())) << 32 | u64::from(u32::from(range.end())))
        .wrapping_add(kind);
    (bits.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize
}

impl ScopeKeyIndex {
    /// Makes room for `additional` more keys without growing the table again.
    pub(super) fn reserve(&mut self, additional: usize) {
        let needed = ((self.len + additional) * 2).next_power_of_two().max(16);
        if needed > self.slots.len() {
            self.resize(needed);
        }
    }

    /// Files `key` as opening scope `id`, in place of any scope it was filed under before.
    /// Inline in its callers: a call cost about a third of its work.
    #[inline(always)]
    pub(super) fn insert(&mut self, key: ScopeKey, id: ScopeId) {
        if (self.len + 1) * 2 > self.slots.len() {
            self.resize((self.slots.len() * 2).max(16));
        }
        let mask = self.slots.len() - 1;
        let mut i = slot_hash(key) & mask;
        loop {
            let slot = &mut self.slots[i];
            if slot.1 == EMPTY {
                *slot = (key, id);
                self.len += 1;
                return;
            }
            if slot.0 == key {
                slot.1 = id;
                return;
            }
            i = (i + 1) & mask;
        }
    }

    /// The scope `key` opens, if it is filed.
    #[inline]
    pub(super) fn get(&self, key: ScopeKey) -> Option<ScopeId> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = slot_hash(key) & mask;
        loop {
            let (slot_key, id) = self.slots[i];
            if id == EMPTY {
                return None;
            }
            if slot_key == key {
                return Some(id);
            }
            i = (i + 1) & mask;
        }
    }

    /// Moves the keys into a table of `capacity` slots.
    #[cold]
    fn resize(&mut self, capacity: usize) {
        let old = std::mem::replace(&mut self.slots, vec![(ScopeKey::Module, EMPTY); capacity]);
        self.len = 0;
        for (key, id) in old {
            if id != EMPTY {
                self.insert(key, id);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{ScopeId, ScopeKey, ScopeKeyIndex};
    use ruff_text_size::{TextRange, TextSize};

    fn range(start: u32, end: u32) -> TextRange {
        TextRange::new(TextSize::new(start), TextSize::new(end))
    }

    #[test]
    fn finds_what_was_filed() {
        let mut index = ScopeKeyIndex::default();
        assert_eq!(index.get(ScopeKey::Module), None);
        index.insert(ScopeKey::Module, ScopeId(0));
        for i in 0..500u32 {
            index.insert(ScopeKey::Function(range(i, i + 7)), ScopeId(2 * i + 1));
            index.insert(ScopeKey::Annotation(range(i, i + 7)), ScopeId(2 * i + 2));
        }
        assert_eq!(index.get(ScopeKey::Module), Some(ScopeId(0)));
        for i in 0..500u32 {
            let key = ScopeKey::Function(range(i, i + 7));
            assert_eq!(index.get(key), Some(ScopeId(2 * i + 1)));
            assert_eq!(
                index.get(ScopeKey::Annotation(range(i, i + 7))),
                Some(ScopeId(2 * i + 2))
            );
            assert_eq!(index.get(ScopeKey::Class(range(i, i + 7))), None);
        }
        // A key filed again opens the later scope.
        index.insert(ScopeKey::Function(range(3, 10)), ScopeId(7777));
        assert_eq!(
            index.get(ScopeKey::Function(range(3, 10))),
            Some(ScopeId(7777))
        );
    }
}
