//! A cursor over a [`Function`] that appends instructions to the current block with the
//! current source location. Lowering drives one builder per code object.

use super::constant::Const;
use super::entities::{Block, Value};
use super::function::{BlockCall, Function, Loc, Terminator};
use super::ops::{Imm, Op};

/// Appends instructions at the end of a current block.
///
/// After a terminator is set the cursor has no current block; instructions emitted then
/// go to a fresh unreachable block, which CFG simplification removes. That keeps lowering
/// of dead code (`return; x = 1`) free of special cases.
pub struct FunctionBuilder {
    pub func: Function,
    current: Option<Block>,
    /// The location given to newly emitted instructions.
    pub loc: Loc,
    /// The exception handler given to newly created blocks.
    pub handler: Option<Block>,
    /// The index of each block's entry in the layout. [`FunctionBuilder::switch_to_end`]
    /// appends a block again instead of removing it from the middle (which made lowering
    /// quadratic in the number of blocks), leaving a stale entry that
    /// [`FunctionBuilder::finish`] drops.
    layout_pos: Vec<u32>,
    stale_entries: usize,
}

impl FunctionBuilder {
    /// A builder that owns `func`, positioned at a new entry block.
    pub fn new(func: Function) -> Self {
        let mut builder = FunctionBuilder {
            func,
            current: None,
            loc: Loc::default(),
            handler: None,
            layout_pos: Vec::new(),
            stale_entries: 0,
        };
        builder.start();
        builder
    }

    /// A builder holding [`Function::placeholder`], which allocates nothing and has no
    /// block: what stands for "no code object" until a [`FunctionBuilder::restart`] after
    /// a [`Function::reset`] starts one.
    pub fn placeholder() -> Self {
        FunctionBuilder {
            func: Function::placeholder(),
            current: None,
            loc: Loc::default(),
            handler: None,
            layout_pos: Vec::new(),
            stale_entries: 0,
        }
    }

    /// Positions a fresh builder at a new entry block.
    fn start(&mut self) {
        let entry = self.func.create_block();
        // As many positions as the function has room for blocks, so recording them does
        // not regrow the list block by block.
        self.layout_pos.reserve(self.func.blocks.capacity());
        self.current = Some(entry);
        self.record_position(entry);
    }

    /// Starts over in place on its function, which the caller has just [`Function::reset`],
    /// as [`FunctionBuilder::new`] would. The builder's own arrays keep their allocations,
    /// and nothing the size of a function is copied: lowering recycles one builder per
    /// nesting level across all the code objects of a module.
    pub fn restart(&mut self) {
        self.loc = Loc::default();
        self.handler = None;
        self.layout_pos.clear();
        self.stale_entries = 0;
        self.start();
    }

    /// Frees the builder's own arrays if they have room for more than `max` blocks: a
    /// builder kept for later code objects keeps no more than that.
    pub fn limit_kept_room(&mut self, max: usize) {
        if self.layout_pos.capacity() > max {
            self.layout_pos = Vec::new();
        }
    }

    /// Gives the finished function back.
    pub fn finish(mut self) -> Function {
        self.take_function()
    }

    /// Gives the finished function back, leaving an empty placeholder for a later
    /// [`FunctionBuilder::restart`]. Inlined, so the function is moved straight to where
    /// the caller puts it.
    #[inline]
    pub fn take_function(&mut self) -> Function {
        self.drop_stale_entries();
        self.current = None;
        std::mem::replace(&mut self.func, Function::placeholder())
    }

    /// The finished function, left in place: lowering hands it to its consumer here rather
    /// than moving it out first, which copied the whole struct once more per function.
    /// A later [`FunctionBuilder::take_function`] takes whatever the consumer left.
    pub fn finished_function(&mut self) -> &mut Function {
        self.drop_stale_entries();
        self.current = None;
        &mut self.func
    }

    /// Drops the stale layout entries [`FunctionBuilder::switch_to_end`] left behind,
    /// leaving the recorded positions out of date: enough for a function being handed
    /// over, which no longer needs them (a [`FunctionBuilder::restart`] clears them).
    fn drop_stale_entries(&mut self) {
        if self.stale_entries == 0 {
            return;
        }
        let positions = &self.layout_pos;
        let mut index = 0;
        self.func.layout.retain(|block| {
            let live = positions.get(block.index()) == Some(&(index as u32));
            index += 1;
            live
        });
        self.stale_entries = 0;
        self.layout_pos.clear();
    }

    /// Drops the stale layout entries and records every block's position afresh, for a
    /// builder that goes on building.
    fn compact_layout(&mut self) {
        if self.stale_entries == 0 {
            return;
        }
        self.drop_stale_entries();
        for (index, &block) in self.func.layout.iter().enumerate() {
            if self.layout_pos.len() <= block.index() {
                self.layout_pos.resize(block.index() + 1, u32::MAX);
            }
            self.layout_pos[block.index()] = index as u32;
        }
    }

    /// Notes that `block` was just appended to the layout.
    fn record_position(&mut self, block: Block) {
        let b = block.index();
        if self.layout_pos.len() <= b {
            self.layout_pos.resize(b + 1, u32::MAX);
        }
        self.layout_pos[b] = (self.func.layout.len() - 1) as u32;
    }

