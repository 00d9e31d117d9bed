//! A thread's spare function arrays: when code generation is done with a function, the
//! arrays it no longer needs (instructions, operands, values, blocks, layout and the
//! blocks' instruction lists) wait here, emptied, for the next function the thread lowers.
//!
//! Why: lowering starts every code object with about seven allocations, most of them
//! larger than the allocator's small-object path, and one more for each block's
//! instruction list. Profiles of the whole frontend put about a tenth of its time in
//! `malloc`, several times its share of instructions: a fresh block is cold in the cache,
//! while the arrays of the function compiled a moment ago are not. Nested code objects
//! are lowered while their parent is open, so only one set is kept: the innermost unit
//! takes it, and the next unit to start after it finishes reuses it.
//!
//! Memory stays bounded: arrays longer than [`MAX_KEPT`] entries and instruction lists
//! beyond [`MAX_LISTS`] are freed as before, so a thread keeps at most about 1.4 MB (220
//! bytes per kept instruction slot across the five arrays, 1 KiB per kept list), and
//! typically a few tens of kilobytes.

use super::{BlockData, Function, InstData, Loc, ValueDef};
use crate::ir::entities::{Block, Inst, Value};
use std::cell::RefCell;

/// The longest array kept, in entries.
const MAX_KEPT: usize = 4096;

/// How many emptied block instruction lists are kept, and the longest kept.
const MAX_LISTS: usize = 512;
const MAX_LIST_LEN: usize = 256;

/// The emptied arrays of the last function a thread finished with.
#[derive(Default)]
struct Spare {
    insts: Vec<InstData>,
    locs: Vec<Loc>,
    arg_pool: Vec<Value>,
    values: Vec<ValueDef>,
    blocks: Vec<BlockData>,
    layout: Vec<Block>,
    inst_lists: Vec<Vec<Inst>>,
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

/// Keeps `array`, emptied, in `slot` when it is not too long and holds more room than
/// what the slot has.
fn keep<T>(slot: &mut Vec<T>, mut array: Vec<T>) {
    if array.capacity() <= MAX_KEPT && array.capacity() > slot.capacity() {
        array.clear();
        *slot = array;
    }
}

impl Function {
    /// Gives this function's working arrays to its thread's spare set, leaving them empty:
    /// called once code generation no longer reads them.
    pub fn recycle_arrays(&mut self) {
        let insts = std::mem::take(&mut self.insts);
        let locs = std::mem::take(&mut self.locs);
        let arg_pool = std::mem::take(&mut self.arg_pool);
        let values = std::mem::take(&mut self.values);
        let mut blocks = std::mem::take(&mut self.blocks);
        let layout = std::mem::take(&mut self.layout);
        SPARE.with_borrow_mut(|spare| {
            for block in &mut blocks {
                if spare.inst_lists.len() == MAX_LISTS {
                    break;
                }
                let list = &mut block.insts;
                if list.capacity() != 0 && list.capacity() <= MAX_LIST_LEN {
                    list.clear();
                    spare.inst_lists.push(std::mem::take(list));
                }
            }
            keep(&mut spare.insts, insts);
            keep(&mut spare.locs, locs);
            keep(&mut spare.arg_pool, arg_pool);
            keep(&mut spare.values, values);
            blocks.clear();
            keep(&mut spare.blocks, blocks);
            keep(&mut spare.layout, layout);
        });
    }

    /// Sets up this function's working arrays for about `insts` instructions in `blocks`
    /// blocks, from the thread's spare set when it has them.
    pub(super) fn take_spare_arrays(&mut self, insts: usize, blocks: usize) {
        SPARE.with_borrow_mut(|spare| {
            self.insts = reuse(&mut spare.insts, insts);
            self.locs = reuse(&mut spare.locs, insts);
            // About one and a half operands per instruction over the standard library.
            self.arg_pool = reuse(&mut spare.arg_pool, insts + insts / 2);
            self.values = reuse(&mut spare.values, insts);
            self.blocks = reuse(&mut spare.blocks, blocks);
            self.layout = reuse(&mut spare.layout, blocks);
        });
    }
}

/// An empty instruction list for a block's first instruction: a spare one when the thread
/// has one, else a new one with room for `capacity`.
pub(super) fn block_inst_list(capacity: usize) -> Vec<Inst> {
    SPARE
        .with_borrow_mut(|spare| spare.inst_lists.pop())
        .unwrap_or_else(|| Vec::with_capacity(capacity))
}
