//! Taipan's runtime: values, the tracing GC, the object model, builtin types and modules,
//! and the register-bytecode VM that runs what `compiler` produces.
//!
//! See ARCHITECTURE.md for the map. Pure algorithms that do not touch the object model
//! (text, numeric conversions, the format mini-language) live in their own modules so that
//! they can be tested without a heap.

pub mod format;
pub mod mathfns;
pub mod numeric;
pub mod text;
