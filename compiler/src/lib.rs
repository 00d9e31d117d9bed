//! Taipan's frontend: Python 3.14 source → AST (`ruff_python_parser`) → scopes → SSA IR →
//! passes → register bytecode.
//!
//! This crate never depends on the runtime. Every rejection of user input is a
//! [`diagnostics::SyntaxDiagnostic`]; a panic here is a bug.

pub mod bytecode;
pub mod diagnostics;
pub mod guard;
pub mod ir;
pub mod lower;
pub mod parse;
pub mod passes;
pub mod pipeline;
pub mod pyrepr;
pub mod scope;
mod short_text;
pub mod source;
pub mod suggest;
