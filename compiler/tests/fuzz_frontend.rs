//! Property test: arbitrary and mutated inputs go through the whole frontend (decode,
//! parse, scopes, lowering, passes, bytecode) without a panic.
//!
//! Seeds are every `.py` file under `compiler/tests/` (the snapshot and syntax-error
//! cases). Each input applies one to four random mutations to a seed (byte flips, range
//! deletion or duplication, token insertion, line splicing from another seed); one input
//! in ten is random bytes. The generator is a fixed-seed xorshift, so runs are
//! reproducible; `TAIPAN_FUZZ_CASES` overrides the count (default 100,000) and
//! `TAIPAN_FUZZ_SEED` the seed. A panicking input is
//! written to `target/fuzz-failures/` and the test fails.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

/// Token fragments that tend to reach deep into the grammar.
const FRAGMENTS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ":",
    ",",
    ";",
    "\n",
    "    ",
    "\t",
    "\\\n",
    "#",
    "=",
    ":=",
    "*",
    "**",
    ".",
    "...",
    "->",
    "@",
    "lambda",
    "lambda x:",
    "yield",
    "yield from",
    "await",
    "async",
    "def f():",
    "class C:",
    "return",
    "break",
    "continue",
    "global x",
    "nonlocal x",
    "del x",
    "try:",
    "except",
    "except*",
    "except A, B:",
    "finally:",
    "with a as b:",
    "for x in y:",
    "while 1:",
    "if x:",
    "elif y:",
    "else:",
    "match x:",
    "case _:",
    "case [a, *b]:",
    "case {'k': v, **r}:",
    "case C(a, b=c):",
    "type T[U] = U",
    "def g[T: int](x: T) -> T:",
    "f'{",
    "f'{x!r:>{w}}'",
    "t'{x}'",
    "'",
    "\"",
    "'''",
    "\"\"\"",
    "b'\\x00'",
    "0x_1",
    "1e400",
    "1j",
    "9999999999999999999999999999",
    "__class__",
    "super()",
    "import a.b as c",
    "from . import x",
    "from __future__ import annotations",
    "x: int = 1",
    "not",
    "is not",
    "in",
    "if",
    "else",
    "\r",
    "\u{feff}",
    "é",
    "\u{20ac}",
    "\0",
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

fn collect_seeds(dir: &Path, out: &mut Vec<Vec<u8>>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            collect_seeds(&path, out);
        } else if path.extension().is_some_and(|e| e == "py")
            && let Ok(bytes) = std::fs::read(&path)
        {
            out.push(bytes);
        }
    }
}

fn mutate(rng: &mut Rng, seeds: &[Vec<u8>]) -> Vec<u8> {
    if rng.below(10) == 0 || seeds.is_empty() {
        let len = rng.below(200);
        return (0..len).map(|_| rng.next() as u8).collect();
    }
    let mut data = seeds[rng.below(seeds.len())].clone();
    for _ in 0..1 + rng.below(4) {
        let len = data.len();
        match rng.below(6) {
            0 if len > 0 => {
                let i = rng.below(len);
                data[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let start = rng.below(len);
                let end = (start + 1 + rng.below(16)).min(len);
                data.drain(start..end);
            }
            2 if len > 0 => {
                let start = rng.below(len);
                let end = (start + 1 + rng.below(32)).min(len);
                let chunk = data[start..end].to_vec();
                let at = rng.below(len + 1);
                data.splice(at..at, chunk);
            }
            3 | 4 => {
                let fragment = FRAGMENTS[rng.below(FRAGMENTS.len())].as_bytes();
                let at = rng.below(len + 1);
                data.splice(at..at, fragment.iter().copied());
            }
            _ => {
                let other = &seeds[rng.below(seeds.len())];
                let lines: Vec<&[u8]> = other.split(|&b| b == b'\n').collect();
                let line = lines[rng.below(lines.len())];
                let at = rng.below(len + 1);
                let mut insert = line.to_vec();
                insert.push(b'\n');
                data.splice(at..at, insert);
            }
        }
    }
    data
}

#[test]
fn frontend_never_panics() {
    let default_cases = 100_000;
    let cases: usize = std::env::var("TAIPAN_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default_cases);
    let seed: u64 = std::env::var("TAIPAN_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x7a1_9a4);
    let mut seeds = Vec::new();
    collect_seeds(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests"),
        &mut seeds,
    );
    assert!(
        !seeds.is_empty(),
        "no seed files found under compiler/tests"
    );

    // Panics are expected to be caught and counted; keep the output readable.
    std::panic::set_hook(Box::new(|_| {}));
    let failure_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/fuzz-failures");
    // Scramble the seed (splitmix64's finaliser) so that nearby seeds such as 4 and 5 give
    // unrelated streams; xorshift needs a nonzero state.
    let mut z = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    let mut rng = Rng((z ^ (z >> 31)) | 1);
    let mut panics = 0;
    let mut accepted = 0;
    for case in 0..cases {
        let input = mutate(&mut rng, &seeds);
        let result = catch_unwind(AssertUnwindSafe(|| {
            compiler::pipeline::compile_bytes(&input, "<fuzz>").is_ok()
        }));
        match result {
            Ok(true) => accepted += 1,
            Ok(false) => {}
            Err(_) => {
                panics += 1;
                let _ = std::fs::create_dir_all(&failure_dir);
                let _ = std::fs::write(failure_dir.join(format!("case-{case}.py")), &input);
            }
        }
    }
    let _ = std::panic::take_hook();
    println!(
        "fuzz: {cases} inputs from {} seeds, {accepted} compiled, {panics} panicked",
        seeds.len()
    );
    assert_eq!(
        panics,
        0,
        "{panics} inputs panicked; see {}",
        failure_dir.display()
    );
}
