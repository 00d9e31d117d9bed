//! Tests of what quickening rewrites: each runs a small program in a fresh interpreter
//! and lists, for one function, the sites whose live opcode differs from the compiled
//! one (`pc generic -> specialised`), so a test fails both when a site stops
//! specialising and when a guard miss fails to undo it.

use std::sync::Arc;

use crate::interp::{Runtime, Vm};
use crate::object::Gc;
use crate::ops::dictops;
use crate::types::function::FunctionBody;
use crate::vm::quicken::opcode_at;

/// Runs `source` as `__main__` and describes the rewritten sites of each function named
/// in `functions`, one line per site: `name: generic -> specialised`.
fn quickened(source: &str, functions: &[&str]) -> String {
    let source = source.to_owned();
    let functions: Vec<String> = functions.iter().map(|f| (*f).to_owned()).collect();
    // The interpreter wants a thread of its own (its stack base is scanned by the GC).
    std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(move || {
            let rt = Runtime::new(false);
            let interp = Vm::new_interpreter(&rt);
            let base = crate::gc::stack::current_stack_address();
            let mut vm = Vm::new(Arc::clone(&rt), interp, base);
            crate::run::init_interpreter(&mut vm).expect("interpreter starts");
            let main = crate::import::new_module(&mut vm, "__main__");
            let b = vm.interp.builtins.value();
            dictops::set_item_str(&mut vm, main.dict, "__builtins__", b);
            let code = crate::loader::compile_source(&mut vm, source.as_bytes(), "<test>")
                .expect("compiles");
            if crate::vm::run_code(&mut vm, code, main.dict, main.dict.value()).is_err() {
                panic!("the test program raised");
            }
            let mut out = String::new();
            for name in &functions {
                let f = dictops::get_str(&main.dict, name).expect("function defined");
                let f = Gc::<FunctionBody>::from_value(f).expect("a function");
                let code = f.code;
                for (pc, instruction) in code.code.instructions().expect("decodes") {
                    let live = opcode_at(&code.units, pc).expect("opcode");
                    if live != instruction.opcode {
                        out.push_str(&format!(
                            "{name}: {} -> {}\n",
                            instruction.opcode.name(),
                            live.name()
                        ));
                    }
                }
            }
            out
        })
        .expect("thread starts")
        .join()
        .expect("no panic")
}

#[test]
fn int_and_float_operators_specialise() {
    let source = "
def ints(n):
    total = 0
    for i in range(n):
        if i < n:
            total += i * 2
    return total
def floats(x, y):
    return x * y + 1.5 < y
for i in range(20):
    ints(10)
    floats(1.5, 2.5)
";
    assert_eq!(
        quickened(source, &["ints", "floats"]),
        "ints: LoadGlobal -> LoadGlobalCached\n\
         ints: ForIter -> ForIterRange\n\
         ints: CompareOp -> CompareOpInt\n\
         ints: BinaryOp -> BinaryMulInt\n\
         ints: InplaceOp -> BinaryAddInt\n\
         floats: BinaryOp -> BinaryMulFloat\n\
         floats: BinaryOp -> BinaryAddFloat\n\
         floats: CompareOp -> CompareOpFloat\n"
    );
}

#[test]
fn a_guard_miss_restores_the_generic_opcode() {
    let source = "
def add(a, b):
    return a + b
def lt(a, b):
    return a < b
for i in range(20):
    add(i, 1)
    lt(i, 1)
add('a', 'b')
lt(1.5, 2.5)
";
    assert_eq!(quickened(source, &["add", "lt"]), "");
}

#[test]
fn polymorphic_sites_back_off() {
    // After a miss the site waits 15 executions before trying again, then respecialises
    // for the kind it sees: here always str, which has no specialised form.
    let source = "
def add(a, b):
    return a + b
for i in range(5):
    add(i, 1)
for i in range(100):
    add('a', 'b')
";
    assert_eq!(quickened(source, &["add"]), "");
    let source = "
def add(a, b):
    return a + b
add('a', 'b')
for i in range(100):
    add(1.5, i * 1.0)
";
    assert_eq!(
        quickened(source, &["add"]),
        "add: BinaryOp -> BinaryAddFloat\n"
    );
}

#[test]
fn attribute_global_and_call_sites_specialise() {
    let source = "
import math
class P:
    def __init__(self, x):
        self.x = x
    def get(self):
        return self.x
def helper(a):
    return a
def work(p, seq):
    seq.append(p.x)
    helper(p.get())
    return math.pi + math.floor(p.x)
for i in range(20):
    work(P(i), [])
";
    assert_eq!(
        quickened(source, &["work"]),
        "work: LoadMethod -> LoadMethodBuiltin\n\
         work: GetAttr -> GetAttrInstance\n\
         work: LoadGlobal -> LoadGlobalCached\n\
         work: LoadMethod -> LoadMethodInstance\n\
         work: CallMethod -> CallMethodPy\n\
         work: Call -> CallPy\n\
         work: LoadGlobal -> LoadGlobalCached\n\
         work: GetAttr -> GetAttrModule\n\
         work: LoadGlobal -> LoadGlobalCached\n\
         work: LoadMethod -> LoadMethodModule\n\
         work: GetAttr -> GetAttrInstance\n"
    );
}

#[test]
fn for_loops_specialise_on_range_and_list_iterators() {
    let source = "
def total(items):
    t = 0
    for x in items:
        t = t + x
    return t
def count(n):
    c = 0
    for i in range(n):
        c = c + 1
    return c
for i in range(20):
    total([1, 2, 3])
    count(5)
";
    assert_eq!(
        quickened(source, &["total", "count"]),
        "total: ForIter -> ForIterList\n\
         total: BinaryOp -> BinaryAddInt\n\
         count: LoadGlobal -> LoadGlobalCached\n\
         count: ForIter -> ForIterRange\n\
         count: BinaryOp -> BinaryAddInt\n"
    );
    let source = "
def total(items):
    t = 0
    for x in items:
        t = t + x
    return t
for i in range(20):
    total([1, 2, 3])
total(x for x in (1, 2))
";
    assert_eq!(
        quickened(source, &["total"]),
        "total: BinaryOp -> BinaryAddInt\n"
    );
}
