//! The `taipan` executable (the command itself lives in the `cli` library).

/// mimalloc instead of glibc's malloc: compiling allocates many small, short-lived
/// objects, and glibc's malloc spent a quarter of the frontend's time on them
/// (`benchmarks/results/*-compile-stdlib.md`). Linking the crate is enough: built with its
/// `override` feature, it provides `malloc` itself, which Rust's default allocator calls.
/// Without the `mimalloc` feature (ThreadSanitizer runs, which must see every allocation)
/// glibc's allocator stays.
#[cfg(feature = "mimalloc")]
use mimalloc as _;

fn main() -> std::process::ExitCode {
    cli::main()
}
