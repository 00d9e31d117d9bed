//! The interactive loop, driven through `taipan -i` with piped input: results on stdout,
//! prompts, banner and tracebacks on stderr, as python3's basic REPL.

use std::io::Write;
use std::process::{Command, Stdio};

fn repl(input: &str) -> (String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_taipan"))
        .arg("-i")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn taipan");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write input");
    let out = child.wait_with_output().expect("wait");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn expressions_statements_and_blocks() {
    let (out, err) = repl("1+1\nx = 5\nif x:\n    print('yes')\n\nx\n[1,\n2]\nNone\n_\n");
    assert_eq!(out, "2\nyes\n5\n[1, 2]\n[1, 2]\n");
    assert!(err.starts_with("Taipan "), "{err}");
    assert!(err.contains(">>> ") && err.contains("... "), "{err}");
}

#[test]
fn errors_print_tracebacks_and_continue() {
    let (out, err) = repl("1/0\nprint('after')\n");
    assert_eq!(out, "after\n");
    assert!(err.contains("Traceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\nZeroDivisionError: division by zero\n"), "{err}");
}
