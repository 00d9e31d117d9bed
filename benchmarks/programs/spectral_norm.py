"""Spectral norm: power iteration on the infinite matrix A(i, j) = 1/((i+j)(i+j+1)/2 + i + 1).

Stresses float division and multiply-accumulate loops over lists, plus
small function calls in the innermost loop.
"""

import math
import sys

SIZES = {"tiny": 40, "small": 200, "default": 500}


def workload_size():
    """Return the workload parameter for sys.argv[1]: a size name or an int."""
    arg = sys.argv[1] if len(sys.argv) > 1 else "default"
    if arg in SIZES:
        return SIZES[arg]
    return int(arg)


def matrix_entry(i, j):
    s = i + j
    return 1.0 / (s * (s + 1) // 2 + i + 1)


def times(v, n):
    """Return A v."""
    out = []
    for i in range(n):
        acc = 0.0
        for j in range(n):
            acc += matrix_entry(i, j) * v[j]
        out.append(acc)
    return out


def times_transposed(v, n):
    """Return A^T v."""
    out = []
    for i in range(n):
        acc = 0.0
        for j in range(n):
            acc += matrix_entry(j, i) * v[j]
        out.append(acc)
    return out


def times_ata(v, n):
    return times_transposed(times(v, n), n)


def dot(a, b):
    # An explicit loop: sum() of floats rounds differently from 3.12 on.
    acc = 0.0
    for x, y in zip(a, b):
        acc += x * y
    return acc


def main():
    n = workload_size()
    u = [1.0] * n
    v = u
    for _ in range(10):
        v = times_ata(u, n)
        u = times_ata(v, n)
    norm = math.sqrt(dot(u, v) / dot(v, v))
    print(f"n = {n}")
    print(f"norm: {norm:.9f}")
    print(f"checksum: {norm!r}")


main()
