"""Unpacking: tuple/list unpacking in assignments, loops, calls and literals.

Stresses UNPACK_SEQUENCE-style paths (tuples, lists, starred targets,
nested targets), swaps, multiple return values, *args/**kwargs spreading
and starred expressions in list, tuple, set and dict displays.
"""

import sys

SIZES = {"tiny": 5_000, "small": 50_000, "default": 300_000}

MOD = 1_000_000_007


def workload_size():
    """Return the workload parameter for sys.argv[1]: a size name or an int."""
    arg = sys.argv[1] if len(sys.argv) > 1 else "default"
    if arg in SIZES:
        return SIZES[arg]
    return int(arg)


def divmod_pair(a, b):
    return a // b, a % b


def stats(*values):
    lo, *middle, hi = sorted(values)
    return lo, hi, len(middle)


def keyword_sum(a, b, c=0, **rest):
    total = a + 2 * b + 3 * c
    for k, v in sorted(rest.items()):
        total += len(k) * v
    return total


def swaps(n):
    a, b, c, d = 1, 2, 3, 4
    for i in range(n):
        a, b = b, a
        b, c, d = d, b, c
        a, b, c, d = d + (i & 3), a, b, c
        if a > 1_000_000:
            a, b, c, d = 1, 2, 3, 4
    return a * 1000 + b * 100 + c * 10 + d


def records(n):
    rows = [(i, (i * 3 % 17, i * 5 % 19), [i % 7, i % 11, i % 13]) for i in range(n)]
    acc = 0
    for ident, (x, y), [p, q, r] in rows:
        acc = (acc * 31 + ident + x * y + p - q + r) % MOD
    for first, *rest in rows[: n // 4]:
        acc = (acc + first + len(rest)) % MOD
    for *init, last in rows[: n // 4]:
        acc = (acc + last[0] + len(init)) % MOD
    return acc


def fibonacci_pairs(n):
    acc = 0
    a, b = 0, 1
    for _ in range(n):
        a, b = b, (a + b) % MOD
        q, r = divmod_pair(b, 1000)
        acc = (acc + q ^ r) % MOD
    return acc


def calls(n):
    acc = 0
    args = (1, 2)
    options = {"c": 3, "extra": 4, "zz": 5}
    for i in range(n // 2):
        values = (i % 10, (i * 7) % 10, (i * 3) % 10, 5)
        lo, hi, middle = stats(*values)
        acc = (acc + lo * 100 + hi * 10 + middle) % MOD
        acc = (acc + keyword_sum(*args, **options) + keyword_sum(i, *args[1:], extra=i)) % MOD
    return acc


def displays(n):
    acc = 0
    base = [1, 2, 3]
    more = (4, 5)
    mapping = {"a": 1, "b": 2}
    for i in range(n // 2):
        combined = [*base, i, *more]
        as_tuple = (*more, *base, i & 7)
        merged = {**mapping, "c": i, **{"a": i & 15}}
        distinct = {*base, *more, i % 9}
        head, second, *_ = combined
        acc = (acc + head + second + len(combined) + as_tuple[-1] + merged["a"]
               + merged["c"] % 97 + len(distinct)) % MOD
    return acc


def dict_items(n):
    table = {f"k{i}": (i, i * i % 1000) for i in range(512)}
    acc = 0
    for _ in range(n // 512 + 1):
        for key, (small, square) in table.items():
            acc = (acc + small * 3 + square + len(key)) % MOD
    pairs = list(zip(range(n // 4), range(n // 4, 0, -1)))
    for (a, b), (c, d) in zip(pairs, pairs[1:]):
        acc = (acc + a * d - b * c) % MOD
    return acc


def main():
    n = workload_size()
    results = [swaps(n), records(n), fibonacci_pairs(n), calls(n), displays(n), dict_items(n)]
    print("results: " + " ".join(str(r) for r in results))
    checksum = 0
    for r in results:
        checksum = (checksum * 1_000_003 + r) % (1 << 61)
    print(f"checksum: {checksum}")


main()
