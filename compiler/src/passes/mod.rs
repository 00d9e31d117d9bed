//! IR-to-IR passes and the one pipeline that runs them ([`run_passes`]).
//!
//! Each pass is one file and works on one [`Function`] at a time:
//!
//! - [`const_fold`]: evaluates operations on constants at compile time (Python semantics,
//!   CPython's size limits) and turns branches on constants into jumps;
//! - [`split_builds`]: turns displays and calls with hundreds of operands into incremental
//!   construction, so their operands need not all be alive (in registers) at once;
//! - [`dce`]: removes unreachable blocks, side-effect-free instructions whose results are
//!   unused, and unused block parameters;
//! - [`simplify_cfg`]: merges straight-line blocks, threads jumps through empty blocks and
//!   folds branches whose two edges agree.
//!
//! The pipeline is the [`PASSES`] table, run in order. A pass can be switched off by name
//! through [`PassOptions::skip`] (handy for bisecting a miscompile); the compiler itself
//! never reads the environment, so the CLI fills the options. In debug and test builds the
//! whole module is re-verified after every pass, so a pass that breaks an invariant is
//! caught right where it happened.

pub mod const_fold;
pub mod dce;
pub mod op_flags;
mod scratch;
pub mod simplify_cfg;
pub mod split_builds;

use crate::ir::verify::{VerifyError, verify_module};
use crate::ir::{Block, Function, Module, Terminator};
use std::fmt;

/// A pass: rewrites one function in place. The module-level constant pool does not exist
/// (pools are per function), so passes never need the module.
pub type PassFn = fn(&mut Function);

/// The pipeline, in order. Constant folding first exposes constant branches and dead
/// code (and folds constant tuples before `split_builds` looks at displays); `dce` then
/// removes it, along with the constant loads `split_builds` replaced by tuple constants; `simplify_cfg` last tidies the block structure that the
/// other two leave behind (emptied blocks, single-edge chains).
pub const PASSES: &[(&str, PassFn)] = &[
    ("const_fold", const_fold::run),
    ("split_builds", split_builds::run),
    ("dce", dce::run),
    ("simplify_cfg", simplify_cfg::run),
];

/// How to run the pipeline.
#[derive(Debug, Clone, Default)]
pub struct PassOptions {
    /// Names (from [`PASSES`]) of passes not to run.
    pub skip: Vec<String>,
    /// Stop after the pass with this name (for `taipan ir --after PASS`).
    pub stop_after: Option<String>,
}

impl PassOptions {
    fn runs(&self, name: &str) -> bool {
        !self.skip.iter().any(|s| s == name)
    }
}

/// A pass left the module failing verification: an internal compiler bug.
#[derive(Debug, Clone)]
pub struct PassError {
    /// The pass that ran last, or `"input"` when the module was invalid before any pass.
    pub pass: &'static str,
    pub error: VerifyError,
}

impl fmt::Display for PassError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "IR fails verification after {}: {}",
            self.pass, self.error
        )
    }
}

impl std::error::Error for PassError {}

/// Runs the pipeline over every function of `module`. In debug/test builds the module is
/// verified before the first pass and after each one; the error names the culprit.
pub fn run_passes(module: &mut Module, options: &PassOptions) -> Result<(), PassError> {
    let check = cfg!(debug_assertions);
    if check {
        verify_module(module).map_err(|error| PassError {
            pass: "input",
            error,
        })?;
    }
    // The passes only ever look at one function, so the order is free: pass by pass when
    // verifying between passes, function by function otherwise (each function's IR then
    // stays in cache through the whole pipeline).
    if !check {
        for func in &mut module.functions {
            optimize_function(func, options);
        }
        return Ok(());
    }
    let mut previous = "";
    for &(name, pass) in pipeline(options) {
        for func in &mut module.functions {
            run_pass(func, name, pass, previous);
        }
        verify_module(module).map_err(|error| PassError { pass: name, error })?;
        previous = name;
    }
    Ok(())
}

/// The passes `options` selects, in order.
fn pipeline(
    options: &PassOptions,
) -> impl Iterator<Item = &'static (&'static str, PassFn)> + Clone + '_ {
    let last = options
        .stop_after
        .as_deref()
        .and_then(|stop| PASSES.iter().position(|&(name, _)| name == stop))
        .unwrap_or(PASSES.len() - 1);
    PASSES[..=last]
        .iter()
        .filter(|&&(name, _)| options.runs(name))
}

/// Runs the selected passes over one function, without verifying in between (the
/// release-build pipeline, also used to generate code right after optimising a
/// function while its IR is still in cache).
pub fn optimize_function(func: &mut Function, options: &PassOptions) {
    // The whole pipeline, as almost every caller asks, runs without looking the passes up
    // by name: per function, that cost as much as a pass with nothing to do.
    if options.skip.is_empty() && options.stop_after.is_none() {
        if const_fold::run_noting_long_operations(func) {
            split_builds::split_long_operations(func);
        }
        dce::run(func);
        simplify_cfg::run_on_reachable(func);
        return;
    }
    let mut previous = "";
    for &(name, pass) in pipeline(options) {
        run_pass(func, name, pass, previous);
        previous = name;
    }
}

/// Runs pass `name` on `func`, right after pass `previous` ran on it: `simplify_cfg`
/// skips its reachability sweep when `dce` just did the same one.
fn run_pass(func: &mut Function, name: &str, pass: PassFn, previous: &str) {
    if name == "simplify_cfg" && previous == "dce" {
        simplify_cfg::run_on_reachable(func);
    } else {
        pass(func);
    }
}

