//! Frontend throughput: compiles every `.py` file of `python3`'s standard library with
//! Taipan's full frontend (decode, parse, scopes, IR, passes, bytecode) and with CPython's
//! `compile()`, in the same run, and reports lines per second and the ratio.
//!
//! Usage: `cargo run --release -p benchmarks --bin compile_stdlib [-- --runs N] [--out FILE]
//! [--jobs N] [--slowest N] [--no-python]`
//!
//! Taipan compiles on a worker thread with a large stack, as a compile server or `compileall`
//! would: the pipeline then never has to reserve a fresh stack per file (see
//! `compiler::guard::with_stack_for_line`). The headline figure is one thread against
//! CPython's one thread; `--jobs N` adds a row for N worker threads sharing the files (Taipan's
//! frontend has no global state, CPython's `compile()` holds the GIL).
//!
//! Two reference rows bound what the frontend can reach: `ruff_python_parser` alone over the
//! same (already decoded) sources, the parser the project is built on, and CPython's own
//! parser alone (`ast.parse`). The first is the speed the whole frontend would have if every
//! stage after parsing were free.

/// The same allocator as the `taipan` command (see `cli/src/main.rs`), so the driver
/// measures what users run: linking mimalloc replaces `malloc`.
#[cfg(feature = "mimalloc")]
use mimalloc as _;

use benchmarks::{python_files, python3_executable, python3_stdlib};
use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// Stack for each compile worker: address space only, pages are committed when touched.
const WORKER_STACK: usize = 1 << 30;

