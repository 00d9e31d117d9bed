//! The disassembler: a text listing in the spirit of CPython's `dis`. Each code object gets
//! a header, then one line per instruction: the source line where it changes, `>>` on jump
//! targets, the pc, the opcode name and its operands (registers as `r3`, fast locals by
//! name), with constants, names, cells and code objects resolved in a trailing `(...)`.
//! Nested code objects follow their parent; the exception table and a line-table summary
//! close each listing.

use super::code::{CodeModule, CodeObject};
use super::opcodes::{NO_CACHE, OperandKind, immediate_name};
use crate::ir::{CodeFlags, Const};
use std::collections::BTreeSet;
use std::fmt::Write;

/// Disassembles every code object of a module, each nested code object after its parent.
pub fn disassemble_module(module: &CodeModule) -> String {
    let mut order = Vec::new();
    let mut seen = vec![false; module.codes.len()];
    if !module.codes.is_empty() {
        visit(module, 0, &mut seen, &mut order);
    }
    for index in 0..module.codes.len() {
        if !seen[index] {
            visit(module, index, &mut seen, &mut order);
        }
    }
    let mut out = String::new();
    for (n, index) in order.into_iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        out.push_str(&disassemble(module, index));
    }
    out
}

/// Depth-first order: a code object, then the code objects its `MakeFunction`s name.
fn visit(module: &CodeModule, index: usize, seen: &mut [bool], order: &mut Vec<usize>) {
    seen[index] = true;
    order.push(index);
    let Ok(instructions) = module.codes[index].instructions() else {
        return;
    };
    for (_, inst) in instructions {
        for (spec, &value) in inst
            .opcode
            .operands()
            .iter()
            .filter(|o| o.kind != OperandKind::Regs)
            .zip(&inst.operands)
        {
            let child = value as usize;
            if spec.kind == OperandKind::Code && child < module.codes.len() && !seen[child] {
                visit(module, child, seen, order);
            }
        }
    }
}

/// Python `repr` of a constant.
pub fn const_repr(value: &Const) -> String {
    match value {
        Const::None => "None".into(),
        Const::Bool(true) => "True".into(),
        Const::Bool(false) => "False".into(),
        Const::Ellipsis => "Ellipsis".into(),
        Const::Int(i) => i.to_string(),
        Const::Float(f) => float_repr(*f),
        Const::Complex { re, im } => {
            if *re == 0.0 && re.is_sign_positive() {
                format!("{}j", float_repr(*im).trim_end_matches(".0"))
            } else {
                let sign = if *im < 0.0 || (*im == 0.0 && im.is_sign_negative()) {
                    "-"
                } else {
                    "+"
                };
                let re = float_repr(*re);
                let im = float_repr(im.abs());
                format!(
                    "({}{sign}{}j)",
                    re.trim_end_matches(".0"),
                    im.trim_end_matches(".0")
                )
            }
        }
        Const::Str(s) => crate::pyrepr::repr_str(s),
        Const::Wtf8Str(b) => crate::pyrepr::repr_wtf8(b),
        Const::Bytes(b) => crate::pyrepr::repr_bytes(b),
        Const::Tuple(items) if items.len() == 1 => format!("({},)", const_repr(&items[0])),
        Const::Tuple(items) => format!(
            "({})",
            items.iter().map(const_repr).collect::<Vec<_>>().join(", ")
        ),
        Const::FrozenSet(items) if items.is_empty() => "frozenset()".into(),
        Const::FrozenSet(items) => {
            format!(
                "frozenset({{{}}})",
                items.iter().map(const_repr).collect::<Vec<_>>().join(", ")
            )
        }
    }
}

fn float_repr(f: f64) -> String {
    if f.is_nan() {
        "nan".into()
    } else if f.is_infinite() {
        if f > 0.0 { "inf".into() } else { "-inf".into() }
    } else if f == f.trunc() && f.abs() < 1e16 {
        format!("{f:.1}")
    } else {
        let text = format!("{f:?}");
        // Rust prints `1e20`, Python `1e+20`.
        match text.split_once('e') {
            Some((mantissa, exp)) if !exp.starts_with('-') => format!("{mantissa}e+{exp}"),
            _ => text,
        }
    }
}

fn flag_names(flags: CodeFlags) -> String {
    let names: Vec<&str> = CodeFlags::NAMES
        .iter()
        .filter(|(f, _)| flags.contains(*f))
        .map(|(_, n)| *n)
        .collect();
    if names.is_empty() {
        "none".into()
    } else {
        names.join(", ")
    }
}

