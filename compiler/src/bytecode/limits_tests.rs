//! The encoding's limits on real-sized input: machine-generated code with tens of
//! thousands of display items or cache sites compiles (as it does in CPython), and what
//! truly cannot be encoded is a clean `SyntaxError`, never a panic.

use super::code::CodeObject;
use super::opcodes::{NO_CACHE, Opcode, OperandKind};
use crate::pipeline::compile_to_bytecode;

fn compile(source: &str) -> Vec<CodeObject> {
    match compile_to_bytecode(source, "t.py") {
        Ok((module, _)) => module.codes,
        Err(error) => panic!("{}", error.message),
    }
}

fn opcodes(code: &CodeObject) -> Vec<Opcode> {
    code.instructions()
        .unwrap()
        .into_iter()
        .map(|(_, inst)| inst.opcode)
        .collect()
}

#[test]
fn huge_displays_do_not_need_a_register_per_item() {
    // 70,000 items would need more registers than an operand can name.
    let names: Vec<String> = (0..70_000).map(|i| format!("a{}", i % 7)).collect();
    let source = format!("x = [{}]\ny = ({})\n", names.join(", "), names.join(", "));
    let module = &compile(&source)[0];
    assert!(module.nregs < 8, "{} registers", module.nregs);
    let ops = opcodes(module);
    assert_eq!(
        ops.iter().filter(|&&o| o == Opcode::ListAppend).count(),
        140_000
    );
}

#[test]
fn constant_runs_come_from_one_tuple() {
    // An ANTLR-style serialized table: a long list of small ints.
    let items: Vec<String> = (0..30_000).map(|i| (i % 300).to_string()).collect();
    let source = format!("def table():\n    return [{}]\n", items.join(", "));
    let table = &compile(&source)[1];
    assert!(table.nregs <= 2, "{} registers", table.nregs);
    assert_eq!(
        opcodes(table),
        [
            Opcode::BuildList,
            Opcode::LoadConst,
            Opcode::ListExtend,
            Opcode::Return
        ]
    );
}

#[test]
fn calls_with_many_arguments_pass_a_tuple() {
    let args: Vec<String> = (0..300).map(|i| format!("a{i}")).collect();
    let source = format!("f({})\n", args.join(", "));
    let ops = opcodes(&compile(&source)[0]);
    assert!(
        ops.contains(&Opcode::CallEx) && !ops.contains(&Opcode::Call),
        "{ops:?}"
    );
}

#[test]
fn cache_sites_past_the_slot_limit_go_without() {
    // 70,000 `+` sites, each wanting an inline cache.
    let source = "x = a + b\n".repeat(70_000);
    let module = &compile(&source)[0];
    assert_eq!(module.ncaches, NO_CACHE);
    let uncached = module
        .instructions()
        .unwrap()
        .into_iter()
        .filter(|(_, inst)| {
            inst.opcode
                .operands()
                .iter()
                .filter(|o| o.kind != OperandKind::Regs)
                .zip(&inst.operands)
                .any(|(o, &v)| o.kind == OperandKind::Cache && v == NO_CACHE)
        })
        .count();
    assert_eq!(uncached, 70_000 - NO_CACHE as usize);
}

#[test]
fn too_many_constants_is_a_syntax_error() {
    let items: Vec<String> = (0..70_000).map(|i| format!("x{i} = {i}")).collect();
    let error = compile_to_bytecode(&items.join("\n"), "t.py").unwrap_err();
    assert!(
        error.message.starts_with("code object too large"),
        "{}",
        error.message
    );
}
