//! The benchmark programs as behaviour tests (issue 5, "CI runs every program once"): each
//! `benchmarks/programs/<name>.py` runs once at the `tiny` size under Taipan and under
//! `python3`, and Taipan's stdout and exit status must equal python3's. The output ends
//! with the program's checksum, so this also checks what `taipan bench` would. Nothing is
//! timed.
//!
//! `benchmarks/programs/PENDING` lists, as `name [mode]`, the programs Taipan cannot run
//! yet; they run too, and one that starts passing fails the run until its line is removed,
//! exactly as `testsuite/PENDING` works for the cases. `UPDATE_PENDING=1` rewrites the
//! list. `TAIPAN_PROGRAMS=substring` runs only matching programs. Without `python3` there
//! is no reference, and the test says so and checks nothing.

use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(180);

/// The modes that exist today; the JIT and AOT join here when they land.
const MODES: &[(&str, &[(&str, &str)])] = &[("interp", &[("PYTHON_JIT", "0")])];

struct Outcome {
    stdout: String,
    stderr: String,
    status: Option<i32>,
    timed_out: bool,
}

fn run(exe: &Path, program: &Path, env: &[(&str, &str)]) -> Outcome {
    let mut command = Command::new(exe);
    command
        .arg(program)
        .arg("tiny")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .env_remove("TAIPAN_GC_STRESS")
        .env_remove("PYTHON_JIT");
    for (name, value) in env {
        command.env(name, value);
    }
    let mut child = command.spawn().expect("spawn a program");
    let pipe = |mut reader: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = reader.read_to_end(&mut bytes);
            String::from_utf8_lossy(&bytes).into_owned()
        })
    };
    let stdout = pipe(Box::new(child.stdout.take().expect("stdout")));
    let stderr = pipe(Box::new(child.stderr.take().expect("stderr")));
    let start = Instant::now();
    let mut timed_out = false;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if start.elapsed() > TIMEOUT => {
                let _ = child.kill();
                timed_out = true;
                break child.wait().expect("wait");
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(error) => panic!("waiting for a program: {error}"),
        }
    };
    Outcome {
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
        status: status.code(),
        timed_out,
    }
}

fn check(expected: &Outcome, actual: &Outcome) -> Result<(), String> {
    if actual.timed_out {
        return Err(format!("timed out after {TIMEOUT:?}"));
    }
    if actual.status != expected.status {
        let last = actual
            .stderr
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        return Err(format!(
            "exit status {:?} (python3: {:?}); last stderr line: {last}",
            actual.status, expected.status
        ));
    }
    if actual.stdout != expected.stdout {
        let line = expected
            .stdout
            .lines()
            .zip(actual.stdout.lines())
            .position(|(e, a)| e != a)
            .map_or_else(
                || "line count or trailing newline".to_owned(),
                |i| format!("line {}", i + 1),
            );
        return Err(format!(
            "stdout differs from python3's at {line}\n    python3: {:?}\n    taipan:  {:?}",
            expected.stdout.lines().last().unwrap_or(""),
            actual.stdout.lines().last().unwrap_or("")
        ));
    }
    Ok(())
}

fn main() {
    let exe = PathBuf::from(env!("CARGO_BIN_EXE_taipan-testsuite"));
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../benchmarks/programs");
    let Some(python) = benchmarks::python3_executable() else {
        println!(
            "python3 was not found: the benchmark programs have no reference output, nothing checked"
        );
        println!("0 passed, 0 failed");
        return;
    };
    let mut programs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("benchmarks/programs")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .collect();
    programs.sort();
    let filter = std::env::var("TAIPAN_PROGRAMS").ok();
    if let Some(f) = &filter {
        programs.retain(|p| p.to_string_lossy().contains(f.as_str()));
    }
    let pending_path = dir.join("PENDING");
    let pending: BTreeSet<String> = std::fs::read_to_string(&pending_path)
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect();
    let next = Mutex::new(0usize);
    let results: Mutex<Vec<(String, Result<(), String>)>> = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .max(2);
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                loop {
                    let i = {
                        let mut n = next.lock().expect("job counter");
                        let i = *n;
                        *n += 1;
                        i
                    };
                    let Some(program) = programs.get(i) else {
                        break;
                    };
                    let name = program
                        .file_stem()
                        .map(|s| s.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    let expected = run(&python, program, &[]);
                    for (mode, env) in MODES {
                        let key = format!("{name} [{mode}]");
                        let result = if expected.status != Some(0) || expected.timed_out {
                            Err(format!(
                                "python3 itself failed: {:?}",
                                expected.stderr.lines().last()
                            ))
                        } else {
                            check(&expected, &run(&exe, program, env))
                        };
                        results.lock().expect("results").push((key, result));
                    }
                }
            });
        }
    });
    let mut results = results.into_inner().expect("results");
    results.sort_by(|a, b| a.0.cmp(&b.0));
    let (mut passed, mut failed, mut pending_failed) = (0, 0, 0);
    let (mut fixed, mut failing_now) = (Vec::new(), Vec::new());
    for (key, result) in &results {
        match (result, pending.contains(key)) {
            (Ok(()), false) => passed += 1,
            (Ok(()), true) => fixed.push(key.clone()),
            (Err(_), true) => {
                pending_failed += 1;
                failing_now.push(key.clone());
            }
            (Err(why), false) => {
                failed += 1;
                failing_now.push(key.clone());
                println!("FAIL {key}\n    {why}");
            }
        }
    }
    for key in &fixed {
        println!("FIXED {key}: passes now, remove it from benchmarks/programs/PENDING");
    }
    println!(
        "{passed} passed, {failed} failed, {pending_failed} pending (listed in benchmarks/programs/PENDING), {} newly passing",
        fixed.len()
    );
    if std::env::var_os("UPDATE_PENDING").is_some() && filter.is_none() {
        let mut text = String::from(
            "# Benchmark programs Taipan cannot run yet, one `name [mode]` per line.\n\
             # testsuite/tests/programs.rs fails when a listed program starts passing;\n\
             # UPDATE_PENDING=1 rewrites this file.\n",
        );
        for key in &failing_now {
            text.push_str(key);
            text.push('\n');
        }
        std::fs::write(&pending_path, text).expect("write PENDING");
        println!(
            "rewrote benchmarks/programs/PENDING with {} entries",
            failing_now.len()
        );
        return;
    }
    if failed > 0 || !fixed.is_empty() {
        std::process::exit(1);
    }
}
