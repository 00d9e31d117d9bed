//! Taipan's benchmark drivers: `bench` is `taipan bench` (the benchmark programs in every
//! execution mode, compared with `python3`), and the helpers below locate `python3`'s real
//! binary (not the pyenv shim, which adds ~60 ms per start) and its standard library for
//! the frontend drivers in `src/bin/`. The crate installs no global allocator, because the
//! `taipan` command links it; each driver binary installs its own.

pub mod bench;

use std::path::PathBuf;
use std::process::Command;

/// The interpreter binary `python3` resolves to (`sys.executable`), if `python3` exists.
pub fn python3_executable() -> Option<PathBuf> {
    let out = Command::new("python3")
        .args(["-c", "import sys; print(sys.executable)"])
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let path = String::from_utf8(out.stdout).ok()?.trim().to_owned();
    (!path.is_empty()).then(|| PathBuf::from(path))
}

/// The standard-library directory of `python3` (`sysconfig.get_paths()["stdlib"]`).
pub fn python3_stdlib(python: &PathBuf) -> Option<PathBuf> {
    let out = Command::new(python)
        .args([
            "-c",
            "import sysconfig; print(sysconfig.get_paths()['stdlib'])",
        ])
        .output()
        .ok()?;
    let path = String::from_utf8(out.stdout).ok()?.trim().to_owned();
    (!path.is_empty()).then(|| PathBuf::from(path))
}

/// Every `.py` file under `dir`, sorted, following no symlinks.
pub fn python_files(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            let path = entry.path();
            if kind.is_dir() {
                stack.push(path);
            } else if kind.is_file() && path.extension().is_some_and(|e| e == "py") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}
