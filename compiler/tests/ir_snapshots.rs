//! IR snapshot tests: every `tests/cases/**/*.py` is compiled with
//! `pipeline::compile_to_ir` and printed; the listing is compared with the sibling `.ir`
//! file (raw lowering output, with compile warnings as leading `;` comments). The passes
//! then run and the result is compared with `.opt.ir`. Both listings must verify and
//! round-trip through the text form (print → parse → print is identical, and the parsed
//! module equals the original).
//!
//! Cases under `tests/cases/errors/` must fail to compile instead; the rendered
//! diagnostic is compared with the sibling `.err` file.
//!
//! `UPDATE_EXPECT=1 cargo test -p compiler --test ir_snapshots` rewrites the expectations
//! (read the diff!). Every case runs; the summary reports `N passed, N failed`.

mod common;
use common::diff;

use compiler::diagnostics::SyntaxDiagnostic;
use compiler::ir::{Module, parse_module, print_module, verify_module};
use compiler::passes::{PassOptions, run_passes};
use compiler::pipeline::compile_to_ir;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

#[test]
fn ir_snapshots() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut cases = Vec::new();
    collect_cases(&root, &mut cases);
    cases.sort();
    let (mut passed, mut failed) = (0, 0);
    for path in &cases {
        let name = path
            .strip_prefix(&root)
            .unwrap_or(path)
            .display()
            .to_string();
        let problems = catch_unwind(AssertUnwindSafe(|| check_case(&root, path, update)))
            .unwrap_or_else(|_| vec!["panicked (see the message above)".to_owned()]);
        if problems.is_empty() {
            passed += 1;
        } else {
            failed += 1;
            for problem in problems {
                eprintln!("FAIL {name}: {problem}");
            }
        }
    }
    eprintln!("ir snapshots: {passed} passed, {failed} failed");
    assert!(
        failed == 0,
        "{failed} IR snapshot case(s) failed (UPDATE_EXPECT=1 re-blesses)"
    );
}

fn collect_cases(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_cases(&path, out);
        } else if path.extension().is_some_and(|e| e == "py") {
            out.push(path);
        }
    }
}

/// Runs one case; returns what went wrong (empty when it passed).
fn check_case(root: &Path, path: &Path, update: bool) -> Vec<String> {
    let mut problems = Vec::new();
    let source = match std::fs::read(path) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) => return vec![format!("cannot read: {e}")],
    };
    let filename = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    let expects_error = path
        .strip_prefix(root)
        .is_ok_and(|rel| rel.starts_with("errors"));
    let result = compile_to_ir(&source, &filename);
    if expects_error {
        match result {
            Ok(_) => problems.push("expected a compile error, but it compiled".to_owned()),
            Err(diagnostic) => compare(
                &path.with_extension("err"),
                &render_error(&diagnostic),
                update,
                &mut problems,
            ),
        }
        return problems;
    }
    let output = match result {
        Ok(output) => output,
        Err(diagnostic) => {
            return vec![format!(
                "compile error: {}",
                render_error(&diagnostic).trim_end()
            )];
        }
    };

    let mut raw_text = String::new();
    for warning in &output.warnings {
        raw_text += &format!(
            "; {}: {} (line {})\n",
            warning.category, warning.message, warning.lineno
        );
    }
    let raw_listing = print_module(&output.module);
    raw_text += &raw_listing;
    compare(&path.with_extension("ir"), &raw_text, update, &mut problems);
    check_module("raw IR", &output.module, &raw_listing, &mut problems);
    if verify_module(&output.module).is_err() {
        // Passes assume valid input; the failure is already reported.
        return problems;
    }

    let mut optimized = output.module.clone();
    if let Err(error) = run_passes(&mut optimized, &PassOptions::default()) {
        problems.push(error.to_string());
        return problems;
    }
    let opt_listing = print_module(&optimized);
    compare(
        &path.with_extension("opt.ir"),
        &opt_listing,
        update,
        &mut problems,
    );
    check_module("optimized IR", &optimized, &opt_listing, &mut problems);
    problems
}

/// Verification and the text round-trip.
fn check_module(what: &str, module: &Module, listing: &str, problems: &mut Vec<String>) {
    if let Err(error) = verify_module(module) {
        problems.push(format!("{what} fails verification: {error}"));
    }
    match parse_module(listing) {
        Err(error) => problems.push(format!("{what} does not parse back: {error}")),
        Ok(parsed) => {
            let reprinted = print_module(&parsed);
            if reprinted != listing {
                problems.push(format!(
                    "{what} prints differently after parsing:\n{}",
                    diff(listing, &reprinted)
                ));
            } else if parsed != *module {
                problems.push(format!("{what} parses back to a different module"));
            }
        }
    }
}

/// A diagnostic as the `.err` expectation shows it: CPython's class and message, then the
/// position fields of the `SyntaxError` object and the source line.
fn render_error(d: &SyntaxDiagnostic) -> String {
    let mut out = format!("{}: {}\n", d.kind.class_name(), d.message);
    out += &format!(
        "  line {}, offset {}, end line {}, end offset {}\n",
        d.lineno, d.offset, d.end_lineno, d.end_offset
    );
    if let Some(text) = &d.text {
        out += &format!("  | {text}\n");
    }
    out
}

/// Compares `actual` with the file at `path`, rewriting it when `update` is set.
fn compare(path: &Path, actual: &str, update: bool, problems: &mut Vec<String>) {
    let expected = std::fs::read_to_string(path).ok();
    if expected.as_deref() == Some(actual) {
        return;
    }
    if update {
        if let Err(e) = std::fs::write(path, actual) {
            problems.push(format!("cannot write {}: {e}", path.display()));
        }
        return;
    }
    let file = path.file_name().unwrap_or_default().to_string_lossy();
    match expected {
        None => problems.push(format!("{file} is missing (run with UPDATE_EXPECT=1)")),
        Some(expected) => problems.push(format!(
            "{file} differs (- expected, + actual):\n{}",
            diff(&expected, actual)
        )),
    }
}
