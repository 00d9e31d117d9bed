//! Round-trip tests of the IR text form on hand-built modules: every constant kind, every
//! operation of the table, every terminator, locations, flags and pools with duplicates.
//! Invariant: `print(parse(print(m))) == print(m)` and `parse(print(m)) == m`.

use compiler::ir::builder::FunctionBuilder;
use compiler::ir::{
    BinOp, Block, BlockCall, CmpOp, CodeFlags, Common, Const, ConstId, DerefId, FuncId, Function,
    FunctionKind, Imm, ImmKind, Intrinsic, Loc, LocalId, Module, NameId, Op, Terminator, UnaryOp,
    Value, parse_module, print_module, verify_module,
};
use num_bigint::BigInt;

fn assert_round_trip(module: &Module) -> String {
    let text = print_module(module);
    let parsed = parse_module(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    let again = print_module(&parsed);
    assert_eq!(text, again, "print(parse(print(m))) differs");
    assert!(parsed == *module, "parse(print(m)) != m\n{text}");
    text
}

fn loc(line: u32, col: u32, end_col: u32) -> Loc {
    Loc {
        line,
        col,
        end_line: line,
        end_col,
    }
}

fn all_constants() -> Vec<Const> {
    let big: BigInt = "-123456789012345678901234567890123456789".parse().unwrap();
    vec![
        Const::None,
        Const::Bool(true),
        Const::Bool(false),
        Const::Ellipsis,
        Const::Int(BigInt::from(0)),
        Const::Int(BigInt::from(-7)),
        Const::Int(big),
        Const::Float(0.0),
        Const::Float(-0.0),
        Const::Float(0.1),
        Const::Float(1e100),
        Const::Float(-2.5e-300),
        Const::Float(5e-324),
        Const::Float(f64::MAX),
        Const::Float(f64::INFINITY),
        Const::Float(f64::NEG_INFINITY),
        Const::Float(f64::NAN),
        Const::Float(f64::from_bits(0xfff8_0000_0000_0000)),
        Const::Float(f64::from_bits(0x7ff0_0000_0000_0001)),
        Const::Complex { re: 0.0, im: 1.0 },
        Const::Complex { re: -0.0, im: -0.0 },
        Const::Complex {
            re: f64::INFINITY,
            im: f64::NAN,
        },
        Const::Str(String::new()),
        Const::Str("it's".into()),
        Const::Str("both ' and \"".into()),
        Const::Str(
            "tab\tnl\ncr\r back\\slash \u{0} \u{7f} \u{85} é 中 \u{200b} \u{feff} \u{10ffff} 😀"
                .into(),
        ),
        Const::Bytes(Vec::new()),
        Const::Bytes(b"a'b".to_vec()),
        Const::Bytes((0..=255u8).collect()),
        Const::Tuple(Vec::new()),
        Const::Tuple(vec![Const::Int(BigInt::from(1))]),
        Const::Tuple(vec![
            Const::Str("a".into()),
            Const::Tuple(vec![Const::None, Const::Float(1.5)]),
        ]),
        Const::FrozenSet(Vec::new()),
        Const::FrozenSet(vec![Const::Int(BigInt::from(1)), Const::Str("x".into())]),
    ]
}

#[test]
fn constants_round_trip() {
    let mut func = Function::new("<module>", "<module>", FunctionKind::Module, 1);
    for c in all_constants() {
        func.add_const(c);
    }
    let mut b = FunctionBuilder::new(func);
    let mut last = None;
    for i in 0..b.func.consts.len() {
        last = Some(b.ins(Op::Const, Imm::Const(ConstId::new(i)), Vec::new()));
    }
    b.terminate(Terminator::Return(last.unwrap()));
    let mut module = Module::new("consts.py");
    module.add_function(b.finish());
    verify_module(&module).unwrap();
    let text = assert_round_trip(&module);
    assert!(text.contains("nan(0xfff8000000000000)"), "{text}");
    assert!(text.contains("v1 = const True"), "{text}");
}

/// A plausible immediate of `kind` for the test function below.
fn sample_imm(kind: ImmKind, i: usize) -> Imm {
    match kind {
        ImmKind::None => Imm::None,
        ImmKind::Const => Imm::Const(ConstId::new(0)),
        ImmKind::Name => Imm::Name(NameId::new(i % 3)),
        ImmKind::Local => Imm::Local(LocalId::new(i % 2)),
        ImmKind::Deref => Imm::Deref(DerefId::new(i % 2)),
        ImmKind::Int => Imm::Int((i % 3) as i32),
        ImmKind::Pair => Imm::Pair(1, 2),
        ImmKind::Func => Imm::Func(FuncId::new(1)),
        ImmKind::BinOp => Imm::BinOp(BinOp::ALL[i % BinOp::ALL.len()]),
        ImmKind::UnaryOp => Imm::UnaryOp(UnaryOp::ALL[i % UnaryOp::ALL.len()]),
        ImmKind::CmpOp => Imm::CmpOp(CmpOp::ALL[i % CmpOp::ALL.len()]),
        ImmKind::Intrinsic => Imm::Intrinsic(Intrinsic::ALL[i % Intrinsic::ALL.len()]),
        ImmKind::Common => Imm::Common(Common::ALL[i % Common::ALL.len()]),
    }
}

fn min_args(op: Op) -> usize {
    (0..8)
        .find(|&n| op.arity().accepts(n))
        .expect("some operand count is accepted")
}

/// One function using every operation once, plus every terminator.
fn every_op_module() -> Module {
    let mut module = Module::new("ops.py");
    let mut func = Function::new("f", "C.f", FunctionKind::Function, 3);
    func.flags.insert(CodeFlags::GENERATOR | CodeFlags::NESTED);
    func.flags.insert(0x0100_0000); // an unnamed bit prints as hex
    func.argcount = 2;
    func.posonlyargcount = 1;
    func.kwonlyargcount = 1;
    func.locals = vec!["x".into(), "$exit2".into(), "é".into()];
    func.cells = vec!["cell".into(), "__class__".into()];
    func.frees = vec!["free var".into()];
    func.docstring = Some("Doc 'string'\n".into());
    func.add_name("print");
    func.add_name("os.path");
    func.add_name("append");
    // call_kw needs a tuple of keyword names; it is const 0.
    func.add_const(Const::Tuple(vec![Const::Str("key".into())]));
    func.add_const(Const::None);
    let mut b = FunctionBuilder::new(func);
    let seed = b.constant(Const::None);
    let mut last = seed;
    for (i, &op) in Op::ALL.iter().enumerate() {
        b.loc = loc(10 + (i as u32 / 3), 4, 20);
        let args = vec![last; min_args(op).max(if op == Op::CallKw { 2 } else { 0 })];
        let imm = sample_imm(op.imm_kind(), i);
        if op.has_result() {
            last = b.ins(op, imm, args);
        } else {
            b.ins_void(op, imm, args);
        }
    }
    // Every terminator, with parameters and a handler.
    let handler = b.create_block_with_handler(None);
    let exc = b.func.append_block_param(handler);
    let loop_head = b.create_block_with_handler(Some(handler));
    let p0 = b.func.append_block_param(loop_head);
    let body = b.create_block_with_handler(Some(handler));
    let carried = b.func.append_block_param(body);
    let item = b.func.append_block_param(body);
    let exit = b.create_block();
    let raise_block = b.create_block();
    let unreachable_block = b.create_block();
    b.jump(loop_head, vec![last]);
    b.switch_to(loop_head);
    b.loc = Loc::default();
    b.terminate(Terminator::ForIter {
        iter: p0,
        body: BlockCall::new(body, vec![p0]),
        exit: BlockCall::bare(exit),
    });
    b.switch_to(body);
    b.branch(item, loop_head, raise_block);
    if let Some(Terminator::Branch { then_to, .. }) = &mut b.func.blocks[body.index()].term {
        then_to.args.push(carried);
    }
    b.switch_to(exit);
    b.terminate(Terminator::Return(p0));
    b.switch_to(raise_block);
    b.terminate(Terminator::Raise {
        exc: Some(p0),
        cause: Some(carried),
    });
    b.switch_to(handler);
    b.terminate(Terminator::Reraise(exc));
    b.switch_to(unreachable_block);
    b.terminate(Terminator::Unreachable);
    let bare_raise = b.create_block();
    b.switch_to(bare_raise);
    b.terminate(Terminator::Raise {
        exc: None,
        cause: None,
    });

    let mut mb = FunctionBuilder::new(Function::new(
        "<module>",
        "<module>",
        FunctionKind::Module,
        1,
    ));
    let none = mb.none();
    mb.terminate(Terminator::Return(none));
    module.add_function(mb.finish());
    module.add_function(b.finish());
    module
}

#[test]
fn every_op_round_trips_and_verifies() {
    let module = every_op_module();
    if let Err(e) = verify_module(&module) {
        panic!("{e}\n{}", print_module(&module));
    }
    let text = assert_round_trip(&module);
    if std::env::var_os("SHOW_IR").is_some() {
        println!("{text}");
    }
    for op in Op::ALL {
        assert!(
            text.contains(&format!(" {} ", op.name()))
                || text.contains(&format!(" {}\n", op.name())),
            "{}",
            op.name()
        );
    }
    assert!(text.contains("load_fast '$exit2'"), "{text}");
    assert!(text.contains("flags nested|generator|0x1000000"), "{text}");
}

#[test]
fn duplicate_pool_entries_use_raw_ids() {
    let mut func = Function::new("g", "g", FunctionKind::Function, 1);
    func.names = vec!["a".into(), "a".into()];
    func.locals = vec!["x".into(), "x".into()];
    func.consts = vec![Const::None, Const::None];
    func.reindex_pools();
    let mut b = FunctionBuilder::new(func);
    let v = b.ins(Op::Const, Imm::Const(ConstId::new(1)), Vec::new());
    b.ins_void(Op::StoreGlobal, Imm::Name(NameId::new(1)), vec![v]);
    b.ins_void(Op::StoreFast, Imm::Local(LocalId::new(1)), vec![v]);
    b.terminate(Terminator::Return(v));
    let mut module = Module::new("dup.py");
    module.add_function(Function::new(
        "<module>",
        "<module>",
        FunctionKind::Module,
        1,
    ));
    let mut m0 = FunctionBuilder::new(module.functions.pop().unwrap());
    let n = m0.none();
    m0.terminate(Terminator::Return(n));
    module.add_function(m0.finish());
    module.add_function(b.finish());
    let text = assert_round_trip(&module);
    assert!(text.contains("v0 = const #1"), "{text}");
    assert!(text.contains("store_global #1 v0"), "{text}");
}

#[test]
fn dead_blocks_and_value_gaps_round_trip() {
    // Passes leave holes: instructions and blocks that are no longer laid out.
    let mut b = FunctionBuilder::new(Function::new(
        "<module>",
        "<module>",
        FunctionKind::Module,
        1,
    ));
    let dead = b.constant(Const::Int(BigInt::from(1)));
    let live = b.constant(Const::Int(BigInt::from(2)));
    let next = b.create_block();
    b.jump(next, Vec::new());
    b.switch_to(next);
    b.terminate(Terminator::Return(live));
    let mut func = b.finish();
    let entry = func.entry();
    func.blocks[entry.index()]
        .insts
        .retain(|&i| func.insts[i.index()].result != Some(dead));
    let orphan = func.create_block();
    func.layout.retain(|&b| b != orphan);
    let mut module = Module::new("gaps.py");
    module.add_function(func);
    verify_module(&module).unwrap();
    let text = assert_round_trip(&module);
    assert!(
        text.contains("v1 = const 2") && !text.contains("v0"),
        "{text}"
    );
}

#[test]
fn parse_errors_name_the_line() {
    let err = parse_module(
        "module 'x.py'\n\nfunction f0 name='m' kind=module line=1 {\nblock0:\n  v0 = bogus\n}\n",
    )
    .unwrap_err();
    assert_eq!(err.line, 5);
    assert!(
        err.message.contains("unknown operation `bogus`"),
        "{}",
        err.message
    );
    let err = parse_module("module 'x.py'\nfunction f0 name='m' kind=module line=1 {\n  consts 1\nblock0:\n  v0 = const 1\n").unwrap_err();
    assert!(err.message.contains("missing `}`"), "{}", err.message);
    let err =
        parse_module("module 'x.py'\nfunction f0 name='m' kind=module line=1 {\nblock0:\n  v0 = const None\n  return v0\n}\n")
            .unwrap_err();
    assert!(err.message.contains("not in the pool"), "{}", err.message);
}

#[test]
fn value_and_block_ids_survive() {
    let text = "module 'ids.py'\n\nfunction f0 name='<module>' kind=module line=1 {\n  consts None\nblock3:\n  v7 = const None\n  jump block1(v7)\nblock1(v2):\n  return v2\n}\n";
    let module = parse_module(text).unwrap();
    verify_module(&module).unwrap();
    assert_eq!(print_module(&module), text);
    let func = &module.functions[0];
    assert_eq!(func.layout, vec![Block(3), Block(1)]);
    assert_eq!(func.blocks[1].params, vec![Value(2)]);
}

#[test]
fn garbage_never_panics() {
    let samples = [
        "",
        "module",
        "module 'x'\nfunction f0 {",
        "module 'x'\nfunction f0 name='m' kind=module line=1 {\nblock99999999999:\n}\n",
        "module 'x'\nfunction f0 name='m' kind=module line=1 {\nblock0:\n  v16777217 = load_locals\n}\n",
        "module 'x'\nfunction f1 name='m' kind=module line=1 {\n}\n",
        "module 'x'\nfunction f0 name='m' kind=nope line=1 {\n}\n",
        "module 'x'\nfunction f0 name='m' kind=module line=1 {\n  consts (1, \n}\n",
        "module 'x'\nfunction f0 name='m' kind=module line=1 {\n  consts 'abc\n}\n",
        "module 'x'\nfunction f0 name='m' kind=module line=1 {\n  consts '\\uZZZZ'\n}\n",
        "module 'x'\nfunction f0 name='m' kind=module line=1 {\nblock0:\n  v0 = load_locals\n  v0 = load_locals\n}\n",
        "module 'x'\nfunction f0 name='m' kind=module line=1 {\nblock0:\n  return v0\n  return v0\n}\n",
        "module 'x'\nfunction f0 name='m' kind=module line=1 {\nblock0:\n  v0 = unpack_ex 1 v0\n}\n",
        "module 'x'\nfunction f0 name='m' kind=module line=1 {\nblock0:\n  br v0, block1(, block2\n}\n",
    ];
    for sample in samples {
        if let Ok(module) = parse_module(sample) {
            // Whatever parses must print and verify without panicking.
            let _ = verify_module(&module);
            let _ = print_module(&module);
        }
    }
}
