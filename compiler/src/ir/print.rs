//! The IR's text form, printing side. [`super::parse`] reads it back; printing a parsed
//! module reproduces the text exactly, and the parsed module equals the original.
//!
//! ```text
//! module 'example.py'
//!
//! function f0 name='<module>' kind=module line=1 {
//!   locals x, '$exit2'
//!   names print
//!   consts None, 'hi', 1.5
//! block0:
//!   v0 = load_global print                 @1:0-1:5
//!   v1 = const 'hi'                        @1:6-1:10
//!   v2 = call v0, v1                       @1:0-1:11
//!   jump block1(v2)
//! block1(v3) handler block2:
//!   store_fast x v3
//!   return v3
//! block2(v4):
//!   reraise v4
//! }
//! ```
//!
//! - A function's header line carries its id, name, qualname (only when it differs from the
//!   name), kind and first line; attribute lines follow, each omitted when empty or zero.
//! - Values, blocks and functions print as their ids (`v3`, `block2`, `f1`), so a
//!   round-trip keeps every id.
//! - An instruction is `[vN =] op [imm] [arg, …]`. Immediates print by kind: constants
//!   inline as Python-like literals (`'hi'`, `(1, 2)`, `frozenset({1})`, `complex(0.0, 1.0)`);
//!   names, locals and cells as their text, bare when it is an identifier and quoted
//!   otherwise (`load_fast '$exit2'`); operator kinds as their names (`binary add`);
//!   integers as numbers and pairs as `before:after`. When a pool holds duplicates (or an
//!   id is out of range) the immediate falls back to the raw index `#N` so it stays
//!   unambiguous.
//! - Floats use Rust's shortest round-trip repr (`0.1`, `1e100`, `-0.0`, `inf`); the
//!   canonical NaN is `nan` and any other NaN shows its bits, `nan(0x7ff8000000000001)`.
//! - A source location `@line:col-endline:endcol` is printed only when it differs from the
//!   previous instruction's in the same block (the first is compared with "no location").
//! - `;` starts a comment that runs to the end of the line.

use super::constant::Const;
use super::entities::{Block, DerefId, FuncId, LocalId, NameId, Value};
use super::function::{BlockCall, CodeFlags, Function, InstData, Loc, Module, Terminator};
use super::ops::Imm;
use std::collections::HashSet;
use std::fmt::{self, Write as _};

/// Column at which source locations start, so they line up in listings.
const LOC_COLUMN: usize = 40;

/// The bits of the NaN Rust and Python produce from `float('nan')`.
pub const CANONICAL_NAN_BITS: u64 = 0x7ff8_0000_0000_0000;

/// Prints a whole module in the text form.
pub fn print_module(module: &Module) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "module {}", crate::pyrepr::repr_str(&module.filename));
    for (index, func) in module.functions.iter().enumerate() {
        out.push('\n');
        print_function_into(&mut out, FuncId::new(index), func);
    }
    out
}

impl fmt::Display for Module {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&print_module(self))
    }
}

/// Prints one function (as it appears inside a module listing).
pub fn print_function(id: FuncId, func: &Function) -> String {
    let mut out = String::new();
    print_function_into(&mut out, id, func);
    out
}

fn print_function_into(out: &mut String, id: FuncId, func: &Function) {
    let _ = write!(
        out,
        "function {id} name={}",
        crate::pyrepr::repr_str(&func.name)
    );
    if func.qualname != func.name {
        let _ = write!(out, " qualname={}", crate::pyrepr::repr_str(&func.qualname));
    }
    let _ = writeln!(
        out,
        " kind={} line={} {{",
        func.kind.name(),
        func.first_line
    );
    if func.flags.0 != 0 {
        let _ = writeln!(out, "  flags {}", flags_text(func.flags));
    }
    if func.argcount != 0 || func.posonlyargcount != 0 || func.kwonlyargcount != 0 {
        let _ = writeln!(
            out,
            "  args {} posonly {} kwonly {}",
            func.argcount, func.posonlyargcount, func.kwonlyargcount
        );
    }
    symbol_list(out, "locals", &func.locals);
    symbol_list(out, "cells", &func.cells);
    symbol_list(out, "frees", &func.frees);
    if let Some(doc) = &func.docstring {
        let _ = writeln!(out, "  doc {}", crate::pyrepr::repr_str(doc));
    }
    symbol_list(out, "names", &func.names);
    if !func.consts.is_empty() {
        let items: Vec<String> = func.consts.iter().map(const_text).collect();
        let _ = writeln!(out, "  consts {}", items.join(", "));
    }
    let printer = FunctionPrinter::new(func);
    for &block in &func.layout {
        printer.block(out, block);
    }
    out.push_str("}\n");
}