/// The outcome of compiling one file.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Accepted,
    Rejected,
    Panicked,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let runs: usize = flag(&args, "--runs")
        .and_then(|r| r.parse().ok())
        .unwrap_or(3);
    let out_file = flag(&args, "--out");
    let jobs: usize = flag(&args, "--jobs")
        .and_then(|n| n.parse().ok())
        .unwrap_or(1)
        .max(1);
    // Profiling aids: `--slowest N` lists the N files Taipan took longest on, and
    // `--no-python` skips the CPython side.
    let slowest: usize = flag(&args, "--slowest")
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let skip_python = args.iter().any(|a| a == "--no-python");
    let Some(python) = python3_executable() else {
        eprintln!("compile_stdlib: python3 not found");
        std::process::exit(2);
    };
    let Some(stdlib) = python3_stdlib(&python) else {
        eprintln!("compile_stdlib: cannot locate python3's standard library");
        std::process::exit(2);
    };
    let files = python_files(&stdlib);
    let sources: Vec<(String, Vec<u8>)> = files
        .iter()
        .filter_map(|p| std::fs::read(p).ok().map(|b| (p.display().to_string(), b)))
        .collect();
    let lines: usize = sources
        .iter()
        .map(|(_, s)| s.iter().filter(|&&b| b == b'\n').count())
        .sum();

    // A panic is a compiler bug, not a verdict: it is counted and the file named in the
    // report, and the run goes on so one bug does not hide the throughput figure.
    std::panic::set_hook(Box::new(|_| {}));
    let decoded: Vec<String> = sources
        .iter()
        .filter_map(|(name, bytes)| {
            compiler::source::decode_source(bytes, name)
                .ok()
                .map(|source| source.into_owned())
        })
        .collect();
    // The machine is shared, so its load drifts over minutes: the rows are measured in
    // rounds (Taipan, ruff alone, Taipan on `jobs` threads, then python3) and each row keeps
    // its best round, so that every row sees the same conditions.
    let mut best = f64::INFINITY;
    let mut verdicts = vec![Verdict::Rejected; sources.len()];
    let mut per_file = vec![f64::INFINITY; sources.len()];
    let mut best_parse_only = f64::INFINITY;
    let mut best_parallel = f64::INFINITY;
    let mut py = PythonRun {
        accepted: 0,
        compile_seconds: f64::INFINITY,
        parse_seconds: f64::INFINITY,
    };
    for _ in 0..runs {
        let (seconds, run_verdicts, times) = std::thread::scope(|scope| {
            std::thread::Builder::new()
                .stack_size(WORKER_STACK)
                .spawn_scoped(scope, || compile_sequentially(&sources))
                .expect("spawn a compile worker")
                .join()
                .expect("compile worker")
        });
        best = best.min(seconds);
        verdicts = run_verdicts;
        for (slot, time) in per_file.iter_mut().zip(times) {
            *slot = slot.min(time);
        }
        let seconds = std::thread::scope(|scope| {
            std::thread::Builder::new()
                .stack_size(WORKER_STACK)
                .spawn_scoped(scope, || parse_only(&decoded))
                .expect("spawn a parse worker")
                .join()
                .expect("parse worker")
        });
        best_parse_only = best_parse_only.min(seconds);
        if jobs > 1 {
            best_parallel = best_parallel.min(compile_in_parallel(&sources, jobs));
        }
        if !skip_python {
            let round = run_python(&python, &sources);
            py.accepted = round.accepted;
            py.compile_seconds = py.compile_seconds.min(round.compile_seconds);
            py.parse_seconds = py.parse_seconds.min(round.parse_seconds);
        }
    }
    let _ = std::panic::take_hook();
    let accepted = verdicts.iter().filter(|&&v| v == Verdict::Accepted).count();
    let panicked: Vec<&str> = verdicts
        .iter()
        .zip(&sources)
        .filter(|(v, _)| **v == Verdict::Panicked)
        .map(|(_, (name, _))| name.as_str())
        .collect();
    if slowest > 0 {
        let mut order: Vec<usize> = (0..sources.len()).collect();
        order.sort_by(|&a, &b| per_file[b].total_cmp(&per_file[a]));
        for &index in order.iter().take(slowest) {
            let (name, bytes) = &sources[index];
            let file_lines = bytes.iter().filter(|&&b| b == b'\n').count();
            eprintln!("{:8.4}s {file_lines:7} lines  {name}", per_file[index]);
        }
    }
    if skip_python {
        println!(
            "taipan: {accepted} accepted, {best:.3} s, {:.0} lines/s",
            lines as f64 / best
        );
        println!(
            "ruff_python_parser alone: {best_parse_only:.3} s, {:.0} lines/s",
            lines as f64 / best_parse_only
        );
        if jobs > 1 {
            println!(
                "taipan, {jobs} threads: {best_parallel:.3} s, {:.0} lines/s",
                lines as f64 / best_parallel
            );
        }
        return;
    }

    let (py_accepted, py_seconds, py_parse_seconds) =
        (py.accepted, py.compile_seconds, py.parse_seconds);
    let ours = lines as f64 / best;
    let theirs = lines as f64 / py_seconds;
    let mut report = format!(
        "# Frontend throughput: compiling python3's standard library\n\n\
         - stdlib: `{}` ({} files, {} lines)\n- python3: `{}`\n- machine: {}\n- best of {} rounds; each round measures every row once, so all rows see the same load\n\n\
         | compiler | accepted | seconds | lines/s | speed vs python3 |\n|---|---|---|---|---|\n\
         | taipan (full frontend to bytecode, 1 thread) | {} | {:.3} | {:.0} | {:.2}× |\n",
        stdlib.display(),
        sources.len(),
        lines,
        python.display(),
        machine(),
        runs,
        accepted,
        best,
        ours,
        ours / theirs,
    );
    if jobs > 1 {
        let parallel = lines as f64 / best_parallel;
        report.push_str(&format!(
            "| taipan ({jobs} threads) | {accepted} | {best_parallel:.3} | {parallel:.0} | {:.2}× |\n",
            parallel / theirs
        ));
    }
    report.push_str(&format!(
        "| python3 `compile()` | {py_accepted} | {py_seconds:.3} | {theirs:.0} | 1.00× |\n"
    ));
    let parse_only = lines as f64 / best_parse_only;
    let py_parse = lines as f64 / py_parse_seconds;
    report.push_str(&format!(
        "\nReference: the parsers alone over the same files (no code generation):\n\n\
         | parser | seconds | lines/s | speed vs python3 `compile()` |\n|---|---|---|---|\n\
         | `ruff_python_parser` `parse_unchecked` alone, 1 thread | {best_parse_only:.3} | \
         {parse_only:.0} | {:.2}× |\n\
         | python3 `ast.parse` | {py_parse_seconds:.3} | {py_parse:.0} | {:.2}× |\n\n\
         The first row is the ceiling for Taipan's one-thread figure: the speed of the \
         frontend if every stage after ruff's parse were free.\n",
        parse_only / theirs,
        py_parse / theirs,
    ));
    if !panicked.is_empty() {
        report.push_str(&format!(
            "\n{} files hit an internal compiler error (panic), counted as not accepted:\n\n",
            panicked.len()
        ));
        for name in &panicked {
            report.push_str(&format!("- `{name}`\n"));
        }
    }
    print!("{report}");
    if let Some(path) = out_file {
        if let Some(dir) = std::path::Path::new(&path).parent() {
            std::fs::create_dir_all(dir).expect("create the report's directory");
        }
        std::fs::write(&path, &report).expect("write report");
    }
}

