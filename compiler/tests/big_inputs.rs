//! Compile-time scaling on generated inputs: every stage must stay (near-)linear in the
//! size of a function. Each case is a pattern that once made some stage quadratic or
//! cubic (a 2,000-term conditional chain took 1.6 s in `simplify_cfg` alone); at the sizes
//! here a quadratic stage takes minutes, so the generous time bound only catches a
//! complexity regression, not a slow machine. The IR is verified after every pass, as in
//! every test build.

use compiler::pipeline::compile_to_bytecode;
use std::time::{Duration, Instant};

/// Far above what these inputs take when every stage is linear (well under a second each).
const BOUND: Duration = Duration::from_secs(30);

fn check(name: &str, source: &str) {
    let start = Instant::now();
    let result = std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn({
            let source = source.to_owned();
            move || {
                compile_to_bytecode(&source, "big.py")
                    .map(|_| ())
                    .map_err(|e| e.message)
            }
        })
        .unwrap()
        .join()
        .unwrap();
    let elapsed = start.elapsed();
    assert_eq!(result, Ok(()), "{name}");
    assert!(elapsed < BOUND, "{name} took {elapsed:?}");
}

fn lines(n: usize, line: impl Fn(usize) -> String) -> String {
    (0..n).map(line).collect::<Vec<_>>().join("\n") + "\n"
}

#[test]
fn long_expression_chains() {
    check(
        "ternary chain",
        &format!("x = {}c\n", "a if b else ".repeat(2_000)),
    );
    let and: Vec<String> = (0..20_000).map(|i| format!("a{}", i % 10)).collect();
    check("and chain", &format!("x = {}\n", and.join(" and ")));
    check("or chain", &format!("x = {}\n", and.join(" or ")));
    check("comparison chain", &format!("x = {}\n", and.join(" < ")));
}

#[test]
fn long_function_bodies() {
    let body = |n: usize, stmt: &dyn Fn(usize) -> String| {
        format!("def f(a, b):\n{}    return b\n", lines(n, stmt))
    };
    check(
        "statements",
        &body(20_000, &|i| {
            format!("    x{} = a.b{} + {i} * b", i % 50, i % 30)
        }),
    );
    check(
        "ifs",
        &body(10_000, &|i| format!("    if a > {i}:\n        b = b + {i}")),
    );
    check(
        "loops",
        &body(3_000, &|_| {
            "    for i in a:\n        for j in b:\n            print(i, j)".to_owned()
        }),
    );
    check(
        "try blocks",
        &body(3_000, &|i| {
            format!(
                "    try:\n        a = b.c({i})\n    except ValueError as e:\n        print(e)\n    finally:\n        b = 2"
            )
        }),
    );
    check(
        "with blocks",
        &body(5_000, &|_| "    with a as c:\n        b(c)".to_owned()),
    );
}

#[test]
fn many_functions_and_big_displays() {
    check(
        "functions",
        &lines(10_000, |i| {
            format!("def f{i}(a, b=1):\n    return a + b * {i}\n")
        }),
    );
    let items: Vec<String> = (0..20_000)
        .map(|i| format!("'k{i}': a{}", i % 10))
        .collect();
    check("dict display", &format!("x = {{{}}}\n", items.join(", ")));
    let items: Vec<String> = (0..70_000).map(|i| (i % 300).to_string()).collect();
    check("constant list", &format!("x = [{}]\n", items.join(", ")));
}