fn symbol_list(out: &mut String, keyword: &str, symbols: &[String]) {
    if !symbols.is_empty() {
        let items: Vec<String> = symbols.iter().map(|s| symbol_text(s)).collect();
        let _ = writeln!(out, "  {keyword} {}", items.join(", "));
    }
}

/// `varargs|nested`, with unnamed bits as a trailing hex number.
fn flags_text(flags: CodeFlags) -> String {
    let mut parts = Vec::new();
    let mut rest = flags.0;
    for &(bit, name) in CodeFlags::NAMES {
        if flags.contains(bit) {
            parts.push(name.to_owned());
            rest &= !bit;
        }
    }
    if rest != 0 {
        parts.push(format!("{rest:#x}"));
    }
    parts.join("|")
}

/// Prints the parts of one function, knowing which pools can be referenced by content.
pub struct FunctionPrinter<'f> {
    func: &'f Function,
    consts_unique: bool,
    names_unique: bool,
    locals_unique: bool,
    derefs_unique: bool,
}

fn all_unique<'a, T: Eq + std::hash::Hash + 'a>(items: impl IntoIterator<Item = &'a T>) -> bool {
    let mut seen = HashSet::new();
    items.into_iter().all(|item| seen.insert(item))
}

impl<'f> FunctionPrinter<'f> {
    pub fn new(func: &'f Function) -> Self {
        FunctionPrinter {
            func,
            consts_unique: all_unique(&func.consts),
            names_unique: all_unique(&func.names),
            locals_unique: all_unique(&func.locals),
            derefs_unique: all_unique(func.cells.iter().chain(&func.frees)),
        }
    }

    fn block(&self, out: &mut String, block: Block) {
        let Some(data) = self.func.blocks.get(block.index()) else {
            let _ = writeln!(out, "{block}:");
            return;
        };
        let _ = write!(out, "{block}");
        if !data.params.is_empty() {
            let _ = write!(out, "({})", value_list(&data.params));
        }
        if let Some(handler) = data.handler {
            let _ = write!(out, " handler {handler}");
        }
        out.push_str(":\n");
        let mut previous = Loc::default();
        for inst_id in &data.insts {
            let line = match self.func.insts.get(inst_id.index()) {
                Some(inst) => {
                    let text = self.inst(inst);
                    with_loc(text, self.func.inst_loc(*inst_id), &mut previous)
                }
                // Only reachable for malformed IR; keep printing so the verifier's report
                // can show the rest of the function.
                None => format!("<missing {inst_id}>"),
            };
            let _ = writeln!(out, "  {line}");
        }
        if let Some(term) = &data.term {
            let _ = writeln!(
                out,
                "  {}",
                with_loc(terminator_text(term), data.term_loc, &mut previous)
            );
        }
    }

    /// One instruction without its location: `v3 = binary add v1, v2`.
    pub fn inst(&self, inst: &InstData) -> String {
        let mut out = String::new();
        if let Some(result) = inst.result {
            let _ = write!(out, "{result} = ");
        }
        out.push_str(inst.op.name());
        let imm = self.imm(inst.imm);
        if !imm.is_empty() {
            out.push(' ');
            out.push_str(&imm);
        }
        if !inst.args.is_empty() {
            out.push(' ');
            out.push_str(&value_list(self.func.args_of(inst)));
        }
        out
    }

    fn imm(&self, imm: Imm) -> String {
        let func = self.func;
        match imm {
            Imm::None => String::new(),
            Imm::Const(id) => match func.consts.get(id.index()) {
                Some(c) if self.consts_unique => const_text(c),
                _ => format!("#{}", id.0),
            },
            Imm::Name(NameId(i)) => pool_symbol(&func.names, i, self.names_unique),
            Imm::Local(LocalId(i)) => pool_symbol(&func.locals, i, self.locals_unique),
            Imm::Deref(DerefId(i)) => match func.deref_name(i as usize) {
                Some(name) if self.derefs_unique => symbol_text(name),
                _ => format!("#{i}"),
            },
            Imm::Int(n) => n.to_string(),
            Imm::Pair(a, b) => format!("{a}:{b}"),
            Imm::Func(f) => f.to_string(),
            Imm::BinOp(op) => op.name().to_owned(),
            Imm::UnaryOp(op) => op.name().to_owned(),
            Imm::CmpOp(op) => op.name().to_owned(),
            Imm::Intrinsic(i) => i.name().to_owned(),
            Imm::Common(c) => c.name().to_owned(),
        }
    }
}