/// Disassembles code object `index` of `module` (without its nested code objects).
pub fn disassemble(module: &CodeModule, index: usize) -> String {
    let Some(code) = module.codes.get(index) else {
        return format!("<no code object {index}>\n");
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Disassembly of code {index} {} ({}, file {}, line {}):",
        code.qualname,
        code.kind.name(),
        crate::pyrepr::repr_str(&module.filename),
        code.first_line
    );
    let _ = writeln!(
        out,
        "  args {} (posonly {}, kwonly {}), locals {}, registers {}, caches {}, flags: {}",
        code.argcount,
        code.posonlyargcount,
        code.kwonlyargcount,
        code.nlocals,
        code.nregs,
        code.ncaches,
        flag_names(code.flags)
    );
    if !code.varnames.is_empty() {
        let _ = writeln!(out, "  locals: {}", code.varnames.join(", "));
    }
    if !code.cells.is_empty() {
        let _ = writeln!(out, "  cells: {}", code.cells.join(", "));
    }
    if !code.frees.is_empty() {
        let _ = writeln!(out, "  frees: {}", code.frees.join(", "));
    }
    if let Some(doc) = &code.docstring {
        let _ = writeln!(out, "  docstring: {}", crate::pyrepr::repr_str(doc));
    }
    let instructions = match code.instructions() {
        Ok(instructions) => instructions,
        Err(error) => {
            let _ = writeln!(out, "  <undecodable code: {error}>");
            return out;
        }
    };
    let mut targets: BTreeSet<u32> = BTreeSet::new();
    for (_, inst) in &instructions {
        for (spec, &value) in inst
            .opcode
            .operands()
            .iter()
            .filter(|o| o.kind != OperandKind::Regs)
            .zip(&inst.operands)
        {
            if spec.kind == OperandKind::Target {
                targets.insert(value);
            }
        }
    }
    for entry in &code.exctable.entries {
        targets.insert(entry.handler);
    }
    let mut last_line = None;
    // Decode the line table once and walk it alongside the pcs (a lookup per
    // instruction would decode it from the start every time).
    let runs = code.linetable.runs().unwrap_or_default();
    let mut run = 0;
    for (pc, inst) in &instructions {
        while run < runs.len() && runs[run].0.end <= *pc {
            run += 1;
        }
        let line = runs
            .get(run)
            .filter(|(range, _)| range.contains(pc))
            .map_or(0, |(_, loc)| loc.line);
        let line_text = if last_line != Some(line) {
            last_line = Some(line);
            if line == 0 {
                "--".to_string()
            } else {
                line.to_string()
            }
        } else {
            String::new()
        };
        let marker = if targets.contains(&(*pc as u32)) {
            ">>"
        } else {
            ""
        };
        let (operands, comments) = render_operands(module, code, inst);
        let mut text = format!(
            "{line_text:>4} {marker:>3} {pc:>5}  {:<22}{operands}",
            inst.opcode.name()
        );
        if !comments.is_empty() {
            let _ = write!(text, "  ({})", comments.join(", "));
        }
        let _ = writeln!(out, "{}", text.trim_end());
    }
    if !code.exctable.entries.is_empty() {
        let _ = writeln!(out, "ExceptionTable:");
        for entry in &code.exctable.entries {
            let _ = writeln!(
                out,
                "  {} to {} -> {} [{}]",
                entry.start,
                entry.end,
                entry.handler,
                reg_name(code, entry.exc_reg)
            );
        }
    }
    let runs = runs.len();
    let _ = writeln!(
        out,
        "LineTable: {runs} runs in {} bytes for {} code units",
        code.linetable.bytes().len(),
        code.code.len()
    );
    out
}

fn reg_name(code: &CodeObject, reg: u32) -> String {
    match code.varnames.get(reg as usize) {
        Some(name) if reg < code.nlocals => name.clone(),
        _ => format!("r{reg}"),
    }
}

/// The operand text and the resolved values for the trailing comment.
fn render_operands(
    module: &CodeModule,
    code: &CodeObject,
    inst: &super::instruction::Instruction,
) -> (String, Vec<String>) {
    let mut parts = Vec::new();
    let mut comments = Vec::new();
    let mut values = inst.operands.iter();
    for spec in inst.opcode.operands() {
        if spec.kind == OperandKind::Regs {
            let regs: Vec<String> = inst.list.iter().map(|&r| reg_name(code, r)).collect();
            parts.push(format!("[{}]", regs.join(", ")));
            continue;
        }
        let Some(&value) = values.next() else { break };
        let index = value as usize;
        let text = match spec.kind {
            OperandKind::Reg => reg_name(code, value),
            OperandKind::Const => {
                comments.push(
                    code.consts
                        .get(index)
                        .map(const_repr)
                        .unwrap_or_else(|| "?".into()),
                );
                format!("c{value}")
            }
            OperandKind::Name => {
                comments.push(code.names.get(index).cloned().unwrap_or_else(|| "?".into()));
                format!("n{value}")
            }
            OperandKind::Deref => {
                comments.push(code.deref_name(index).unwrap_or("?").to_owned());
                format!("d{value}")
            }
            OperandKind::Code => {
                comments.push(
                    module
                        .codes
                        .get(index)
                        .map(|c| format!("code {}", c.qualname))
                        .unwrap_or_else(|| "?".into()),
                );
                format!("code{value}")
            }
            OperandKind::Target => format!("to {value}"),
            OperandKind::Cache if value == NO_CACHE => "$-".to_owned(),
            OperandKind::Cache => format!("${value}"),
            OperandKind::Imm => value.to_string(),
            kind => immediate_name(kind, value)
                .map(str::to_owned)
                .unwrap_or_else(|| format!("?{value}")),
        };
        parts.push(text);
    }
    (parts.join(", "), comments)
}

#[cfg(test)]
mod tests {
    use super::*;
    use num_bigint::BigInt;

    #[test]
    fn constant_reprs_match_python() {
        assert_eq!(const_repr(&Const::Str("it's".into())), "\"it's\"");
        assert_eq!(const_repr(&Const::Str("a\nb'\"".into())), "'a\\nb\\'\"'");
        assert_eq!(const_repr(&Const::Float(1.0)), "1.0");
        assert_eq!(const_repr(&Const::Float(1e20)), "1e+20");
        assert_eq!(const_repr(&Const::Float(0.1)), "0.1");
        assert_eq!(const_repr(&Const::Complex { re: 0.0, im: 2.0 }), "2j");
        assert_eq!(const_repr(&Const::Complex { re: 1.0, im: -2.0 }), "(1-2j)");
        assert_eq!(
            const_repr(&Const::Bytes(b"a\x00'".to_vec())),
            "b\"a\\x00'\""
        );
        assert_eq!(
            const_repr(&Const::Tuple(vec![Const::Int(BigInt::from(1))])),
            "(1,)"
        );
        assert_eq!(const_repr(&Const::FrozenSet(vec![])), "frozenset()");
    }
}
