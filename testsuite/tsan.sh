#!/usr/bin/env bash
# Runs the thread cases under ThreadSanitizer (needs the nightly toolchain with rust-src:
# `rustup component add rust-src --toolchain nightly`). Not part of CI: the instrumented
# build takes several minutes. Prints one line per case and fails on any TSan report or
# output mismatch.
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET=x86_64-unknown-linux-gnu
RUSTFLAGS="-Zsanitizer=thread" cargo +nightly build -Zbuild-std --target "$TARGET" \
    --release -p cli --no-default-features --target-dir target/tsan
BIN="$PWD/target/tsan/$TARGET/release/taipan"
status=0
for mode in "" 1; do
    for case in testsuite/cases/threads/*.py testsuite/cases/thread_runtime/*.py; do
        name=$(basename "$case" .py)
        dir=$(dirname "$case")
        out=$(cd "$dir" && TAIPAN_GC_STRESS=$mode TSAN_OPTIONS=halt_on_error=0 \
            "$BIN" "$name.py" 2>/tmp/tsan-$name.err) || true
        races=$(grep -c "WARNING: ThreadSanitizer" /tmp/tsan-$name.err || true)
        same=yes
        [ "$out" == "$(cat "$dir/$name.out")" ] || same=no
        echo "${mode:+gc-stress }$case: $races reports, output matches: $same"
        if [ "$races" != 0 ] || [ "$same" != yes ]; then status=1; fi
    done
done
exit $status
