"""N-queens: enumerate every placement of n non-attacking queens.

Stresses recursive generators (yield from), set membership on small ints,
and tuple building; the checksum folds every solution in order.
"""

import sys

SIZES = {"tiny": 6, "small": 10, "default": 12}


def workload_size():
    """Return the workload parameter for sys.argv[1]: a size name or an int."""
    arg = sys.argv[1] if len(sys.argv) > 1 else "default"
    if arg in SIZES:
        return SIZES[arg]
    return int(arg)


def place(n, row, columns, diagonals, anti_diagonals, placed):
    """Yield each solution extending `placed` (the columns of rows 0..row-1)."""
    if row == n:
        yield tuple(placed)
        return
    for col in range(n):
        if col in columns or (row - col) in diagonals or (row + col) in anti_diagonals:
            continue
        columns.add(col)
        diagonals.add(row - col)
        anti_diagonals.add(row + col)
        placed.append(col)
        yield from place(n, row + 1, columns, diagonals, anti_diagonals, placed)
        placed.pop()
        columns.discard(col)
        diagonals.discard(row - col)
        anti_diagonals.discard(row + col)


def solutions(n):
    return place(n, 0, set(), set(), set(), [])


def is_valid(solution):
    """Independent check by brute force over all pairs."""
    n = len(solution)
    for i in range(n):
        for j in range(i + 1, n):
            if solution[i] == solution[j] or abs(solution[i] - solution[j]) == j - i:
                return False
    return True


def main():
    n = workload_size()
    checksum = 0
    count = 0
    for sol in solutions(n):
        count += 1
        weight = 0
        for col in sol:
            weight = weight * n + col
        checksum = (checksum * 1_000_003 + weight) % (1 << 61)
    valid = all(is_valid(s) for s in solutions(n))
    first = next(solutions(n), None)
    print(f"{n}-queens: {count} solutions, all valid: {valid}")
    print(f"first: {first}")
    print(f"checksum: {checksum}")


main()
