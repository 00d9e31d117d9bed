//! Taipan's runtime: values, the tracing GC, the object model, builtin types and modules,
//! and the register-bytecode VM that runs what `compiler` produces.
//!
//! See ARCHITECTURE.md for the map. Pure algorithms that do not touch the object model
//! (text, numeric conversions, the format mini-language) live in their own modules so that
//! they can be tested without a heap.

pub mod args;
pub mod builtins;
pub mod builtins_types;
pub mod errors;
pub mod format;
pub mod gc;
pub mod import;
pub mod import_lock;
pub mod interp;
pub mod loader;
pub mod mathfns;
pub mod modules;
pub mod numeric;
pub mod object;
pub mod ops;
pub mod regex;
pub mod repl;
pub mod run;
pub mod text;
pub mod threads;
pub mod traceback;
pub mod types;
pub mod value;
pub mod vm;
