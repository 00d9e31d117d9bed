//! The `taipan` command as a library: argument handling, the developer listings
//! (`taipan ir`, `taipan dis`) and running programs. This crate is the only one that reads
//! argv, the environment and stdio; `main.rs` is a thin wrapper, and the testsuite links
//! this library into its own copy of the command so cases run exactly what users run.
//!
//! A Rust panic anywhere is a bug: it is caught, reported as one line
//! `taipan: internal error: <message>` and turned into exit status 70, never a backtrace.

mod args;
mod commands;

use std::io::Write;
use std::process::ExitCode;

/// Exit status for internal errors (BSD `EX_SOFTWARE`).
const EXIT_INTERNAL_ERROR: u8 = 70;

/// Runs the `taipan` command with the process arguments and returns its exit status.
pub fn main() -> ExitCode {
    // The default hook would print the panic message and a backtrace hint; the message is
    // reported below as one line instead.
    std::panic::set_hook(Box::new(|_| {}));
    let argv: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let status = match std::panic::catch_unwind(|| commands::main(&argv)) {
        Ok(status) => status,
        Err(payload) => {
            let message = payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_else(|| "unknown panic".to_owned());
            let message = message.lines().next().unwrap_or("").to_owned();
            let _ = writeln!(std::io::stderr(), "taipan: internal error: {message}");
            EXIT_INTERNAL_ERROR
        }
    };
    let _ = std::io::stdout().flush();
    ExitCode::from(status)
}
