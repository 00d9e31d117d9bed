//! End to end: `taipan bench` runs the `startup` program in the interpreter and in
//! `python3`, prints the report and writes the results files. Nothing here looks at a time:
//! CI machines are too noisy for that, and the numbers are not what is being tested.

use std::path::PathBuf;
use std::process::Command;

#[test]
fn bench_startup_end_to_end() {
    let out = std::env::temp_dir().join(format!("taipan-bench-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let result = Command::new(env!("CARGO_BIN_EXE_taipan"))
        .args([
            "bench",
            "startup",
            "--runs",
            "1",
            "--size",
            "tiny",
            "--modes",
            "interp,python3",
            "--out",
        ])
        .arg(&out)
        .output()
        .expect("run taipan bench");
    let stdout = String::from_utf8_lossy(&result.stdout);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(
        result.status.success(),
        "status {:?}\nstdout:\n{stdout}\nstderr:\n{stderr}",
        result.status
    );
    let written: Vec<PathBuf> = std::fs::read_dir(&out)
        .expect("the output directory exists")
        .map(|e| e.expect("directory entry").path())
        .collect();
    let report = written
        .iter()
        .find(|p| p.extension().is_some_and(|e| e == "md"))
        .expect("a Markdown report");
    let text = std::fs::read_to_string(report).expect("read the report");
    // The report printed is the report written.
    assert_eq!(text, stdout);
    assert!(text.contains("- interp: "), "{text}");
    assert!(text.contains("| startup | interp |"), "{text}");
    assert!(
        text.contains("None: every run exited 0 and every checksum agrees."),
        "{text}"
    );
    let has_python = text.contains("| startup | python3 |");
    if has_python {
        assert!(text.contains("| **geometric mean** |"), "{text}");
        let chart = written
            .iter()
            .find(|p| p.extension().is_some_and(|e| e == "svg"))
            .expect("an SVG chart");
        let svg = std::fs::read_to_string(chart).expect("read the chart");
        assert!(svg.starts_with("<svg") && svg.contains("startup"), "{svg}");
    } else {
        // No python3 on this machine: the mode is skipped with a note, and without it
        // there is nothing to chart.
        assert!(
            text.contains("- python3: skipped, python3 was not found on PATH"),
            "{text}"
        );
    }
    let _ = std::fs::remove_dir_all(&out);
}
