"""Fannkuch-redux: flip prefixes of every permutation of 1..n.

Stresses small-int list indexing, slicing, reversal and permutation
generation (a counting-based iterative scheme, no itertools).
"""

import sys

# (n, repetitions): n = 10 would take about ten times as long as n = 9.
SIZES = {"tiny": (7, 1), "small": (8, 1), "default": (9, 3)}


def workload_size():
    """Return the workload parameter for sys.argv[1]: a size name or an int."""
    arg = sys.argv[1] if len(sys.argv) > 1 else "default"
    if arg in SIZES:
        return SIZES[arg]
    return int(arg), 1


def count_flips(perm):
    p = perm[:]
    flips = 0
    first = p[0]
    while first:
        # Reverse the prefix p[0..first] in place.
        i = 0
        j = first
        while i < j:
            p[i], p[j] = p[j], p[i]
            i += 1
            j -= 1
        flips += 1
        first = p[0]
    return flips


def fannkuch(n):
    perm = list(range(n))
    counts = [0] * n
    max_flips = 0
    checksum = 0
    sign = 1
    r = n
    while True:
        while r != 1:
            counts[r - 1] = r
            r -= 1
        if perm[0]:
            flips = count_flips(perm)
            if flips > max_flips:
                max_flips = flips
            checksum += flips if sign > 0 else -flips
        sign = -sign
        # Next permutation in the rotation order used by the classic program.
        while True:
            if r == n:
                return checksum, max_flips
            first = perm[0]
            perm[:r] = perm[1:r + 1]
            perm[r] = first
            counts[r] -= 1
            if counts[r] > 0:
                break
            r += 1


def main():
    n, repetitions = workload_size()
    for _ in range(repetitions):
        checksum, max_flips = fannkuch(n)
    print(f"Pfannkuchen({n}) = {max_flips}")
    print(f"checksum: {checksum}")


main()
