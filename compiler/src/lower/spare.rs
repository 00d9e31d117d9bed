//! A thread's spare lowering state, kept from one module to the next: the boxed builders
//! of the units a module lowered, their name-resolution caches and the operand stack.
//!
//! Why: a [`Lowerer`](super::Lowerer) recycles these from one unit to the next, but each
//! module started without them, and so allocated a builder (with its layout positions)
//! and an access cache for every nesting level again: several allocations per level per
//! module, all of them gone by the next module.
//!
//! Memory stays bounded: at most [`MAX_BUILDERS`] builders and caches are kept, and an
//! array longer than [`MAX_KEPT`] entries is freed as before.

use super::CachedAccess;
use crate::ir::Value;
use crate::ir::builder::FunctionBuilder;
use std::cell::RefCell;

/// How many builders, and how many access caches, a thread keeps: one per nesting level,
/// which rarely goes deeper.
const MAX_BUILDERS: usize = 8;

/// The longest array kept, in entries.
const MAX_KEPT: usize = 4096;

/// What a finished lowerer leaves for the next one on its thread.
#[derive(Default)]
pub(super) struct Spares {
    #[expect(
        clippy::vec_box,
        reason = "the builders move between this list and `Unit::b` as boxes, each move a pointer"
    )]
    pub builders: Vec<Box<FunctionBuilder>>,
    /// Emptied [`Unit::access_cache`](super::Unit::access_cache)s.
    pub caches: Vec<Vec<Option<CachedAccess>>>,
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
    spares.caches.truncate(MAX_BUILDERS);
    for cache in &mut spares.caches {
        cache.clear();
        if cache.capacity() > MAX_KEPT {
            *cache = Vec::new();
        }
    }
    spares.operand_stack.clear();
    if spares.operand_stack.capacity() > MAX_KEPT {
        spares.operand_stack = Vec::new();
    }
    SPARES.with_borrow_mut(|slot| *slot = spares);
}
