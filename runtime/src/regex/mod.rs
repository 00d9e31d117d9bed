//! Regular expressions for the `re` module: a parser for Python's pattern syntax
//! (`parse`), a compiler to a small instruction set (`compile`) and a backtracking
//! matcher with an explicit stack (`exec`), as pure functions over `&[char]`.
//!
//! CPython's counterpart is `Lib/re/_parser.py` + `Lib/re/_compiler.py` +
//! `Modules/_sre/sre_lib.h`; this engine is written independently. Like CPython's it
//! backtracks (so backreferences, lookaround, atomic groups and possessive repeats work,
//! and pathological patterns can take exponential time); unlike CPython's it never
//! recurses on the native stack for repetition, so long subjects cannot overflow it.
//! Subjects are sequences of `char`s; a `bytes` subject maps each byte to the `char` of
//! the same number.

mod compile;
mod exec;
mod parse;

pub use exec::{Mode, exec, scan};

/// `re` flag bits, as CPython numbers them.
pub mod flags {
    pub const TEMPLATE: u32 = 1;
    pub const IGNORECASE: u32 = 2;
    pub const LOCALE: u32 = 4;
    pub const MULTILINE: u32 = 8;
    pub const DOTALL: u32 = 16;
    pub const UNICODE: u32 = 32;
    pub const VERBOSE: u32 = 64;
    pub const DEBUG: u32 = 128;
    pub const ASCII: u32 = 256;
}

/// The position of an error that CPython reports without one.
pub const NO_POSITION: usize = usize::MAX;

/// A pattern error: CPython's message and the character position it refers to (or
/// [`NO_POSITION`]).
#[derive(Debug, Clone, PartialEq)]
pub struct RegexError {
    pub msg: String,
    pub pos: usize,
}

/// A compiled pattern.
#[derive(Debug)]
pub struct Regex {
    pub(crate) prog: compile::Program,
    /// Number of capturing groups (not counting group 0).
    pub groups: usize,
    /// Named groups and their numbers, in order of appearance.
    pub group_names: Vec<(String, usize)>,
    /// The flags in effect, including inline ones such as `(?i)`.
    pub flags: u32,
}

/// Compiles `pattern` (`is_bytes` for a bytes pattern) with `flags`.
pub fn compile(pattern: &[char], flags: u32, is_bytes: bool) -> Result<Regex, RegexError> {
    let parsed = parse::parse(pattern, flags, is_bytes)?;
    let prog = compile::compile(&parsed.node, parsed.groups)?;
    Ok(Regex {
        prog,
        groups: parsed.groups,
        group_names: parsed.names,
        flags: parsed.flags,
    })
}

/// Group spans of a match: `spans[2*g]`, `spans[2*g+1]` for group `g`, `None` when the
/// group did not participate; the last element is the number of the group that closed
/// last (`Match.lastindex`), if any.
pub type Spans = Vec<Option<usize>>;

#[cfg(test)]
mod tests;
