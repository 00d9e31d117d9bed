//! Execution modes and how each is found on this machine. A mode that cannot run here (no
//! `pypy3`, no JIT built yet) is skipped with a note rather than failing the run.
//!
//! `python3` and `pypy3` run the interpreter binary itself, found once through
//! `sys.executable`: on a pyenv machine `python3` on PATH is a shell shim that adds about
//! 60 ms to every start, which would swamp short programs.

use std::fmt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// One way of running a program. `ALL` is the one table of modes; names, order and the
/// default selection derive from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mode {
    /// The `taipan` executable running bytecode (tier 1).
    Interp,
    /// The same executable with `PYTHON_JIT=1`.
    Jit,
    /// Programs compiled ahead of time by `taipan build`.
    Aot,
    /// CPython, the reference for ratios and checksums.
    Python3,
    Pypy3,
}

impl Mode {
    /// Every mode, in the order of the table's columns.
    pub const ALL: [Mode; 5] = [
        Mode::Interp,
        Mode::Jit,
        Mode::Aot,
        Mode::Python3,
        Mode::Pypy3,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Mode::Interp => "interp",
            Mode::Jit => "jit",
            Mode::Aot => "aot",
            Mode::Python3 => "python3",
            Mode::Pypy3 => "pypy3",
        }
    }

    pub fn from_name(name: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.name() == name)
    }

    /// Parses a comma-separated list such as `interp,python3`, keeping the given order and
    /// dropping repeats.
    pub fn parse_list(text: &str) -> Result<Vec<Mode>, String> {
        let mut modes = Vec::new();
        for name in text.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            let Some(mode) = Mode::from_name(name) else {
                let known: Vec<&str> = Mode::ALL.iter().map(|m| m.name()).collect();
                return Err(format!(
                    "unknown mode '{name}' (modes: {})",
                    known.join(", ")
                ));
            };
            if !modes.contains(&mode) {
                modes.push(mode);
            }
        }
        if modes.is_empty() {
            return Err("--modes needs at least one mode".to_owned());
        }
        Ok(modes)
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A mode that can run here: the command line prefix a program path and size follow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Runnable {
    pub mode: Mode,
    pub executable: PathBuf,
    /// Environment variables set for this mode only.
    pub env: Vec<(&'static str, &'static str)>,
    /// What ran, for the report: the binary and its version.
    pub description: String,
}

/// What resolving a mode found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    Ready(Runnable),
    Skipped { mode: Mode, note: String },
}

/// Variables that select Taipan's tier or GC mode; they are cleared for every run so the
/// user's shell cannot change what a mode measures.
pub const CLEARED_ENV: [&str; 2] = ["PYTHON_JIT", "TAIPAN_GC_STRESS"];

/// Finds how to run `mode` on this machine. `taipan` is the taipan executable (the running
/// one, for `taipan bench`).
pub fn resolve(mode: Mode, taipan: &Path) -> Resolution {
    let skipped = |note: String| Resolution::Skipped { mode, note };
    match mode {
        Mode::Interp => Resolution::Ready(Runnable {
            mode,
            executable: taipan.to_path_buf(),
            env: vec![("PYTHON_JIT", "0")],
            description: format!("{} ({})", taipan.display(), taipan_version(taipan)),
        }),
        Mode::Jit => {
            // Asking the executable keeps this right when the JIT lands: `sys._jit` is
            // CPython 3.14's interface for it, and a build without a JIT has no such module
            // or answers False.
            let probe = output_of(
                Command::new(taipan)
                    .args(["-c", "import sys; print(sys._jit.is_available())"])
                    .env("PYTHON_JIT", "1"),
            );
            if probe.as_deref().map(str::trim) == Some("True") {
                Resolution::Ready(Runnable {
                    mode,
                    executable: taipan.to_path_buf(),
                    env: vec![("PYTHON_JIT", "1")],
                    description: format!("{} with PYTHON_JIT=1", taipan.display()),
                })
            } else {
                skipped("the JIT is not built yet (sys._jit.is_available() is not True)".into())
            }
        }
        // When `taipan build` exists, this mode compiles each program once into the output
        // directory before the timed runs and runs the executables.
        Mode::Aot => skipped("the AOT compiler (`taipan build`) does not exist yet".into()),
        Mode::Python3 | Mode::Pypy3 => match probe_python(mode.name()) {
            Some((executable, version)) => Resolution::Ready(Runnable {
                mode,
                description: format!("{} ({version})", executable.display()),
                executable,
                env: Vec::new(),
            }),
            None => skipped(format!("{} was not found on PATH", mode.name())),
        },
    }
}

/// The real binary behind `command` on PATH (`sys.executable`) and its implementation and
/// version, e.g. `cpython 3.11.7`.
fn probe_python(command: &str) -> Option<(PathBuf, String)> {
    let script = "import sys; print(sys.executable); \
                  print(sys.implementation.name, '.'.join(map(str, sys.version_info[:3])))";
    let text = output_of(Command::new(command).args(["-c", script]))?;
    let mut lines = text.lines();
    let executable = PathBuf::from(lines.next()?.trim());
    let version = lines.next().unwrap_or("").trim().to_owned();
    executable.is_file().then_some((executable, version))
}

fn taipan_version(taipan: &Path) -> String {
    output_of(Command::new(taipan).arg("-V"))
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "version unknown".to_owned())
}

/// The stdout of a command that succeeded, or `None`.
fn output_of(command: &mut Command) -> Option<String> {
    for name in CLEARED_ENV {
        command.env_remove(name);
    }
    let out = command
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    String::from_utf8(out.stdout).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_mode_lists() {
        assert_eq!(
            Mode::parse_list("interp,python3"),
            Ok(vec![Mode::Interp, Mode::Python3])
        );
        assert_eq!(
            Mode::parse_list("pypy3, interp,pypy3"),
            Ok(vec![Mode::Pypy3, Mode::Interp])
        );
        assert_eq!(
            Mode::parse_list("interp,cython"),
            Err("unknown mode 'cython' (modes: interp, jit, aot, python3, pypy3)".into())
        );
        assert!(Mode::parse_list(",").is_err());
        for mode in Mode::ALL {
            assert_eq!(Mode::from_name(mode.name()), Some(mode));
        }
    }

    #[test]
    fn missing_interpreters_are_skipped_with_a_note() {
        let aot = resolve(Mode::Aot, Path::new("/nonexistent/taipan"));
        assert!(matches!(
            aot,
            Resolution::Skipped {
                mode: Mode::Aot,
                ..
            }
        ));
        let jit = resolve(Mode::Jit, Path::new("/nonexistent/taipan"));
        assert!(matches!(
            jit,
            Resolution::Skipped {
                mode: Mode::Jit,
                ..
            }
        ));
        assert_eq!(probe_python("/nonexistent/python3"), None);
    }
}
