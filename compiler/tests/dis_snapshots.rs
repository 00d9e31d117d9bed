//! Bytecode snapshot tests: every `tests/cases/**/*.py` (except `cases/errors/`) is compiled
//! to bytecode and its disassembly compared with the sibling `.dis` file. A case that fails
//! to compile pins its diagnostic instead, so today's behaviour is visible in review.
//! `UPDATE_EXPECT=1 cargo test -p compiler --test dis_snapshots` rewrites the snapshots.

use compiler::bytecode::disassemble_module;
use compiler::pipeline::{
    compile_to_bytecode, compile_to_bytecode_streaming, compile_to_bytecode_verified,
};
use std::path::{Path, PathBuf};

fn collect_cases(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n == "errors") {
                continue;
            }
            collect_cases(&path, out);
        } else if path.extension().is_some_and(|e| e == "py") {
            out.push(path);
        }
    }
}

/// The snapshot text for one source file.
fn render(source: &str, filename: &str) -> String {
    match compile_to_bytecode(source, filename) {
        Ok((module, warnings)) => {
            let mut out = disassemble_module(&module);
            for warning in warnings {
                out.push_str(&format!(
                    "warning: {}:{}: {}: {}\n",
                    warning.filename, warning.lineno, warning.category, warning.message
                ));
            }
            out
        }
        Err(diagnostic) => format!("compile error: {diagnostic} (line {})\n", diagnostic.lineno),
    }
}

#[test]
fn dis_snapshots() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut cases = Vec::new();
    collect_cases(&root, &mut cases);
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let (mut passed, mut failed) = (0, 0);
    let mut failures = Vec::new();
    for path in &cases {
        let name = path
            .strip_prefix(&root)
            .unwrap_or(path)
            .display()
            .to_string();
        let source = match std::fs::read(path) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(error) => {
                failed += 1;
                failures.push(format!("{name}: cannot read: {error}"));
                continue;
            }
        };
        let filename = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let actual = match std::panic::catch_unwind(|| render(&source, &filename)) {
            Ok(text) => text,
            Err(payload) => {
                let message = payload
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                failed += 1;
                failures.push(format!("{name}: panicked: {message}"));
                continue;
            }
        };
        let expected_path = path.with_extension("dis");
        if update {
            if std::fs::read_to_string(&expected_path).ok().as_deref() != Some(actual.as_str()) {
                std::fs::write(&expected_path, &actual).expect("write snapshot");
            }
            passed += 1;
            continue;
        }
        match std::fs::read_to_string(&expected_path) {
            Ok(expected) if expected == actual => passed += 1,
            Ok(expected) => {
                failed += 1;
                let first_difference = expected
                    .lines()
                    .zip(actual.lines())
                    .position(|(e, a)| e != a)
                    .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
                failures.push(format!(
                    "{name}: disassembly differs from line {} (rerun with UPDATE_EXPECT=1 to bless)\n  expected: {:?}\n  actual:   {:?}",
                    first_difference + 1,
                    expected.lines().nth(first_difference).unwrap_or(""),
                    actual.lines().nth(first_difference).unwrap_or("")
                ));
            }
            Err(_) => {
                failed += 1;
                failures.push(format!(
                    "{name}: missing {} (run with UPDATE_EXPECT=1)",
                    expected_path.display()
                ));
            }
        }
    }
    for failure in &failures {
        eprintln!("{failure}");
    }
    println!("dis_snapshots: {passed} passed, {failed} failed");
    assert_eq!(failed, 0, "{failed} bytecode snapshot(s) failed");
}

/// Release builds compile each function the moment lowering finishes it
/// (`compile_to_bytecode_streaming`); debug builds, which the snapshots above run, lower the
/// whole module first. Both must give the same code objects, warnings and errors.
#[test]
fn streaming_pipeline_matches_whole_module() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut cases = Vec::new();
    collect_cases(&root, &mut cases);
    assert!(cases.len() >= 150, "only {} cases found", cases.len());
    let mut differing = Vec::new();
    for path in &cases {
        let source = String::from_utf8_lossy(&std::fs::read(path).expect("read case")).into_owned();
        let name = path.display().to_string();
        let whole = compile_to_bytecode_verified(&source, &name);
        let streaming = compile_to_bytecode_streaming(&source, &name);
        if whole != streaming {
            differing.push(name);
        }
    }
    assert!(
        differing.is_empty(),
        "the pipelines differ on {differing:?}"
    );
}
