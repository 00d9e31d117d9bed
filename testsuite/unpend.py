#!/usr/bin/env python3
"""Removes from testsuite/PENDING every case the harness reported as FIXED.

Usage: cargo test -p testsuite --test cases 2>&1 | python3 testsuite/unpend.py
(combine with TAIPAN_CASES / TAIPAN_CASE_MODES filters to update only some areas).
"""
import pathlib, re, sys

pending = pathlib.Path(__file__).with_name("PENDING")
fixed = set()
for line in sys.stdin:
    sys.stdout.write(line)
    m = re.match(r"FIXED (.+?): passes now", line)
    if m:
        fixed.add(m.group(1))
lines = pending.read_text().splitlines(keepends=True)
kept = [l for l in lines if l.strip() not in fixed]
pending.write_text("".join(kept))
print(f"unpend: removed {len(lines) - len(kept)} entries from {pending}")
