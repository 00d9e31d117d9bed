//! Finalization: `__del__` methods and weak reference callbacks run after a collection
//! finds their objects unreachable.
//!
//! FIXME: not implemented yet — unreachable objects with `__del__` are freed without
//! running it, and `weakref` does not exist. `run_pending` is where queued finalizers
//! will run, outside the collector, once the mark phase queues them.

use crate::errors::PyResult;
use crate::interp::Vm;

/// Runs finalizers queued by the last collection.
pub fn run_pending(_vm: &mut Vm) -> PyResult<()> {
    Ok(())
}
