//! A thread's spare function arrays: when code generation is done with a function, the
//! arrays it no longer needs (instructions, operands, values, blocks, layout and the
//! blocks' instruction lists) wait here, emptied, for the next function the thread lowers.
//!
//! Why: lowering starts every code object with about seven allocations, most of them
//! larger than the allocator's small-object path, and one more for each block's
//! instruction list. Profiles of the whole frontend put about a tenth of its time in
//! `malloc`, several times its share of instructions: a fresh block is cold in the cache,
//! while the arrays of the function compiled a moment ago are not. Nested code objects
//! are lowered while their parent is open: a unit takes the set its thread finished with
//! last, and each set a unit finishes with waits on a short stack for the next units. A
//! single kept set served a class's first method (or a function's first nested one) from
//! fresh memory, the class having taken the set, and then freed the class's own arrays,
//! the set being full again by the time it finished: about a quarter of all code objects
//! started on fresh arrays.
//!
//! Memory stays bounded: arrays longer than [`MAX_KEPT`] entries, sets beyond [`MAX_SETS`]
//! and instruction lists beyond [`MAX_LISTS`] are freed as before, so a thread keeps at
//! most about 4 MB (220 bytes per kept instruction slot across the six arrays of each set,
//! 1 KiB per kept list), and typically a few tens of kilobytes.

use super::{BlockData, Function, InstData, Loc, ValueDef};
use crate::ir::entities::{Block, Inst, Value};
use std::cell::RefCell;

/// The longest array kept, in entries.
const MAX_KEPT: usize = 4096;

/// How many sets of arrays are kept: about as deep as code objects nest.
const MAX_SETS: usize = 4;

/// How many emptied block instruction lists are kept, and the longest kept.
const MAX_LISTS: usize = 512;
const MAX_LIST_LEN: usize = 256;

/// The emptied arrays of the last functions a thread finished with.
#[derive(Default)]
struct Spare {
    /// One set per function, the last finished last.
    sets: Vec<ArraySet>,
    inst_lists: Vec<Vec<Inst>>,
}

/// The emptied working arrays of one function (an array too long to keep is left empty).
#[derive(Default)]
struct ArraySet {
    insts: Vec<InstData>,
    locs: Vec<Loc>,
    arg_pool: Vec<Value>,
    values: Vec<ValueDef>,
    blocks: Vec<BlockData>,
    layout: Vec<Block>,
}

thread_local! {
    static SPARE: RefCell<Spare> = RefCell::new(Spare::default());
}

/// `spare` if it has room for `capacity` entries, else a new array of that capacity.
fn reuse<T>(spare: &mut Vec<T>, capacity: usize) -> Vec<T> {
    if spare.capacity() >= capacity {
        std::mem::take(spare)
    } else {
        Vec::with_capacity(capacity)
    }
}

impl ArraySet {
    /// Takes each array of `other` that has more room than this set's: with the stack
    /// full (code generation following a whole module's lowering finishes many functions
    /// in a row), the set taken next keeps the largest arrays, as the next module's body
    /// needs them.
    fn keep_larger(&mut self, other: ArraySet) {
        larger(&mut self.insts, other.insts);
        larger(&mut self.locs, other.locs);
        larger(&mut self.arg_pool, other.arg_pool);
        larger(&mut self.values, other.values);
        larger(&mut self.blocks, other.blocks);
        larger(&mut self.layout, other.layout);
    }
}

/// Puts `array` in `slot` when it has more room.
fn larger<T>(slot: &mut Vec<T>, array: Vec<T>) {
    if array.capacity() > slot.capacity() {
        *slot = array;
    }
}

/// `array` emptied when it is not too long to keep, else an empty array.
fn keep<T>(mut array: Vec<T>) -> Vec<T> {
    if array.capacity() <= MAX_KEPT {
        array.clear();
        array
    } else {
        Vec::new()
    }
}

impl Function {
    /// Gives this function's working arrays to its thread's spare set, leaving them empty:
    /// called once code generation no longer reads them.
    pub fn recycle_arrays(&mut self) {
        // The closure borrows the function and takes its arrays itself: arrays taken
        // before were copied into the closure, and from there into the set.
        SPARE.with_borrow_mut(|spare| {
            for block in &mut self.blocks {
                if spare.inst_lists.len() == MAX_LISTS {
                    break;
                }
                let list = &mut block.insts;
                if list.capacity() != 0 && list.capacity() <= MAX_LIST_LEN {
                    list.clear();
                    spare.inst_lists.push(std::mem::take(list));
                }
            }
            let set = ArraySet {
                insts: keep(std::mem::take(&mut self.insts)),
                locs: keep(std::mem::take(&mut self.locs)),
                arg_pool: keep(std::mem::take(&mut self.arg_pool)),
                values: keep(std::mem::take(&mut self.values)),
                blocks: keep(std::mem::take(&mut self.blocks)),
                layout: keep(std::mem::take(&mut self.layout)),
            };
            let full = spare.sets.len() == MAX_SETS;
            match spare.sets.last_mut() {
                Some(top) if full => top.keep_larger(set),
                _ => spare.sets.push(set),
            }
        });
    }

    /// Sets up this function's working arrays for about `insts` instructions in `blocks`
    /// blocks, from the thread's spare set when it has them.
    pub(super) fn take_spare_arrays(&mut self, insts: usize, blocks: usize) {
        // The set finished with last, whose arrays are the likeliest still in cache; those
        // too short for this function are freed. The arrays are taken out of the set where
        // it lies, and the set then dropped there: popping it first copied it twice.
        SPARE.with_borrow_mut(|spare| match spare.sets.last_mut() {
            Some(set) => {
                self.take_arrays(set, insts, blocks);
                spare.sets.truncate(spare.sets.len() - 1);
            }
            None => self.take_arrays(&mut ArraySet::default(), insts, blocks),
        });
    }

    /// Takes `set`'s arrays that have room for `insts` instructions in `blocks` blocks,
    /// and new ones where they have not.
    #[inline(always)]
    fn take_arrays(&mut self, set: &mut ArraySet, insts: usize, blocks: usize) {
        self.insts = reuse(&mut set.insts, insts);
        self.locs = reuse(&mut set.locs, insts);
        // About one and a half operands per instruction over the standard library.
        self.arg_pool = reuse(&mut set.arg_pool, insts + insts / 2);
        self.values = reuse(&mut set.values, insts);
        self.blocks = reuse(&mut set.blocks, blocks);
        self.layout = reuse(&mut set.layout, blocks);
    }
}

/// An empty instruction list for a block's first instruction: a spare one when the thread
/// has one, else a new one with room for `capacity`.
pub(super) fn block_inst_list(capacity: usize) -> Vec<Inst> {
    SPARE
        .with_borrow_mut(|spare| spare.inst_lists.pop())
        .unwrap_or_else(|| Vec::with_capacity(capacity))
}
