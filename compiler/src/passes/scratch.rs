//! Working memory the passes reuse from one function to the next: bit sets and lists that
//! keep their allocations in a per-thread slot, so a pass over a small function (most of
//! them) allocates nothing.

use std::cell::Cell;

/// A set of small integers (block, value or pool indexes), one bit each.
#[derive(Debug, Default)]
pub(crate) struct BitSet {
    words: Vec<u64>,
}

impl BitSet {
    /// Empties the set and makes room for members `0..len`.
    pub(crate) fn reset(&mut self, len: usize) {
        self.words.clear();
        self.words.resize(len.div_ceil(64), 0);
    }

    #[inline]
    pub(crate) fn insert(&mut self, index: usize) {
        self.words[index / 64] |= 1 << (index % 64);
    }

    /// Adds `index`, returning whether it was absent.
    #[inline]
    pub(crate) fn insert_new(&mut self, index: usize) -> bool {
        let word = &mut self.words[index / 64];
        let bit = 1 << (index % 64);
        let absent = *word & bit == 0;
        *word |= bit;
        absent
    }

    #[inline]
    pub(crate) fn contains(&self, index: usize) -> bool {
        self.words[index / 64] & (1 << (index % 64)) != 0
    }
}

/// The bit sets and lists one pass run needs, handed out together: one thread-local access
/// per function rather than one per set, which matters when the average function has a
/// few dozen instructions.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    /// Emptied and sized by [`BitSet::reset`] before use.
    pub(crate) sets: [BitSet; 3],
    /// Cleared before use.
    pub(crate) lists: [Vec<u32>; 3],
    /// A byte per item, cleared before use.
    pub(crate) marks: Vec<u8>,
}

thread_local! {
    /// Boxed, so that taking it out and putting it back moves a pointer, not eight
    /// vector headers.
    static SCRATCH: Cell<Option<Box<Scratch>>> = const { Cell::new(None) };
}

/// Runs `f` with the thread's scratch space (its allocations kept from the last run), then
/// hands it back for the next one. A nested call gets fresh, empty space.
pub(crate) fn with_scratch<R>(f: impl FnOnce(&mut Scratch) -> R) -> R {
    let mut scratch = SCRATCH.take().unwrap_or_default();
    let result = f(&mut scratch);
    SCRATCH.set(Some(scratch));
    result
}
