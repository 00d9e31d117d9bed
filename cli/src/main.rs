//! The `taipan` executable (the command itself lives in the `cli` library).

/// mimalloc instead of the system allocator: compiling allocates many small, short-lived
/// objects, and glibc's malloc spent a quarter of the frontend's time on them
/// (`benchmarks/results/*-compile-stdlib.md`). The `system-alloc` feature keeps the system
/// allocator, for ThreadSanitizer runs (which must see every allocation).
#[cfg(not(feature = "system-alloc"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
