"""Times CPython's compile() over the files named on stdin (one path per line).

Reads every file first so only compilation is timed, exactly as the Rust side does.
Prints: files, lines, accepted, seconds, then the best time of `ast.parse` alone over the
same files (CPython's own parser, for reference beside Taipan's parser-only figure).
"""
import ast
import sys
import time
import warnings

warnings.simplefilter("ignore")
paths = [line.rstrip("\n") for line in sys.stdin if line.strip()]
sources = []
for path in paths:
    with open(path, "rb") as f:
        sources.append((path, f.read()))
lines = sum(src.count(b"\n") for _, src in sources)
best = None
for _ in range(int(sys.argv[1]) if len(sys.argv) > 1 else 1):
    accepted = 0
    start = time.perf_counter()
    for path, src in sources:
        try:
            compile(src, path, "exec", dont_inherit=True)
            accepted += 1
        except (SyntaxError, ValueError, UnicodeDecodeError, OverflowError, MemoryError, RecursionError):
            pass
    elapsed = time.perf_counter() - start
    best = elapsed if best is None else min(best, elapsed)
best_parse = None
for _ in range(int(sys.argv[1]) if len(sys.argv) > 1 else 1):
    start = time.perf_counter()
    for path, src in sources:
        try:
            ast.parse(src, path)
        except (SyntaxError, ValueError, UnicodeDecodeError, OverflowError, MemoryError, RecursionError):
            pass
    elapsed = time.perf_counter() - start
    best_parse = elapsed if best_parse is None else min(best_parse, elapsed)
print(len(sources), lines, accepted, best, best_parse)
