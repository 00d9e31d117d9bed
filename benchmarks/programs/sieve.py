"""Sieve: primes below N by Eratosthenes, three ways.

A slice-assignment sieve over a list of bools, a plain nested-loop sieve,
and a segmented sieve that reuses a small window. Stresses list indexing
and stores, slice assignment, range stepping and integer loops.
"""

import sys

SIZES = {"tiny": 30_000, "small": 500_000, "default": 6_000_000}


def workload_size():
    """Return the workload parameter for sys.argv[1]: a size name or an int."""
    arg = sys.argv[1] if len(sys.argv) > 1 else "default"
    if arg in SIZES:
        return SIZES[arg]
    return int(arg)


def sieve_slices(n):
    flags = [True] * n
    flags[0] = flags[1] = False
    i = 2
    while i * i < n:
        if flags[i]:
            flags[i * i::i] = [False] * len(range(i * i, n, i))
        i += 1
    return [i for i in range(n) if flags[i]]


def sieve_loops(n):
    flags = [True] * n
    flags[0] = flags[1] = False
    for i in range(2, n):
        if i * i >= n:
            break
        if flags[i]:
            for j in range(i * i, n, i):
                flags[j] = False
    count = 0
    for f in flags:
        if f:
            count += 1
    return count


def sieve_segmented(n, segment=8192):
    """Count primes below n using base primes up to sqrt(n) and a reused window."""
    limit = 1
    while limit * limit < n:
        limit += 1
    base = sieve_slices(limit + 1)
    count = 0
    low = 0
    window = [True] * segment
    while low < n:
        high = min(low + segment, n)
        size = high - low
        for k in range(size):
            window[k] = True
        for p in base:
            if p * p >= high:
                break
            start = max(p * p, (low + p - 1) // p * p)
            for m in range(start - low, size, p):
                window[m] = False
        for k in range(size):
            if window[k] and low + k >= 2:
                count += 1
        low = high
    return count


def main():
    n = max(workload_size(), 10)
    primes = sieve_slices(n)
    loop_count = sieve_loops(n)
    segmented_count = sieve_segmented(n)
    if not (len(primes) == loop_count == segmented_count):
        raise AssertionError(f"counts differ: {len(primes)} {loop_count} {segmented_count}")
    twins = 0
    largest_gap = 0
    for a, b in zip(primes, primes[1:]):
        if b - a == 2:
            twins += 1
        if b - a > largest_gap:
            largest_gap = b - a
    total = 0
    for p in primes:
        total += p
    print(f"primes below {n}: {len(primes)}, twin pairs: {twins}, largest gap: {largest_gap}")
    print(f"checksum: {(total * 31 + twins * 7 + largest_gap) % 1_000_000_007}")


main()