/// Whether a pass name exists (for validating user-supplied options).
pub fn is_pass_name(name: &str) -> bool {
    PASSES.iter().any(|&(n, _)| n == name)
}

// ---- helpers shared by the passes ---------------------------------------------------------

/// Calls `f` with each block `term` flows to, in edge order. The walks over every block
/// call this: matching the terminator once and visiting each target where it is found
/// costs several times less than [`Terminator::successors`]' chained iterator, and less
/// than looping over an array of optional targets.
#[inline]
pub(crate) fn for_each_successor(term: &Terminator, mut f: impl FnMut(Block)) {
    match term {
        Terminator::Jump(target) => f(target.block),
        Terminator::Branch {
            then_to, else_to, ..
        } => {
            f(then_to.block);
            f(else_to.block);
        }
        Terminator::ForIter { body, exit, .. } => {
            f(body.block);
            f(exit.block);
        }
        Terminator::Return(_)
        | Terminator::Reraise(_)
        | Terminator::Raise { .. }
        | Terminator::Unreachable => {}
    }
}

/// Drops the blocks unreachable from the entry (through normal and exception edges) from
/// the layout; returns whether any was dropped.
pub(crate) fn remove_unreachable_blocks(func: &mut Function) -> bool {
    let Some(&entry) = func.layout.first() else {
        return false;
    };
    // The set and the stack come from the thread's scratch space: this runs after every
    // round of `simplify_cfg`, mostly on small functions, where allocating them would cost
    // as much as the search.
    scratch::with_scratch(|scratch| {
        let reachable = &mut scratch.sets[0];
        let stack = &mut scratch.lists[0];
        reachable.reset(func.blocks.len());
        stack.clear();
        // Every block enters the stack at most once.
        stack.push(entry.0);
        reachable.insert(entry.index());
        let mut reached = 1;
        while let Some(block) = stack.pop() {
            let data = &func.blocks[block as usize];
            let mut visit = |next: Block| {
                if reachable.insert_new(next.index()) {
                    stack.push(next.0);
                    reached += 1;
                }
            };
            if let Some(term) = &data.term {
                for_each_successor(term, &mut visit);
            }
            if let Some(handler) = data.handler {
                visit(handler);
            }
        }
        // Edge targets and handlers are laid-out blocks, each laid out once, so when as
        // many blocks were reached as are laid out, all of them were.
        if reached == func.layout.len() {
            return false;
        }
        func.layout
            .retain(|b: &Block| reachable.contains(b.index()));
        true
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{parse_module, print_module};

    const INPUT: &str = "module 't.py'\n\nfunction f0 name='<module>' kind=module line=1 {\n  consts 1, 2\nblock0:\n  v0 = const 1\n  v1 = const 2\n  v2 = binary add v0, v1\n  return v2\n}\n";

    fn run(options: PassOptions) -> String {
        let mut module = parse_module(INPUT).unwrap();
        run_passes(&mut module, &options).unwrap();
        print_module(&module)
    }

    #[test]
    fn optimize_function_runs_the_passes_table_in_order() {
        // `optimize_function` calls the passes directly when none is skipped.
        let names: Vec<&str> = PASSES.iter().map(|&(name, _)| name).collect();
        assert_eq!(names, ["const_fold", "split_builds", "dce", "simplify_cfg"]);
    }

    /// Every `.py` file under `dir`, recursively, in path order.
    fn python_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                python_files(&path, out);
            } else if path.extension().is_some_and(|ext| ext == "py") {
                out.push(path);
            }
        }
    }

    #[test]
    fn optimize_function_agrees_with_the_verified_pipeline() {
        // Debug builds (the snapshot tests) run the passes one by one with verification in
        // between; release builds run `optimize_function`, whose shortcuts must not change
        // what comes out.
        let mut files = Vec::new();
        python_files(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests"),
            &mut files,
        );
        assert!(files.len() > 100, "{} files", files.len());
        for path in files {
            // Some inputs are not UTF-8 on purpose (for the decoding tests).
            let Ok(source) = std::fs::read_to_string(&path) else {
                continue;
            };
            let Ok(output) = crate::pipeline::compile_to_ir(&source, "t.py") else {
                continue;
            };
            let mut verified = output.module;
            let mut fast = verified.clone();
            run_passes(&mut verified, &PassOptions::default()).unwrap();
            for func in &mut fast.functions {
                optimize_function(func, &PassOptions::default());
            }
            assert_eq!(
                print_module(&fast),
                print_module(&verified),
                "{}",
                path.display()
            );
        }
    }

    #[test]
    fn passes_can_be_skipped_and_stopped_by_name() {
        assert!(PASSES.iter().all(|&(name, _)| is_pass_name(name)));
        let all = run(PassOptions::default());
        assert!(
            all.contains("v2 = const 3") && !all.contains("v0 ="),
            "{all}"
        );
        let no_fold = run(PassOptions {
            skip: vec!["const_fold".into()],
            ..Default::default()
        });
        assert!(no_fold.contains("binary add"), "{no_fold}");
        let fold_only = run(PassOptions {
            stop_after: Some("const_fold".into()),
            ..Default::default()
        });
        assert!(
            fold_only.contains("v0 = const 1") && fold_only.contains("v2 = const 3"),
            "{fold_only}"
        );
    }
}
