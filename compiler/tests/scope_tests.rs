//! Scope-analysis tests, as data.
//!
//! - `tests/scope/<name>.py` → `<name>.symtable`: the [`SymbolTable::dump`] of the file.
//! - `tests/scope/errors/<name>.py` → `<name>.err`: the diagnostic the file is rejected with.
//!
//! `UPDATE_EXPECT=1 cargo test -p compiler --test scope_tests` rewrites the expected files.
//!
//! Files whose first line is `# shared` are also compared with CPython 3.11's `symtable`
//! module (`tests/scope/support/dump_symtable.py`), for what 3.11 and 3.14 share: the
//! function/class/lambda/genexpr scopes and every name's resolution and basic flags. The
//! Rust side projects its table onto the same form (dropping 3.14-only scopes: annotation,
//! type-parameter and inlined-comprehension scopes), so shared files must avoid the
//! constructs whose scoping changed since 3.11 (list/set/dict comprehensions, annotations).

use compiler::diagnostics::SyntaxDiagnostic;
use compiler::scope::{ScopeId, ScopeKind, SymbolScope, SymbolTable, flags};
use ruff_python_ast::PythonVersion;
use ruff_python_parser::{Mode, ParseOptions};
use std::fmt::Write;
use std::path::{Path, PathBuf};

fn scope_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scope")
}

fn py_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|ext| ext == "py"))
        .collect();
    files.sort();
    files
}

/// Builds the table of `source` and hands it to `then` (the table borrows the tree).
fn build<T>(
    source: &str,
    filename: &str,
    then: impl FnOnce(&SymbolTable) -> T,
) -> Result<T, SyntaxDiagnostic> {
    let options = ParseOptions::from(Mode::Module).with_target_version(PythonVersion::PY314);
    let parsed = ruff_python_parser::parse(source, options)
        .unwrap_or_else(|e| panic!("{filename} does not parse: {}", e.error));
    let module = parsed.into_syntax().module().expect("module").clone();
    SymbolTable::build(&module, source, filename).map(|table| then(&table))
}

fn format_error(error: &SyntaxDiagnostic) -> String {
    format!(
        "{}: {}\n  at {}:{}-{}:{}\n  text: {:?}\n",
        error.kind.class_name(),
        error.message,
        error.lineno,
        error.offset,
        error.end_lineno,
        error.end_offset,
        error.text.as_deref().unwrap_or("")
    )
}

/// Compares `actual` with the file at `path`, or rewrites it under `UPDATE_EXPECT=1`.
fn check_file(path: &Path, actual: &str, failures: &mut Vec<String>) {
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(path, actual).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_default();
    if expected != actual {
        failures.push(format!(
            "{} differs:\n--- expected\n{expected}--- actual\n{actual}",
            path.display()
        ));
    }
}

#[test]
fn scope_snapshots() {
    let mut failures = Vec::new();
    let files = py_files(&scope_dir());
    assert!(
        files.len() >= 40,
        "expected at least 40 scope cases, found {}",
        files.len()
    );
    for path in files {
        let source = std::fs::read_to_string(&path).expect("read case");
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let actual = match build(&source, &name, |table| table.dump()) {
            Ok(dump) => dump,
            Err(error) => format!("unexpected error\n{}", format_error(&error)),
        };
        check_file(&path.with_extension("symtable"), &actual, &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn scope_errors() {
    let mut failures = Vec::new();
    for path in py_files(&scope_dir().join("errors")) {
        let source = std::fs::read_to_string(&path).expect("read case");
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let actual = match build(&source, &name, |_| ()) {
            Ok(()) => "no error\n".to_owned(),
            Err(error) => format_error(&error),
        };
        check_file(&path.with_extension("err"), &actual, &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The projection of our table that CPython 3.11's `symtable` can also produce.
fn cpython_projection(table: &SymbolTable) -> String {
    let mut out = String::new();
    project(table, table.root(), 0, &mut out);
    out
}

fn project(table: &SymbolTable, id: ScopeId, depth: usize, out: &mut String) {
    let scope = table.scope(id);
    let hidden = matches!(
        scope.kind,
        ScopeKind::Annotation
            | ScopeKind::TypeParams
            | ScopeKind::TypeAlias
            | ScopeKind::TypeVarBound
    ) || scope.comp_inlined;
    let mut child_depth = depth;
    if !hidden {
        let kind = match scope.kind {
            ScopeKind::Module => "module",
            ScopeKind::Class => "class",
            _ => "function",
        };
        let indent = "  ".repeat(depth);
        let _ = writeln!(out, "{indent}{kind} {}", scope.name);
        let params: Vec<&str> = scope.params().collect();
        if !params.is_empty() {
            let _ = writeln!(out, "{indent}  params: {}", params.join(", "));
        }
        let mut symbols: Vec<_> = scope.symbols.iter().collect();
        symbols.sort_by(|a, b| a.name.cmp(&b.name));
        for symbol in symbols {
            let resolution = match symbol.scope {
                SymbolScope::Local => "local",
                SymbolScope::GlobalExplicit => "global_explicit",
                SymbolScope::GlobalImplicit => "global_implicit",
                SymbolScope::Free => "free",
                SymbolScope::Cell => "cell",
            };
            // Not DEF_FREE_CLASS: since 3.12 every free name passing a class gets it.
            let shared = flags::DEF_GLOBAL
                | flags::DEF_LOCAL
                | flags::DEF_PARAM
                | flags::DEF_NONLOCAL
                | flags::USE
                | flags::DEF_IMPORT;
            let _ = writeln!(
                out,
                "{indent}  {}: {resolution} {:#x}",
                symbol.name,
                symbol.flags & shared
            );
        }
        child_depth += 1;
    }
    for &child in &scope.children {
        project(table, child, child_depth, out);
    }
}

fn python3() -> Option<PathBuf> {
    let pinned = PathBuf::from("/root/.pyenv/versions/3.11.7/bin/python3");
    if pinned.exists() {
        return Some(pinned);
    }
    let found = std::process::Command::new("python3")
        .arg("--version")
        .output()
        .ok()?;
    found.status.success().then(|| PathBuf::from("python3"))
}

#[test]
fn agrees_with_cpython_symtable() {
    let shared: Vec<PathBuf> = py_files(&scope_dir())
        .into_iter()
        .filter(|p| std::fs::read_to_string(p).is_ok_and(|s| s.starts_with("# shared")))
        .collect();
    assert!(
        shared.len() >= 20,
        "expected at least 20 shared cases, found {}",
        shared.len()
    );
    let Some(python) = python3() else {
        eprintln!("python3 not found: skipping the comparison with CPython's symtable");
        return;
    };
    let script = scope_dir().join("support/dump_symtable.py");
    let output = std::process::Command::new(python)
        .arg(&script)
        .args(&shared)
        .output()
        .expect("run dump_symtable.py");
    assert!(
        output.status.success(),
        "dump_symtable.py failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8(output.stdout).expect("utf-8 output");
    let expected: Vec<&str> = stdout.split("=== ").skip(1).collect();
    assert_eq!(expected.len(), shared.len(), "one dump per file");
    let mut failures = Vec::new();
    for (path, cpython) in shared.iter().zip(expected) {
        let (_, cpython) = cpython.split_once('\n').unwrap_or((cpython, ""));
        let source = std::fs::read_to_string(path).expect("read case");
        let ours = build(&source, "case.py", cpython_projection)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        if ours != cpython {
            failures.push(format!(
                "{}:\n--- CPython 3.11\n{cpython}--- ours\n{ours}",
                path.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
