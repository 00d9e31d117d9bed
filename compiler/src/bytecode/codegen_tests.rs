//! Code-generation tests on IR built by hand with [`FunctionBuilder`]: the disassembly is
//! snapshot-checked, and a tiny evaluator for the integer subset of the bytecode runs the
//! result, so register allocation and parallel moves are checked for meaning, not just shape.

use super::code::{CodeModule, CodeObject};
use super::codegen::compile_function;
use super::dis::disassemble;
use super::instruction::Instruction;
use super::opcodes::Opcode;
use crate::ir::builder::FunctionBuilder;
use crate::ir::{
    BinOp, BlockCall, CmpOp, Const, Function, FunctionKind, Imm, Loc, LocalId, Op, Terminator,
};
use expect_test::{Expect, expect};
use num_bigint::BigInt;
use num_traits::ToPrimitive;

fn builder(nlocals: usize) -> FunctionBuilder {
    let mut func = Function::new("f", "f", FunctionKind::Function, 1);
    func.locals = (0..nlocals).map(|i| format!("x{i}")).collect();
    FunctionBuilder::new(func)
}

fn int(b: &mut FunctionBuilder, value: i64) -> crate::ir::Value {
    b.constant(Const::Int(BigInt::from(value)))
}

fn binary(
    b: &mut FunctionBuilder,
    op: BinOp,
    x: crate::ir::Value,
    y: crate::ir::Value,
) -> crate::ir::Value {
    b.ins(Op::Binary, Imm::BinOp(op), vec![x, y])
}

fn dis(code: CodeObject) -> String {
    disassemble(
        &CodeModule {
            filename: "t.py".into(),
            codes: vec![code],
        },
        0,
    )
}

