//! One byte of facts per IR operation for the passes' per-instruction walks.

use crate::ir::Op;

/// Facts about an operation packed into one byte, so that a pass walking every
/// instruction learns all it needs about the operation with a single table load instead of
/// one `match` per question (dispatch was about half of `dce`'s cost per instruction).
///
/// Nothing is defined here: each bit is derived from the definition that owns the fact,
/// [`Op::can_raise`] and [`Op::has_result`] from the operation table, `removable` from
/// [`dce::is_removable`](super::dce::is_removable) and `foldable` from
/// [`const_fold::foldable`](super::const_fold::foldable). The table lives with the passes,
/// which alone ask, so the IR never depends on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpFlags(u8);

impl OpFlags {
    /// [`Op::can_raise`].
    pub const CAN_RAISE: OpFlags = OpFlags(1 << 0);
    /// [`Op::has_result`].
    pub const HAS_RESULT: OpFlags = OpFlags(1 << 1);
    /// `dce` may delete it when its result is unused.
    pub const REMOVABLE: OpFlags = OpFlags(1 << 2);
    /// `const_fold` can fold it when its operands are constants.
    pub const FOLDABLE: OpFlags = OpFlags(1 << 3);

    /// Whether every flag of `other` is set.
    #[inline]
    pub const fn contains(self, other: OpFlags) -> bool {
        self.0 & other.0 == other.0
    }

    /// The flags of `op`, computed from the definitions they derive from (at compile time,
    /// into [`OP_FLAGS`]).
    const fn derive(op: Op) -> OpFlags {
        let mut bits = 0;
        if op.can_raise() {
            bits |= OpFlags::CAN_RAISE.0;
        }
        if op.has_result() {
            bits |= OpFlags::HAS_RESULT.0;
        }
        if super::dce::is_removable(op) {
            bits |= OpFlags::REMOVABLE.0;
        }
        if super::const_fold::foldable(op) {
            bits |= OpFlags::FOLDABLE.0;
        }
        OpFlags(bits)
    }
}

/// The flags of every operation, indexed by the operation.
const OP_FLAGS: [OpFlags; Op::ALL.len()] = {
    let mut table = [OpFlags(0); Op::ALL.len()];
    let mut i = 0;
    while i < Op::ALL.len() {
        let op = Op::ALL[i];
        table[op as usize] = OpFlags::derive(op);
        i += 1;
    }
    table
};

/// The flags of `op`: one table load.
#[inline]
pub fn of(op: Op) -> OpFlags {
    OP_FLAGS[op as usize]
}
