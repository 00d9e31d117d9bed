//! Frontend throughput: compiles every `.py` file of `python3`'s standard library with
//! Taipan's full frontend (decode, parse, scopes, IR, passes, bytecode) and with CPython's
//! `compile()`, in the same run, and reports lines per second and the ratio.
//!
//! Usage: `cargo run --release -p benchmarks --bin compile_stdlib [-- --runs N] [--out FILE]`

use benchmarks::{python_files, python3_executable, python3_stdlib};
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let runs: usize = flag(&args, "--runs")
        .and_then(|r| r.parse().ok())
        .unwrap_or(3);
    let out_file = flag(&args, "--out");
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

    let mut best = f64::INFINITY;
    let mut accepted = 0;
    for _ in 0..runs {
        accepted = 0;
        let start = Instant::now();
        for (name, bytes) in &sources {
            if compiler::pipeline::compile_bytes(bytes, name).is_ok() {
                accepted += 1;
            }
        }
        best = best.min(start.elapsed().as_secs_f64());
    }

    let mut child = Command::new(&python)
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/support/compile_stdlib.py"
        ))
        .arg(runs.to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn python3");
    {
        let mut stdin = child.stdin.take().expect("stdin");
        for (name, _) in &sources {
            writeln!(stdin, "{name}").expect("write path");
        }
    }
    let output = child.wait_with_output().expect("python3 output");
    let text = String::from_utf8_lossy(&output.stdout);
    let fields: Vec<&str> = text.split_whitespace().collect();
    let (py_accepted, py_seconds): (usize, f64) = match fields.as_slice() {
        [_, _, acc, secs] => (acc.parse().unwrap_or(0), secs.parse().unwrap_or(f64::NAN)),
        _ => (0, f64::NAN),
    };

    let ours = lines as f64 / best;
    let theirs = lines as f64 / py_seconds;
    let report = format!(
        "# Frontend throughput: compiling python3's standard library\n\n\
         - stdlib: `{}` ({} files, {} lines)\n- python3: `{}`\n- best of {} runs each\n\n\
         | compiler | accepted | seconds | lines/s | speed vs python3 |\n|---|---|---|---|---|\n\
         | taipan (full frontend to bytecode) | {} | {:.3} | {:.0} | {:.2}× |\n\
         | python3 `compile()` | {} | {:.3} | {:.0} | 1.00× |\n",
        stdlib.display(),
        sources.len(),
        lines,
        python.display(),
        runs,
        accepted,
        best,
        ours,
        ours / theirs,
        py_accepted,
        py_seconds,
        theirs
    );
    print!("{report}");
    if let Some(path) = out_file {
        std::fs::write(&path, &report).expect("write report");
    }
}

fn flag(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}