fn check(code: &CodeObject, expect: Expect) {
    expect.assert_eq(&dis(code.clone()));
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum V {
    Unset,
    Int(i64),
    Iter(i64, i64),
}

/// Runs the integer subset of the bytecode; panics (test failure) on anything else.
fn run(code: &CodeObject) -> i64 {
    let mut regs = vec![V::Unset; code.nregs as usize];
    let int_of = |v: V| match v {
        V::Int(i) => i,
        other => panic!("not an int: {other:?}"),
    };
    let mut pc = 0;
    for _ in 0..100_000 {
        let (
            Instruction {
                opcode,
                operands: o,
                ..
            },
            next,
        ) = Instruction::decode(&code.code, pc).unwrap();
        pc = next;
        let r = |i: usize| o[i] as usize;
        match opcode {
            Opcode::LoadConst => {
                regs[r(0)] = V::Int(match &code.consts[r(1)] {
                    Const::Int(i) => i.to_i64().unwrap(),
                    other => panic!("{other:?}"),
                })
            }
            Opcode::Move | Opcode::LoadFast => regs[r(0)] = regs[r(1)],
            Opcode::BinaryOp => {
                let (a, b) = (int_of(regs[r(1)]), int_of(regs[r(2)]));
                regs[r(0)] = V::Int(match BinOp::ALL[r(3)] {
                    BinOp::Add => a + b,
                    BinOp::Sub => a - b,
                    BinOp::Mul => a * b,
                    other => panic!("{other:?}"),
                });
            }
            Opcode::CompareOp => {
                let (a, b) = (int_of(regs[r(1)]), int_of(regs[r(2)]));
                regs[r(0)] = V::Int(i64::from(match CmpOp::ALL[r(3)] {
                    CmpOp::Lt => a < b,
                    CmpOp::Gt => a > b,
                    other => panic!("{other:?}"),
                }));
            }
            Opcode::GetIter => regs[r(0)] = V::Iter(0, int_of(regs[r(1)])),
            Opcode::ForIter => match regs[r(1)] {
                V::Iter(next, end) if next < end => {
                    regs[r(1)] = V::Iter(next + 1, end);
                    regs[r(0)] = V::Int(next);
                }
                _ => pc = r(2),
            },
            Opcode::Jump => pc = r(0),
            Opcode::JumpIfTrue if int_of(regs[r(0)]) != 0 => pc = r(1),
            Opcode::JumpIfFalse if int_of(regs[r(0)]) == 0 => pc = r(1),
            Opcode::JumpIfTrue | Opcode::JumpIfFalse => {}
            Opcode::Return => return int_of(regs[r(0)]),
            other => panic!("unsupported {other:?}"),
        }
    }
    panic!("did not terminate");
}

/// `a, b = 0, 1; for k in range(n, 0, -1): a, b = b, a + b; return a` with the loop state
/// in block parameters, so the back edge is a parallel move with a cycle-free chain.
fn fibonacci(n: i64) -> Function {
    let mut b = builder(0);
    let header = b.create_block();
    let (pa, pb, pk) = (
        b.func.append_block_param(header),
        b.func.append_block_param(header),
        b.func.append_block_param(header),
    );
    let body = b.create_block();
    let exit = b.create_block();
    let pr = b.func.append_block_param(exit);
    let (zero, one, count) = (int(&mut b, 0), int(&mut b, 1), int(&mut b, n));
    b.jump(header, vec![zero, one, count]);
    b.switch_to(header);
    let zero = int(&mut b, 0);
    let cond = b.ins(Op::Compare, Imm::CmpOp(CmpOp::Gt), vec![pk, zero]);
    b.terminate(Terminator::Branch {
        cond,
        then_to: BlockCall::bare(body),
        else_to: BlockCall::new(exit, vec![pa]),
    });
    b.switch_to(body);
    let sum = binary(&mut b, BinOp::Add, pa, pb);
    let one = int(&mut b, 1);
    let k = binary(&mut b, BinOp::Sub, pk, one);
    b.jump(header, vec![pb, sum, k]);
    b.switch_to(exit);
    b.terminate(Terminator::Return(pr));
    b.finish()
}

#[test]
fn fibonacci_loop_runs() {
    for (n, expected) in [(0, 0), (1, 1), (2, 1), (10, 55), (20, 6765)] {
        assert_eq!(
            run(&compile_function(&fibonacci(n)).unwrap()),
            expected,
            "fib({n})"
        );
    }
}

#[test]
fn fibonacci_listing() {
    check(
        &compile_function(&fibonacci(10)).unwrap(),
        expect![[r#"
            Disassembly of code 0 f (function, file 't.py', line 1):
              args 0 (posonly 0, kwonly 0), locals 0, registers 4, caches 3, flags: none
              --         0  LoadConst             r0, c0  (0)
                         3  LoadConst             r1, c1  (1)
                         6  LoadConst             r2, c2  (10)
                  >>     9  LoadConst             r3, c0  (0)
                        12  CompareOp             r3, r2, r3, gt, $0
                        18  JumpIfFalse           r3, to 46
                        22  BinaryOp              r3, r0, r1, add, $1
                        28  LoadConst             r0, c1  (1)
                        31  BinaryOp              r2, r2, r0, sub, $2
                        37  Move                  r0, r1
                        40  Move                  r1, r3
                        43  Jump                  to 9
                  >>    46  Return                r0
            LineTable: 1 runs in 5 bytes for 48 code units
        "#]],
    );
}

/// Block parameters swapped on every iteration: `a, b = b, a` needs the scratch register.
#[test]
fn swapping_parameters_uses_scratch() {
    let mut b = builder(0);
    let header = b.create_block();
    let (pa, pb, pk) = (
        b.func.append_block_param(header),
        b.func.append_block_param(header),
        b.func.append_block_param(header),
    );
    let body = b.create_block();
    let exit = b.create_block();
    let (x, y, n) = (int(&mut b, 3), int(&mut b, 4), int(&mut b, 5));
    b.jump(header, vec![x, y, n]);
    b.switch_to(header);
    let zero = int(&mut b, 0);
    let cond = b.ins(Op::Compare, Imm::CmpOp(CmpOp::Gt), vec![pk, zero]);
    b.branch(cond, body, exit);
    b.switch_to(body);
    let one = int(&mut b, 1);
    let k = binary(&mut b, BinOp::Sub, pk, one);
    b.jump(header, vec![pb, pa, k]);
    b.switch_to(exit);
    let ten = int(&mut b, 10);
    let tens = binary(&mut b, BinOp::Mul, pa, ten);
    let result = binary(&mut b, BinOp::Add, tens, pb);
    b.terminate(Terminator::Return(result));
    let code = compile_function(&b.finish()).unwrap();
    // Five swaps of (3, 4) leave (4, 3).
    assert_eq!(run(&code), 43);
    let listing = dis(code);
    assert!(listing.matches("Move").count() >= 3, "{listing}");
}

/// `total = 0; for i in range(n): total += i` with the total in a block parameter and the
/// item delivered straight into the body's parameter register.
#[test]
fn for_iter_delivers_item_to_parameter() {
    let mut b = builder(0);
    let header = b.create_block();
    let acc = b.func.append_block_param(header);
    let body = b.create_block();
    let (body_acc, item) = (
        b.func.append_block_param(body),
        b.func.append_block_param(body),
    );
    let exit = b.create_block();
    let result = b.func.append_block_param(exit);
    let n = int(&mut b, 5);
    let it = b.ins(Op::GetIter, Imm::None, vec![n]);
    let zero = int(&mut b, 0);
    b.jump(header, vec![zero]);
    b.switch_to(header);
    b.terminate(Terminator::ForIter {
        iter: it,
        body: BlockCall::new(body, vec![acc]),
        exit: BlockCall::new(exit, vec![acc]),
    });
    b.switch_to(body);
    let sum = binary(&mut b, BinOp::Add, body_acc, item);
    b.jump(header, vec![sum]);
    b.switch_to(exit);
    b.terminate(Terminator::Return(result));
    let code = compile_function(&b.finish()).unwrap();
    assert_eq!(run(&code), 10);
    check(
        &code,
        expect![[r#"
            Disassembly of code 0 f (function, file 't.py', line 1):
              args 0 (posonly 0, kwonly 0), locals 0, registers 3, caches 2, flags: none
              --         0  LoadConst             r0, c0  (5)
                         3  GetIter               r0, r0
                         6  LoadConst             r1, c1  (0)
                  >>     9  ForIter               r2, r0, to 24, $0
                        15  BinaryOp              r1, r1, r2, add, $1
                        21  Jump                  to 9
                  >>    24  Return                r1
            LineTable: 1 runs in 5 bytes for 26 code units
        "#]],
    );
}

/// A protected block whose handler receives the exception in its parameter's register,
/// with locations recorded per instruction.
#[test]
fn exception_handler_and_locations() {
    let mut b = builder(1);
    let handler = b.func.create_block();
    let exc = b.func.append_block_param(handler);
    b.loc = Loc {
        line: 2,
        col: 4,
        end_line: 2,
        end_col: 9,
    };
    let body = b.create_block_with_handler(Some(handler));
    b.jump(body, vec![]);
    b.switch_to(body);
    let x = b.ins(Op::LoadFast, Imm::Local(LocalId(0)), vec![]);
    let name = b.func.add_name("attr");
    b.loc = Loc {
        line: 3,
        col: 8,
        end_line: 3,
        end_col: 14,
    };
    let y = b.ins(Op::GetAttr, Imm::Name(name), vec![x]);
    b.ins_void(Op::StoreFast, Imm::Local(LocalId(0)), vec![y]);
    b.terminate(Terminator::Return(y));
    b.switch_to(handler);
    b.loc = Loc {
        line: 5,
        col: 0,
        end_line: 5,
        end_col: 5,
    };
    b.terminate(Terminator::Reraise(exc));
    // Put the handler last, as lowering does.
    let layout = &mut b.func.layout;
    let h = layout.remove(1);
    layout.push(h);
    let code = compile_function(&b.finish()).unwrap();
    check(
        &code,
        expect![[r#"
            Disassembly of code 0 f (function, file 't.py', line 1):
              args 0 (posonly 0, kwonly 0), locals 1, registers 2, caches 1, flags: none
              locals: x0
               2         0  LoadFast              r1, x0
               3         3  GetAttr               r1, r1, n0, $0  (attr)
                         8  Move                  x0, r1
                        11  Return                r1
               5  >>    13  Reraise               r1
            ExceptionTable:
              0 to 13 -> 13 [r1]
            LineTable: 3 runs in 15 bytes for 15 code units
        "#]],
    );
    assert_eq!(
        code.location(4),
        Some(Loc {
            line: 3,
            col: 8,
            end_line: 3,
            end_col: 14
        })
    );
    assert_eq!(code.exctable.lookup(12).map(|e| e.handler), Some(13));
}

/// Temporaries whose lives do not overlap share a register.
#[test]
fn registers_are_reused() {
    let mut b = builder(2);
    let mut last = None;
    for i in 0..10 {
        let a = int(&mut b, i);
        let c = int(&mut b, i + 1);
        let s = binary(&mut b, BinOp::Add, a, c);
        b.ins_void(Op::StoreFast, Imm::Local(LocalId(1)), vec![s]);
        last = Some(s);
    }
    b.terminate(Terminator::Return(last.unwrap()));
    let code = compile_function(&b.finish()).unwrap();
    assert_eq!(code.nregs, 4, "{}", dis(code.clone()));
}

/// Malformed IR (an edge into a missing parameter, a value with no definition) is an
/// error, never a panic.
#[test]
fn malformed_ir_is_an_error() {
    let mut b = builder(0);
    let target = b.create_block();
    let v = int(&mut b, 1);
    b.jump(target, vec![v]);
    b.switch_to(target);
    b.terminate(Terminator::Return(v));
    assert!(compile_function(&b.finish()).is_err());
    let mut b = builder(0);
    b.terminate(Terminator::Return(crate::ir::Value(99)));
    assert!(compile_function(&b.finish()).is_err());
}
