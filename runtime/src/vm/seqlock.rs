//! A four-word record behind a sequence lock: the storage of one inline-cache entry
//! (`vm::inline_cache`), shared by every thread running the same code.
//!
//! Readers never lock. A writer makes the sequence word odd (giving up when another
//! writer got there first: caches are only hints, so a lost update costs a later miss),
//! stores the words, and makes the sequence even again. A reader reads the sequence, the
//! words, and the sequence again; it uses what it read only when both sequence reads are
//! the same even number, so it never pairs one writer's keys with another's value
//! (Boehm, "Can Seqlocks Get Along With Programming Language Memory Models?", 2012: data
//! reads are relaxed atomics, ordered by an acquire fence before the second sequence
//! read; the writer orders its data stores after the odd sequence with a release fence).
//!
//! The record is generic over its atomic word so that `runtime/tests/loom_seqlock.rs`
//! can check the protocol under the `loom` model checker; the runtime uses
//! `std::sync::atomic::AtomicU64`.

use std::sync::atomic::{AtomicU64, Ordering};

/// The atomic operations the protocol needs.
pub trait AtomicWord: Default {
    fn load(&self, order: Ordering) -> u64;
    fn store(&self, value: u64, order: Ordering);
    fn compare_exchange(
        &self,
        current: u64,
        new: u64,
        success: Ordering,
        failure: Ordering,
    ) -> Result<u64, u64>;
    /// A memory fence of the same family as the words.
    fn fence(order: Ordering);
}

impl AtomicWord for AtomicU64 {
    #[inline(always)]
    fn load(&self, order: Ordering) -> u64 {
        AtomicU64::load(self, order)
    }
    #[inline(always)]
    fn store(&self, value: u64, order: Ordering) {
        AtomicU64::store(self, value, order)
    }
    #[inline(always)]
    fn compare_exchange(
        &self,
        current: u64,
        new: u64,
        success: Ordering,
        failure: Ordering,
    ) -> Result<u64, u64> {
        AtomicU64::compare_exchange(self, current, new, success, failure)
    }
    #[inline(always)]
    fn fence(order: Ordering) {
        std::sync::atomic::fence(order)
    }
}

/// Two key words, a kind word and a value word.
#[derive(Default)]
pub struct SeqRecord<W: AtomicWord = AtomicU64> {
    seq: W,
    key1: W,
    key2: W,
    kind: W,
    value: W,
}

impl<W: AtomicWord> SeqRecord<W> {
    /// The kind and value words when the record is keyed on `(key1, key2)`, read
    /// consistently; `None` on a mismatch or while a writer is active.
    #[inline(always)]
    pub fn probe(&self, key1: u64, key2: u64) -> Option<(u64, u64)> {
        let seq = self.seq.load(Ordering::Acquire);
        if self.key1.load(Ordering::Relaxed) != key1 || self.key2.load(Ordering::Relaxed) != key2 {
            return None;
        }
        let kind = self.kind.load(Ordering::Relaxed);
        let value = self.value.load(Ordering::Relaxed);
        W::fence(Ordering::Acquire);
        (seq & 1 == 0 && self.seq.load(Ordering::Relaxed) == seq).then_some((kind, value))
    }

    /// Replaces the record; does nothing when another thread is writing it.
    pub fn store(&self, key1: u64, key2: u64, kind: u64, value: u64) {
        let seq = self.seq.load(Ordering::Relaxed);
        if seq & 1 != 0
            || self
                .seq
                .compare_exchange(seq, seq + 1, Ordering::Acquire, Ordering::Relaxed)
                .is_err()
        {
            return;
        }
        W::fence(Ordering::Release);
        self.key1.store(key1, Ordering::Relaxed);
        self.key2.store(key2, Ordering::Relaxed);
        self.kind.store(kind, Ordering::Relaxed);
        self.value.store(value, Ordering::Relaxed);
        self.seq.store(seq + 2, Ordering::Release);
    }

    /// The first key word, unvalidated: only for choosing which record to overwrite.
    pub fn peek_key1(&self) -> u64 {
        self.key1.load(Ordering::Relaxed)
    }

    /// The kind word, unvalidated: only for choosing which record to overwrite.
    pub fn peek_kind(&self) -> u64 {
        self.kind.load(Ordering::Relaxed)
    }
}