fn pool_symbol(pool: &[String], index: u32, unique: bool) -> String {
    match pool.get(index as usize) {
        Some(name) if unique => symbol_text(name),
        _ => format!("#{index}"),
    }
}

/// Appends `@line:col-endline:endcol` when `loc` differs from `previous`.
fn with_loc(mut text: String, loc: Loc, previous: &mut Loc) -> String {
    if loc != *previous {
        let pad = LOC_COLUMN.saturating_sub(text.chars().count() + 2).max(2);
        text.extend(std::iter::repeat_n(' ', pad));
        let _ = write!(
            text,
            "@{}:{}-{}:{}",
            loc.line, loc.col, loc.end_line, loc.end_col
        );
        *previous = loc;
    }
    text
}

/// `v1, v2, v3`.
pub fn value_list(values: &[Value]) -> String {
    values
        .iter()
        .map(|v| v.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// `block3(v1, v2)`, or `block3` without arguments.
pub fn block_call_text(call: &BlockCall) -> String {
    if call.args.is_empty() {
        call.block.to_string()
    } else {
        format!("{}({})", call.block, value_list(&call.args))
    }
}

/// A terminator without its location.
pub fn terminator_text(term: &Terminator) -> String {
    match term {
        Terminator::Jump(target) => format!("jump {}", block_call_text(target)),
        Terminator::Branch {
            cond,
            then_to,
            else_to,
        } => {
            format!(
                "br {cond}, {}, {}",
                block_call_text(then_to),
                block_call_text(else_to)
            )
        }
        Terminator::ForIter { iter, body, exit } => {
            format!(
                "for_iter {iter}, {}, {}",
                block_call_text(body),
                block_call_text(exit)
            )
        }
        Terminator::Return(value) => format!("return {value}"),
        Terminator::Raise { exc, cause } => {
            let mut text = "raise".to_owned();
            if let Some(exc) = exc {
                let _ = write!(text, " {exc}");
            }
            if let Some(cause) = cause {
                let _ = write!(text, " from {cause}");
            }
            text
        }
        Terminator::Reraise(value) => format!("reraise {value}"),
        Terminator::Unreachable => "unreachable".to_owned(),
    }
}

/// Whether `text` can be printed bare: an identifier (Unicode letters, digits and `_`, not
/// starting with a digit).
pub fn is_bare_symbol(text: &str) -> bool {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) if first == '_' || first.is_alphabetic() => {
            chars.all(|c| c == '_' || c.is_alphanumeric())
        }
        _ => false,
    }
}

/// A name, local or cell as printed: bare when it is an identifier, quoted otherwise.
pub fn symbol_text(text: &str) -> String {
    if is_bare_symbol(text) {
        text.to_owned()
    } else {
        crate::pyrepr::repr_str(text)
    }
}

/// A constant as a Python-like literal that [`super::parse`] reads back exactly.
pub fn const_text(value: &Const) -> String {
    let mut out = String::new();
    write_const(&mut out, value);
    out
}

fn write_const(out: &mut String, value: &Const) {
    match value {
        Const::None => out.push_str("None"),
        Const::Bool(true) => out.push_str("True"),
        Const::Bool(false) => out.push_str("False"),
        Const::Ellipsis => out.push_str("Ellipsis"),
        Const::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Const::Float(f) => out.push_str(&float_text(*f)),
        Const::Complex { re, im } => {
            let _ = write!(out, "complex({}, {})", float_text(*re), float_text(*im));
        }
        Const::Str(s) => out.push_str(&crate::pyrepr::repr_str(s)),
        Const::Wtf8Str(b) => out.push_str(&crate::pyrepr::repr_wtf8(b)),
        Const::Bytes(b) => out.push_str(&crate::pyrepr::repr_bytes(b)),
        Const::Tuple(items) => {
            out.push('(');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_const(out, item);
            }
            if items.len() == 1 {
                out.push(',');
            }
            out.push(')');
        }
        Const::FrozenSet(items) => {
            out.push_str("frozenset(");
            if !items.is_empty() {
                out.push('{');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    write_const(out, item);
                }
                out.push('}');
            }
            out.push(')');
        }
    }
}

/// A float in its shortest exact form: `1.0`, `1e100`, `-0.0`, `inf`, `nan`.
pub fn float_text(value: f64) -> String {
    if value.is_nan() {
        let bits = value.to_bits();
        if bits == CANONICAL_NAN_BITS {
            "nan".to_owned()
        } else {
            format!("nan({bits:#018x})")
        }
    } else {
        // Rust's `Debug` repr is the shortest string that parses back to the same bits and
        // always contains `.`, `e`, or is `inf`, so it never reads as an int.
        format!("{value:?}")
    }
}
