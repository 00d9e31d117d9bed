//! Syntax-error snapshots: each `syntax_errors/<name>.py` has a sibling `<name>.err` holding
//! what `python3 <name>.py` prints on stderr under CPython 3.14 (empty when the file must
//! compile). `UPDATE_EXPECT=1 cargo test --test syntax_errors` rewrites the `.err` files
//! from our output; `python3 tests/support/bless_syntax.py` then checks them against the
//! local CPython.
//!
//! The local python3 is 3.11. Cases where 3.14 differs were written by hand and are listed
//! in `KNOWN_DIFFERENCES` in `bless_syntax.py`:
//! - `ok_except_without_parens`, `except_as_without_parens`: PEP 758;
//! - `ok_template_string`: PEP 750 t-strings; `ok_type_alias`: PEP 695;
//! - `ok_fstring_nested_quotes`, `fstring_*`: PEP 701 tokenizes f-strings, so messages and
//!   carets moved;
//! - `nondefault_after_default`: reworded in 3.12;
//! - `lazy_import`: PEP 810 is 3.15, so 3.14 rejects it as plain invalid syntax;
//! - the messages CPython 3.12-3.14 added (incompatible string prefixes, import and
//!   `except` targets, `'elif' block follows an 'else' block`, `'not' after an operator`,
//!   argument unpacking, statements in conditionals, TypeVar defaults and constraints, and
//!   more; each listed with its reason). Their text is the one CPython 3.14's own
//!   `Lib/test/test_syntax.py` expects; their carets follow the `RAISE_*` ranges of the
//!   grammar's `invalid_*` rules, as no 3.14 binary was at hand to confirm them.

use std::path::Path;

#[test]
fn syntax_error_snapshots() {
    // `TAIPAN_SYNTAX_CASES` points the harness at another directory of cases, which is
    // handy for trying out a batch of snippets against `bless_syntax.py`.
    let default_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/syntax_errors");
    let dir = std::env::var_os("TAIPAN_SYNTAX_CASES").map_or(default_dir.clone(), Into::into);
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/syntax_errors exists")
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            name.strip_suffix(".py").map(str::to_string)
        })
        .collect();
    names.sort();
    assert!(
        names.len() >= 60,
        "expected at least 60 cases, found {}",
        names.len()
    );

    let mut failures = Vec::new();
    for name in &names {
        let source = std::fs::read(dir.join(format!("{name}.py"))).expect("readable case");
        let filename = format!("{name}.py");
        let actual = match compiler::parse::check_source(&source, &filename) {
            Ok(()) => String::new(),
            Err(diagnostic) => diagnostic.render(),
        };
        let expected_path = dir.join(format!("{name}.err"));
        let existing = std::fs::read_to_string(&expected_path).ok();
        let expected = existing.clone().unwrap_or_default();
        if update && existing.is_none() {
            std::fs::write(&expected_path, &actual).expect("writable .err");
        } else if actual != expected {
            if update {
                std::fs::write(&expected_path, &actual).expect("writable .err");
            } else {
                failures.push(format!(
                    "--- {name}\nexpected:\n{expected}actual:\n{actual}"
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ (UPDATE_EXPECT=1 rewrites them):\n{}",
        failures.len(),
        names.len(),
        failures.join("\n")
    );
}
