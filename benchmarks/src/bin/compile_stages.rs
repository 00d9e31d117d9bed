//! Where the frontend's time goes: compiles every `.py` file of `python3`'s standard library
//! (or the files named on the command line) once per run and reports the time spent in
//! each stage (decoding and line indexing, parsing with its checks, scopes, lowering, passes,
//! bytecode).
//!
//! Usage: `cargo run --release -p benchmarks --bin compile_stages [-- --runs N] [--every K]
//! [FILE...]`. `--every K` keeps every K-th stdlib file (in path order), a subset small
//! enough to count instructions with `valgrind --tool=callgrind`; instruction counts are
//! how frontend changes are compared on a shared machine, where times are noisy.
//! `--pipeline` times `compiler::pipeline::compile_bytes` whole instead, the path users run
//! (there each function is optimised and compiled as lowering finishes it, so the stages
//! interleave and cannot be timed apart). With `COMPILE_STAGES_LIMITS=1` it also prints
//! each code object's register, cache, constant, name and code-unit counts.

/// The same allocator as the `taipan` command (see `cli/src/main.rs`), so the driver
/// measures what users run: linking mimalloc replaces `malloc`.
#[cfg(feature = "mimalloc")]
use mimalloc as _;

use benchmarks::{python_files, python3_executable, python3_stdlib};
use compiler::passes::{PassOptions, optimize_function};
use std::time::{Duration, Instant};

const STAGES: [&str; 6] = ["decode", "parse", "scopes", "lower", "passes", "bytecode"];

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut runs = 1;
    if let Some(i) = args.iter().position(|a| a == "--runs") {
        runs = args.get(i + 1).and_then(|r| r.parse().ok()).unwrap_or(1);
        args.drain(i..(i + 2).min(args.len()));
    }
    // `--pipeline`: time `compiler::pipeline::compile_bytes` whole instead of the stages,
    // the path users run (each function optimised and compiled as lowering finishes it).
    let pipeline = args.iter().any(|a| a == "--pipeline");
    args.retain(|a| a != "--pipeline");
    let mut every = 1;
    if let Some(i) = args.iter().position(|a| a == "--every") {
        every = args.get(i + 1).and_then(|k| k.parse().ok()).unwrap_or(1);
        args.drain(i..(i + 2).min(args.len()));
    }
    let files: Vec<std::path::PathBuf> = if args.is_empty() {
        let python = python3_executable().expect("python3");
        let all = python_files(&python3_stdlib(&python).expect("stdlib"));
        all.into_iter().step_by(every.max(1)).collect()
    } else {
        args.iter().map(std::path::PathBuf::from).collect()
    };
    let sources: Vec<(String, Vec<u8>)> = files
        .iter()
        .filter_map(|p| std::fs::read(p).ok().map(|b| (p.display().to_string(), b)))
        .collect();
    std::panic::set_hook(Box::new(|_| {}));
    if pipeline {
        let best = on_big_stack(move || time_pipeline(&sources, runs));
        println!("{:>9} {:8.3} s", "pipeline", best.as_secs_f64());
        return;
    }
    let best = on_big_stack(move || time_stages(&sources, runs));
    let total: Duration = best.iter().sum();
    for (stage, time) in STAGES.iter().zip(best) {
        println!(
            "{stage:>9} {:8.3} s {:5.1}%",
            time.as_secs_f64(),
            100.0 * time.as_secs_f64() / total.as_secs_f64()
        );
    }
    println!("{:>9} {:8.3} s", "total", total.as_secs_f64());
}

/// Runs `work` on a thread with one big stack instead of the pipeline's per-file stack
/// growth: that keeps the growth's cost out of the times and lets profilers unwind.
fn on_big_stack<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(4 << 30)
        .spawn(work)
        .expect("spawn")
        .join()
        .expect("join")
}

fn time_pipeline(sources: &[(String, Vec<u8>)], runs: usize) -> Duration {
    let limits = std::env::var_os("COMPILE_STAGES_LIMITS").is_some();
    let mut best = Duration::MAX;
    for _ in 0..runs {
        let start = Instant::now();
        for (name, bytes) in sources {
            let compiled =
                std::panic::catch_unwind(|| compiler::pipeline::compile_bytes(bytes, name));
            if limits && let Ok(Ok((module, _))) = &compiled {
                print_limits(&module.codes, name);
            }
        }
        best = best.min(start.elapsed());
    }
    best
}

/// The `COMPILE_STAGES_LIMITS` lines of one file's code objects.
fn print_limits(codes: &[compiler::bytecode::CodeObject], name: &str) {
    for c in codes {
        println!(
            "limits {} {} {} {} {} {name}:{}",
            c.nregs,
            c.ncaches,
            c.consts.len(),
            c.names.len(),
            c.code.len(),
            c.qualname
        );
    }
}

fn time_stages(sources: &[(String, Vec<u8>)], runs: usize) -> [Duration; 6] {
    let mut best = [Duration::MAX; 6];
    for _ in 0..runs {
        let mut totals = [Duration::ZERO; 6];
        for (name, bytes) in sources {
            let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                stages(bytes, name, &mut totals)
            }));
        }
        for (b, t) in best.iter_mut().zip(totals) {
            *b = (*b).min(t);
        }
    }
    best
}

fn stages(bytes: &[u8], name: &str, totals: &mut [Duration; 6]) -> Option<()> {
    let mut clock = Instant::now();
    let mut lap = |stage: usize| {
        let now = Instant::now();
        totals[stage] += now - clock;
        clock = now;
    };
    let source = compiler::source::decode_source(bytes, name).ok()?;
    // The stages share one line index, as in `compiler::pipeline`.
    let index = std::rc::Rc::new(compiler::source::LineIndex::new(&source));
    lap(0);
    // The entry points `compiler::pipeline` uses: on valid input the parser leaves its
    // semantic checks to the symbol table's walk, so their cost shows under "scopes".
    let (module, deferred) =
        match compiler::parse::parse_module_deferring_semantics(&source, name, &index) {
            Ok((module, None, deferred)) => (module, deferred),
            _ => return None,
        };
    lap(1);
    let table = match deferred {
        Some(may_declare_globals) => match compiler::scope::SymbolTable::build_checked(
            &module,
            &source,
            name,
            &index,
            may_declare_globals,
        ) {
            Ok((table, None)) => table,
            _ => return None,
        },
        None => compiler::scope::SymbolTable::build_indexed(&module, &source, name, &index).ok()?,
    };
    lap(2);
    let (ir, _) =
        compiler::lower::lower_module_indexed(&module, &table, &source, name, &index).ok()?;
    lap(3);
    // As `compiler::pipeline` does in release builds: each function is optimised and then
    // compiled at once, while its IR is still in cache, and its IR moves into the code
    // object (no copies of pools).
    let options = PassOptions::default();
    let mut codes = Vec::with_capacity(ir.functions.len());
    for mut func in ir.functions {
        optimize_function(&mut func, &options);
        lap(4);
        codes.push(compiler::bytecode::codegen::compile_function_owned(func).ok()?);
        lap(5);
    }
    if std::env::var_os("COMPILE_STAGES_LIMITS").is_some() {
        print_limits(&codes, name);
    }
    // The table borrows its names from the tree, so it goes first.
    drop((codes, table));
    drop(module);
    Some(())
}