    /// Moves `block` to the end of the layout, then continues there, so listings show
    /// blocks in the order their code was written (join blocks are created before the code
    /// that jumps to them). Constant time.
    pub fn switch_to_end(&mut self, block: Block) {
        let b = block.index();
        let at = self.layout_pos.get(b).copied().unwrap_or(u32::MAX) as usize;
        if self.func.layout.get(at) == Some(&block) {
            if at + 1 != self.func.layout.len() {
                self.func.layout.push(block);
                self.record_position(block);
                self.stale_entries += 1;
            }
        } else {
            // A block laid out behind the builder's back: move it the slow way.
            self.compact_layout();
            if let Some(position) = self.func.layout.iter().position(|&x| x == block) {
                self.func.layout.remove(position);
                self.func.layout.push(block);
                self.stale_entries = 1;
                self.compact_layout();
            }
        }
        self.switch_to(block);
    }

    /// The block instructions go to, or `None` right after a terminator.
    pub fn current(&self) -> Option<Block> {
        self.current
    }

    /// Creates a block that inherits the current exception handler.
    pub fn create_block(&mut self) -> Block {
        self.create_block_with_handler(self.handler)
    }

    /// Creates a block with an explicit handler.
    pub fn create_block_with_handler(&mut self, handler: Option<Block>) -> Block {
        let block = self.func.create_block_with_handler(handler);
        self.record_position(block);
        block
    }

    /// Moves the cursor to the end of `block`.
    pub fn switch_to(&mut self, block: Block) {
        self.current = Some(block);
    }

    /// The block instructions currently go to, creating an unreachable one if the last
    /// block was terminated.
    #[inline]
    pub fn current_block(&mut self) -> Block {
        match self.current {
            Some(block) => block,
            None => self.start_unreachable_block(),
        }
    }

    /// Code after a terminator goes to a fresh block. Kept out of line: every emitted
    /// instruction asks for the current block, and almost always there is one.
    #[cold]
    fn start_unreachable_block(&mut self) -> Block {
        let block = self.create_block();
        self.current = Some(block);
        block
    }

    /// Whether the current block has already been terminated (code here is unreachable).
    pub fn is_terminated(&self) -> bool {
        self.current.is_none()
    }

    /// Emits an instruction that yields a result. Inlined into every caller, where the
    /// op and the immediate are usually constants and the operands sit in registers: the
    /// call and the copying of its arguments cost more than the instruction's own work
    /// (at --every 40 lowering runs 4.3M instructions fewer, for 110 KB more code with
    /// `ins_void`).
    #[inline(always)]
    pub fn ins(&mut self, op: Op, imm: Imm, args: impl AsRef<[Value]>) -> Value {
        debug_assert!(op.has_result(), "{} has no result", op.name());
        let block = self.current_block();
        // Told that the op has a result (as asserted above), the function always defines
        // one, so there is no `None` to handle.
        self.func
            .push_inst_as(block, true, op, imm, args.as_ref(), self.loc)
            .unwrap_or(Value(0))
    }

    /// Emits an instruction with no result; inlined like [`FunctionBuilder::ins`].
    #[inline(always)]
    pub fn ins_void(&mut self, op: Op, imm: Imm, args: impl AsRef<[Value]>) {
        debug_assert!(!op.has_result(), "{} has a result", op.name());
        let block = self.current_block();
        self.func
            .push_inst_as(block, false, op, imm, args.as_ref(), self.loc);
    }

    /// Loads a constant.
    pub fn constant(&mut self, value: Const) -> Value {
        let id = self.func.add_const(value);
        self.ins(Op::Const, Imm::Const(id), [])
    }

    /// Loads the str constant `text` (copied only when the pool lacks it).
    pub fn str_constant(&mut self, text: &str) -> Value {
        let id = self.func.add_str_const(text);
        self.ins(Op::Const, Imm::Const(id), [])
    }

    /// Loads the int constant `value`, building its `BigInt` only when the pool may lack
    /// it (see [`Function::add_small_int`]).
    pub fn int_constant(&mut self, value: u64) -> Value {
        let id = self.func.add_small_int(value);
        self.ins(Op::Const, Imm::Const(id), [])
    }

    /// Loads `None`.
    pub fn none(&mut self) -> Value {
        let id = self.func.add_none();
        self.ins(Op::Const, Imm::Const(id), [])
    }

    /// Ends the current block.
    pub fn terminate(&mut self, term: Terminator) {
        let block = self.current_block();
        self.func.set_terminator(block, term, self.loc);
        self.current = None;
    }

    /// Jumps to `target` with `args`.
    pub fn jump(&mut self, target: Block, args: Vec<Value>) {
        self.terminate(Terminator::Jump(BlockCall::new(target, args)));
    }

    /// Jumps to `target` unless the current block is already terminated, then continues there.
    pub fn fall_into(&mut self, target: Block) {
        if !self.is_terminated() {
            self.jump(target, Vec::new());
        }
        self.switch_to(target);
    }

    /// Branches on the truthiness of `cond`.
    pub fn branch(&mut self, cond: Value, then_to: Block, else_to: Block) {
        self.terminate(Terminator::Branch {
            cond,
            then_to: BlockCall::bare(then_to),
            else_to: BlockCall::bare(else_to),
        });
    }
}