fn compile_one(name: &str, bytes: &[u8]) -> Verdict {
    match std::panic::catch_unwind(|| compiler::pipeline::compile_bytes(bytes, name)) {
        Ok(Ok(_)) => Verdict::Accepted,
        Ok(Err(_)) => Verdict::Rejected,
        Err(_) => Verdict::Panicked,
    }
}

/// Compiles every file in order; returns the total time, the verdicts and each file's time.
fn compile_sequentially(sources: &[(String, Vec<u8>)]) -> (f64, Vec<Verdict>, Vec<f64>) {
    let mut verdicts = Vec::with_capacity(sources.len());
    let mut times = Vec::with_capacity(sources.len());
    let start = Instant::now();
    for (name, bytes) in sources {
        let file_start = Instant::now();
        verdicts.push(compile_one(name, bytes));
        times.push(file_start.elapsed().as_secs_f64());
    }
    (start.elapsed().as_secs_f64(), verdicts, times)
}

/// One round of CPython over the same files: `compile()`, then `ast.parse` alone.
struct PythonRun {
    accepted: usize,
    compile_seconds: f64,
    parse_seconds: f64,
}

/// Runs `support/compile_stdlib.py` once (one round of each measurement).
fn run_python(python: &std::path::Path, sources: &[(String, Vec<u8>)]) -> PythonRun {
    let mut child = Command::new(python)
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/support/compile_stdlib.py"
        ))
        .arg("1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn python3");
    {
        let mut stdin = child.stdin.take().expect("stdin");
        for (name, _) in sources {
            writeln!(stdin, "{name}").expect("write path");
        }
    }
    let output = child.wait_with_output().expect("python3 output");
    let text = String::from_utf8_lossy(&output.stdout);
    let fields: Vec<&str> = text.split_whitespace().collect();
    match fields.as_slice() {
        [_, _, accepted, compile, parse] => PythonRun {
            accepted: accepted.parse().unwrap_or(0),
            compile_seconds: compile.parse().unwrap_or(f64::NAN),
            parse_seconds: parse.parse().unwrap_or(f64::NAN),
        },
        _ => PythonRun {
            accepted: 0,
            compile_seconds: f64::NAN,
            parse_seconds: f64::NAN,
        },
    }
}

/// Parses every (decoded) source with `ruff_python_parser` alone, with the options Taipan's
/// frontend uses, dropping each tree as the frontend does; returns the total time.
fn parse_only(sources: &[String]) -> f64 {
    let options = ruff_python_parser::ParseOptions::from(ruff_python_parser::Mode::Module)
        .with_target_version(compiler::parse::TARGET_VERSION);
    let start = Instant::now();
    for source in sources {
        drop(ruff_python_parser::parse_unchecked(source, options.clone()));
    }
    start.elapsed().as_secs_f64()
}

/// Compiles every file on `jobs` worker threads taking files in turn; returns the time.
fn compile_in_parallel(sources: &[(String, Vec<u8>)], jobs: usize) -> f64 {
    let next = AtomicUsize::new(0);
    let start = Instant::now();
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            std::thread::Builder::new()
                .stack_size(WORKER_STACK)
                .spawn_scoped(scope, || {
                    while let Some((name, bytes)) =
                        sources.get(next.fetch_add(1, Ordering::Relaxed))
                    {
                        compile_one(name, bytes);
                    }
                })
                .expect("spawn a compile worker");
        }
    });
    start.elapsed().as_secs_f64()
}

/// The machine the run happened on: core count (`nproc`) and CPU model (`/proc/cpuinfo`).
fn machine() -> String {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, m)| m.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".to_owned());
    format!("{cores} cores (`nproc`), {model}")
}

fn flag(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}
