"""Mandelbrot: escape-time iteration counts over a grid of the complex plane.

Stresses float multiply/add/compare in a tight while loop (no complex type,
so the loop is pure float arithmetic on locals).
"""

import sys

SIZES = {"tiny": 40, "small": 200, "default": 560}

MAX_ITER = 100


def workload_size():
    """Return the workload parameter for sys.argv[1]: a size name or an int."""
    arg = sys.argv[1] if len(sys.argv) > 1 else "default"
    if arg in SIZES:
        return SIZES[arg]
    return int(arg)


def escape_count(cr, ci, limit):
    zr = zi = 0.0
    zr2 = zi2 = 0.0
    n = 0
    while n < limit and zr2 + zi2 <= 4.0:
        zi = 2.0 * zr * zi + ci
        zr = zr2 - zi2 + cr
        zr2 = zr * zr
        zi2 = zi * zi
        n += 1
    return n


def render(size):
    """Return one row of escape counts per line of a size x size grid."""
    rows = []
    for y in range(size):
        ci = -1.25 + 2.5 * y / size
        row = []
        for x in range(size):
            cr = -2.0 + 2.75 * x / size
            row.append(escape_count(cr, ci, MAX_ITER))
        rows.append(row)
    return rows


def main():
    size = workload_size()
    rows = render(size)
    inside = 0
    total = 0
    checksum = 0
    for y, row in enumerate(rows):
        for x, n in enumerate(row):
            total += n
            if n == MAX_ITER:
                inside += 1
            checksum = (checksum * 31 + n * (x + 1) + y) % 1_000_000_007
    print(f"grid {size}x{size}, inside {inside}, iterations {total}")
    print(f"checksum: {checksum}")


main()
