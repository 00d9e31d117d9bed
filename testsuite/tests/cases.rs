//! The behaviour-case harness (DESIGN.md §9). Every `cases/<area>/<name>.py` runs in
//! every execution mode that exists — the interpreter, and the interpreter with
//! `TAIPAN_GC_STRESS=1` — and must produce exactly `<name>.out` on stdout, `<name>.err`
//! on stderr (empty when absent) and the status in `<name>.status` (0 when absent).
//!
//! The harness runs `taipan-testsuite <absolute path>` with the case's directory as the
//! working directory, stdin from `/dev/null`, and removes the absolute path of `cases/`
//! (plus its slash) from both outputs before comparing, so expectations read
//! `File "area/name.py"`.
//!
//! Cases listed in `PENDING` (behaviour not implemented yet) are run too; they are
//! reported, and a pending case that passes fails the run until it is removed from the
//! list, so the list only shrinks. `UPDATE_PENDING=1` rewrites it from the current run.
//! `TAIPAN_CASES=substring` runs only matching cases; `TAIPAN_CASE_MODES=interp` picks
//! modes.

use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(60);

/// An execution mode: a name and the environment it adds.
struct Mode {
    name: &'static str,
    env: &'static [(&'static str, &'static str)],
}

const MODES: &[Mode] = &[
    Mode {
        name: "interp",
        env: &[],
    },
    Mode {
        name: "gc-stress",
        env: &[("TAIPAN_GC_STRESS", "1")],
    },
];

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("cases")
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with('_') || name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            collect(&path, out);
        } else if name.ends_with(".py") {
            out.push(path);
        }
    }
}

struct Outcome {
    stdout: String,
    stderr: String,
    status: i32,
    timed_out: bool,
}

fn run_case(exe: &Path, case: &Path, mode: &Mode) -> Outcome {
    let mut cmd = Command::new(exe);
    cmd.arg(case)
        .current_dir(case.parent().expect("case directory"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .env("PYTHONHASHSEED", "0")
        .env_remove("TAIPAN_GC_STRESS");
    for (k, v) in mode.env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("spawn taipan-testsuite");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut stderr = child.stderr.take().expect("stderr");
    let out_reader = std::thread::spawn(move || {
        let mut b = Vec::new();
        let _ = stdout.read_to_end(&mut b);
        b
    });
    let err_reader = std::thread::spawn(move || {
        let mut b = Vec::new();
        let _ = stderr.read_to_end(&mut b);
        b
    });
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
            Err(e) => panic!("waiting for a case: {e}"),
        }
    };
    let strip = |b: Vec<u8>| {
        let prefix = format!("{}/", cases_dir().display());
        String::from_utf8_lossy(&b).replace(&prefix, "")
    };
    Outcome {
        stdout: strip(out_reader.join().unwrap_or_default()),
        stderr: strip(err_reader.join().unwrap_or_default()),
        status: status.code().unwrap_or(-1),
        timed_out,
    }
}

/// The first line where two texts differ, for the failure report.
fn first_difference(expected: &str, actual: &str) -> String {
    for (i, (e, a)) in expected.lines().zip(actual.lines()).enumerate() {
        if e != a {
            return format!(
                "line {}:\n      expected: {e:?}\n      actual:   {a:?}",
                i + 1
            );
        }
    }
    let (ne, na) = (expected.lines().count(), actual.lines().count());
    if ne != na {
        let extra = if ne > na {
            expected.lines().nth(na)
        } else {
            actual.lines().nth(ne)
        };
        return format!(
            "{} lines expected, {} produced; first extra: {:?}",
            ne,
            na,
            extra.unwrap_or("")
        );
    }
    "trailing newline differs".to_owned()
}

fn check(case: &Path, outcome: &Outcome) -> Result<(), String> {
    if outcome.timed_out {
        return Err(format!("timed out after {TIMEOUT:?}"));
    }
    let read = |ext: &str| std::fs::read_to_string(case.with_extension(ext)).ok();
    let expected_out = read("out").unwrap_or_default();
    let expected_err = read("err").unwrap_or_default();
    let expected_status: i32 = read("status").map_or(0, |s| s.trim().parse().unwrap_or(-1));
    let mut problems = Vec::new();
    if outcome.stdout != expected_out {
        problems.push(format!(
            "stdout differs at {}",
            first_difference(&expected_out, &outcome.stdout)
        ));
    }
    if outcome.stderr != expected_err {
        problems.push(format!(
            "stderr differs at {}",
            first_difference(&expected_err, &outcome.stderr)
        ));
    }
    if outcome.status != expected_status {
        problems.push(format!(
            "exit status {} (expected {expected_status})",
            outcome.status
        ));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n    "))
    }
}

fn main() {
    let exe = PathBuf::from(env!("CARGO_BIN_EXE_taipan-testsuite"));
    let root = cases_dir();
    let mut cases = Vec::new();
    collect(&root, &mut cases);
    let filter = std::env::var("TAIPAN_CASES").ok();
    if let Some(f) = &filter {
        cases.retain(|c| c.to_string_lossy().contains(f.as_str()));
    }
    let mode_filter = std::env::var("TAIPAN_CASE_MODES").ok();
    let modes: Vec<&Mode> = MODES
        .iter()
        .filter(|m| {
            mode_filter
                .as_ref()
                .is_none_or(|f| f.split(',').any(|x| x == m.name))
        })
        .collect();
    let pending_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("PENDING");
    let pending: BTreeSet<String> = std::fs::read_to_string(&pending_path)
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect();
    let jobs: Vec<(PathBuf, &Mode)> = cases
        .iter()
        .flat_map(|c| modes.iter().map(move |m| (c.clone(), *m)))
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
                    let Some((case, mode)) = jobs.get(i) else {
                        break;
                    };
                    let outcome = run_case(&exe, case, mode);
                    let rel = case
                        .strip_prefix(&root)
                        .unwrap_or(case)
                        .with_extension("")
                        .to_string_lossy()
                        .into_owned();
                    let key = format!("{rel} [{}]", mode.name);
                    let r = check(case, &outcome);
                    results.lock().expect("results").push((key, r));
                }
            });
        }
    });
    let mut results = results.into_inner().expect("results");
    results.sort_by(|a, b| a.0.cmp(&b.0));
    let (mut passed, mut failed, mut pending_failed, mut fixed) = (0, 0, 0, Vec::new());
    let mut failing_now = Vec::new();
    for (key, r) in &results {
        let is_pending = pending.contains(key);
        match (r, is_pending) {
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
        println!("FIXED {key}: passes now, remove it from testsuite/PENDING");
    }
    println!(
        "{passed} passed, {failed} failed, {pending_failed} pending (listed in testsuite/PENDING), {} newly passing",
        fixed.len()
    );
    if std::env::var_os("UPDATE_PENDING").is_some() && filter.is_none() && mode_filter.is_none() {
        let mut text = String::from(
            "# Cases whose behaviour is not implemented yet, one `area/name [mode]` per line.\n\
             # The harness fails when a listed case starts passing; UPDATE_PENDING=1 rewrites this file.\n",
        );
        for k in &failing_now {
            text.push_str(k);
            text.push('\n');
        }
        std::fs::write(&pending_path, text).expect("write PENDING");
        println!(
            "rewrote testsuite/PENDING with {} entries",
            failing_now.len()
        );
        return;
    }
    if failed > 0 || !fixed.is_empty() {
        std::process::exit(1);
    }
}
