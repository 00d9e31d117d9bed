//! The layouts (bodies) of builtin objects, one file per type or family. Behaviour lives
//! in `ops` (the one function per Python operation) and `builtins` (methods).

pub mod bytes;
pub mod dict;
pub mod exception;
pub mod function;
pub mod instance;
pub mod int;
pub mod list;
pub mod misc;
pub mod module;
pub mod native;
pub mod set;
pub mod shape;
pub mod str;
pub mod tuple;
pub mod typeobj;
