//! Test helpers: reading the expectation tables in this folder.
//!
//! Each `.txt` table is written by `gen.py` from CPython 3.11 (run it with that python
//! from this folder to regenerate); rows are tab-separated, with `\\`, `\t` and `\n`
//! escaped. Rows marked `3.14` in a `*_314.txt` table are hand-written.

/// The rows of a table, skipping blank lines and `#` comments.
pub(crate) fn rows(table: &str) -> Vec<Vec<String>> {
    table
        .lines()
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(|line| line.split('\t').map(unescape).collect())
        .collect()
}

fn unescape(field: &str) -> String {
    let mut out = String::with_capacity(field.len());
    let mut chars = field.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('e') => {}
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// A float written by Python's `repr`.
pub(crate) fn parse_float(text: &str) -> f64 {
    match text {
        "inf" => f64::INFINITY,
        "-inf" => f64::NEG_INFINITY,
        "nan" => f64::NAN,
        "-nan" => -f64::NAN,
        _ => text.parse().unwrap_or_else(|_| panic!("bad float {text}")),
    }
}
