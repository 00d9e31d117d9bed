//! The `taipan` command, linked into this crate so the case harness runs exactly what
//! users run (`CARGO_BIN_EXE_taipan-testsuite` is this binary).

/// The same allocator as `taipan` (see `cli/src/main.rs`): linking mimalloc replaces
/// `malloc`.
use mimalloc as _;

fn main() -> std::process::ExitCode {
    cli::main()
}
