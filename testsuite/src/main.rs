//! The `taipan` command, linked into this crate so the case harness runs exactly what
//! users run (`CARGO_BIN_EXE_taipan-testsuite` is this binary).

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
