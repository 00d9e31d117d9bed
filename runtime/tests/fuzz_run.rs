//! Property test: mutated programs are compiled *and run* without a panic, abort or
//! crash — every outcome must be a normal exit, a Python exception or a SyntaxError.
//!
//! Seeds are the behaviour cases (`testsuite/cases/**.py`) and the compiler's snapshot
//! inputs. Each input applies one to three random mutations to a seed (byte flips, range
//! deletion or duplication, fragment insertion, line splicing from another seed). Programs
//! run in-process, sandboxed (no output, no stdin) and stopped after a fixed number of
//! safepoints, so infinite loops end. The generator is a fixed-seed xorshift:
//! `TAIPAN_FUZZ_RUN_CASES` sets the count (default 1,500) and `TAIPAN_FUZZ_SEED` the seed.
//! A crashing input is written to `target/fuzz-run-failures/`.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

const FRAGMENTS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    ":",
    ",",
    "\n",
    "    ",
    "=",
    "*",
    "**",
    ".",
    "lambda x: x",
    "yield",
    "await x",
    "return",
    "break",
    "del x",
    "raise",
    "try:\n    pass\nexcept:\n    pass\n",
    "x",
    "0",
    "1e308",
    "10**100",
    "'a'",
    "b'x'",
    "None",
    "[]",
    "{}",
    "()",
    "f(*a, **k)",
    "x[1:2:3]",
    "not ",
    " if x else ",
    "async def f(): pass\n",
    "class C(object): pass\n",
    "global x\n",
    "import sys\n",
    "while True: pass\n",
    "sys.setrecursionlimit(10**6)\n",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|e| e == "py") {
            out.push(p);
        }
    }
}

fn mutate(rng: &mut Rng, seeds: &[Vec<u8>], input: &mut Vec<u8>) {
    match rng.below(5) {
        0 if !input.is_empty() => {
            let i = rng.below(input.len());
            input[i] ^= 1 << rng.below(8);
        }
        1 if !input.is_empty() => {
            let a = rng.below(input.len());
            let b = (a + rng.below(40)).min(input.len());
            input.drain(a..b);
        }
        2 if !input.is_empty() => {
            let a = rng.below(input.len());
            let b = (a + rng.below(40)).min(input.len());
            let piece = input[a..b].to_vec();
            let at = rng.below(input.len());
            input.splice(at..at, piece);
        }
        3 => {
            let frag = FRAGMENTS[rng.below(FRAGMENTS.len())].as_bytes();
            let at = rng.below(input.len() + 1);
            input.splice(at..at, frag.iter().copied());
        }
        _ => {
            let other = &seeds[rng.below(seeds.len())];
            let lines: Vec<&[u8]> = other.split(|&b| b == b'\n').collect();
            let line = lines[rng.below(lines.len())];
            let at = input
                .iter()
                .enumerate()
                .filter(|(_, b)| **b == b'\n')
                .map(|(i, _)| i + 1)
                .nth(rng.below(20))
                .unwrap_or(0);
            let mut piece = line.to_vec();
            piece.push(b'\n');
            input.splice(at..at, piece);
        }
    }
}

#[test]
fn mutated_programs_run_without_crashing() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    collect(&root.join("testsuite/cases"), &mut files);
    collect(&root.join("compiler/tests/cases"), &mut files);
    let seeds: Vec<Vec<u8>> = files.iter().filter_map(|f| std::fs::read(f).ok()).collect();
    assert!(!seeds.is_empty(), "no seeds found");
    let count: usize = std::env::var("TAIPAN_FUZZ_RUN_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1500);
    let seed: u64 = std::env::var("TAIPAN_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x5EED_F00D);
    let mut rng = Rng(seed | 1);
    let mut failures = Vec::new();
    for i in 0..count {
        let mut input = seeds[rng.below(seeds.len())].clone();
        for _ in 0..=rng.below(3) {
            mutate(&mut rng, &seeds, &mut input);
        }
        let options = runtime::run::RunOptions {
            argv: vec!["fuzz".into()],
            step_limit: Some(20_000),
            sandbox: true,
            ..Default::default()
        };
        let bytes = input.clone();
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            runtime::run::run_main(runtime::run::MainSource::Stdin(bytes), options)
        }));
        if outcome.is_err() {
            let dir = root.join("target/fuzz-run-failures");
            let _ = std::fs::create_dir_all(&dir);
            let path = dir.join(format!("case-{seed}-{i}.py"));
            let _ = std::fs::write(&path, &input);
            failures.push(path);
        }
    }
    assert!(
        failures.is_empty(),
        "{} inputs panicked, saved as {:?}",
        failures.len(),
        failures
    );
}

/// Threads of a sandboxed program end too: one stopped by its step limit while holding a
/// lock, threads that deadlock, and a long sleep (the fuzz loop above once hung on such
/// a mutated program).
#[test]
fn sandboxed_threads_cannot_hang_the_run() {
    let programs = [
        // A worker spins forever (until its step limit) holding the lock the main thread waits for.
        "import threading\nl = threading.Lock()\ndef spin():\n    with l:\n        while True: pass\nt = threading.Thread(target=spin)\nt.start()\nimport time\ntime.sleep(0.01)\nl.acquire()\n",
        // Two threads take two locks in opposite orders.
        "import threading, time\na, b = threading.Lock(), threading.Lock()\ndef one():\n    with a:\n        time.sleep(0.05)\n        with b: pass\nt = threading.Thread(target=one)\nt.start()\nwith b:\n    time.sleep(0.05)\n    with a: pass\n",
        // A sleep is cut short.
        "import time\ntime.sleep(10**6)\n",
    ];
    for source in programs {
        let start = std::time::Instant::now();
        let options = runtime::run::RunOptions {
            argv: vec!["fuzz".into()],
            step_limit: Some(20_000),
            sandbox: true,
            ..Default::default()
        };
        runtime::run::run_main(runtime::run::MainSource::Stdin(source.into()), options);
        assert!(start.elapsed().as_secs() < 20, "{source}");
    }
}
