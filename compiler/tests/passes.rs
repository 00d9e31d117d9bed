//! Pass tests as data: every `tests/passes/<dir>/<name>.ir` is read, transformed according
//! to `<dir>`, printed, and compared with `<name>.expected`. `UPDATE_EXPECT=1` rewrites
//! the expectations instead.
//!
//! `<dir>` is a pass name from `compiler::passes::PASSES` (that one pass runs on every
//! function), `pipeline` (the whole pipeline), `verify` (the output is the verifier's
//! verdict) or `roundtrip` (the output is the text printed back, which shows how the
//! parser normalises input). Inputs of pass directories must verify; outputs are verified
//! and must round-trip through the text form.

mod common;
use common::diff;

use compiler::ir::{Module, parse_module, print_module, verify_module};
use compiler::passes::{PASSES, PassOptions, run_passes};
use std::path::{Path, PathBuf};

#[test]
fn pass_cases() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/passes");
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let (mut passed, mut failed) = (0, 0);
    for dir in sorted_entries(&root).into_iter().filter(|p| p.is_dir()) {
        let kind = dir.file_name().unwrap().to_string_lossy().into_owned();
        for input in sorted_entries(&dir)
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "ir"))
        {
            let name = format!("{kind}/{}", input.file_stem().unwrap().to_string_lossy());
            let text = std::fs::read_to_string(&input).unwrap();
            let actual = match std::panic::catch_unwind(|| run_case(&kind, &text)) {
                Ok(Ok(output)) => output,
                Ok(Err(problem)) => {
                    eprintln!("FAIL {name}: {problem}");
                    failed += 1;
                    continue;
                }
                Err(_) => {
                    eprintln!("FAIL {name}: panicked");
                    failed += 1;
                    continue;
                }
            };
            let expected_path = input.with_extension("expected");
            let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
            if actual == expected {
                passed += 1;
            } else if update {
                std::fs::write(&expected_path, &actual).unwrap();
                eprintln!("UPDATED {name}");
                passed += 1;
            } else {
                eprintln!(
                    "FAIL {name}: output differs from {}\n{}",
                    expected_path.display(),
                    diff(&expected, &actual)
                );
                failed += 1;
            }
        }
    }
    eprintln!("pass cases: {passed} passed, {failed} failed");
    assert!(
        failed == 0,
        "{failed} pass case(s) failed (UPDATE_EXPECT=1 re-blesses outputs)"
    );
    assert!(passed > 0, "no pass cases found under {}", root.display());
}

/// The case's output, or why the case is broken.
fn run_case(kind: &str, text: &str) -> Result<String, String> {
    let mut module = parse_module(text).map_err(|e| format!("input: {e}"))?;
    match kind {
        "verify" => {
            return Ok(match verify_module(&module) {
                Ok(()) => "ok\n".to_owned(),
                Err(e) => format!("error: {e}\n"),
            });
        }
        "roundtrip" => {}
        "pipeline" => {
            run_passes(&mut module, &PassOptions::default()).map_err(|e| e.to_string())?
        }
        pass => {
            let (_, run) = PASSES
                .iter()
                .find(|(name, _)| *name == pass)
                .ok_or_else(|| {
                    format!("`{pass}` is not a pass, `pipeline`, `verify` or `roundtrip`")
                })?;
            verify_module(&module).map_err(|e| format!("input fails verification: {e}"))?;
            for func in &mut module.functions {
                run(func);
            }
        }
    }
    let output = print_module(&module);
    if kind != "roundtrip" {
        verify_module(&module).map_err(|e| format!("output fails verification: {e}\n{output}"))?;
    }
    check_round_trip(&module, &output)?;
    Ok(output)
}

fn check_round_trip(module: &Module, text: &str) -> Result<(), String> {
    let parsed =
        parse_module(text).map_err(|e| format!("output does not parse back: {e}\n{text}"))?;
    if print_module(&parsed) != text {
        return Err(format!(
            "output prints differently after parsing\n{}",
            diff(text, &print_module(&parsed))
        ));
    }
    if parsed != *module {
        return Err("output parses back to a different module".to_owned());
    }
    Ok(())
}

fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(read) => read.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(_) => Vec::new(),
    };
    entries.sort();
    entries
}
