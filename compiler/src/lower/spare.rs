//! A thread's spare lowering state, kept from one module to the next: the boxed builders
//! of the units a module lowered, their name-resolution working arrays and the operand
//! stack.
//!
//! Why: a [`Lowerer`](super::Lowerer) recycles these from one unit to the next, but each
//! module started without them, and so allocated a builder (with its layout positions),
//! a scope stack and an access cache for every nesting level again: several allocations
//! per level per module, all of them gone by the next module.
//!
//! Memory stays bounded: at most [`MAX_BUILDERS`] builders and sets of arrays are kept,
//! and an array longer than [`MAX_KEPT`] entries is freed as before.

use super::CachedAccess;
use crate::ir::Value;
use crate::ir::builder::FunctionBuilder;
use crate::scope::ScopeId;
use std::cell::RefCell;

/// How many builders, and how many sets of unit arrays, a thread keeps: one per nesting
/// level, which rarely goes deeper.
const MAX_BUILDERS: usize = 8;

/// The longest array kept, in entries.
const MAX_KEPT: usize = 4096;

/// A unit's working arrays that outlive no tree: emptied, they carry no borrow.
#[derive(Default)]
pub(super) struct UnitArrays {
    pub scope_stack: Vec<ScopeId>,
    pub access_cache: Vec<Option<CachedAccess>>,
}

/// What a finished lowerer leaves for the next one on its thread.
#[derive(Default)]
pub(super) struct Spares {
    #[expect(
        clippy::vec_box,
        reason = "the builders move between this list and `Unit::b` as boxes, each move a pointer"
    )]
    pub builders: Vec<Box<FunctionBuilder>>,
    pub arrays: Vec<UnitArrays>,
    pub operand_stack: Vec<Value>,
}

thread_local! {
    static SPARES: RefCell<Spares> = RefCell::new(Spares::default());
}

/// Takes the thread's spares, leaving none (a lowerer nested in another, should there
/// ever be one, starts without).
pub(super) fn take() -> Spares {
    SPARES.with_borrow_mut(std::mem::take)
}

/// Gives spares back to the thread, within the bounds above. The builders must hold no
/// function (see [`FunctionBuilder::take_function`]).
pub(super) fn keep(mut spares: Spares) {
    spares.builders.truncate(MAX_BUILDERS);
    for builder in &mut spares.builders {
        builder.limit_kept_room(MAX_KEPT);
    }
    spares.arrays.truncate(MAX_BUILDERS);
    for arrays in &mut spares.arrays {
        arrays.scope_stack.clear();
        arrays.access_cache.clear();
        if arrays.access_cache.capacity() > MAX_KEPT {
            arrays.access_cache = Vec::new();
        }
    }
    spares.operand_stack.clear();
    if spares.operand_stack.capacity() > MAX_KEPT {
        spares.operand_stack = Vec::new();
    }
    SPARES.with_borrow_mut(|slot| *slot = spares);
}
