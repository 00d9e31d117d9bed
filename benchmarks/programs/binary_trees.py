"""Binary trees: allocate and walk many short-lived complete binary trees
while one long-lived tree stays reachable.

Stresses the allocator and the garbage collector (millions of small
objects that die young), recursion and attribute access.
"""

import sys

SIZES = {"tiny": 8, "small": 12, "default": 14}

MIN_DEPTH = 4


def workload_size():
    """Return the workload parameter for sys.argv[1]: a size name or an int."""
    arg = sys.argv[1] if len(sys.argv) > 1 else "default"
    if arg in SIZES:
        return SIZES[arg]
    return int(arg)


class Node:
    def __init__(self, left, right):
        self.left = left
        self.right = right


def build(depth):
    if depth == 0:
        return Node(None, None)
    depth -= 1
    return Node(build(depth), build(depth))


def check(node):
    """Count the nodes of a tree."""
    if node.left is None:
        return 1
    return 1 + check(node.left) + check(node.right)


def main():
    max_depth = max(MIN_DEPTH + 2, workload_size())
    checksum = 0
    stretch = check(build(max_depth + 1))
    print(f"stretch tree of depth {max_depth + 1}\t check: {stretch}")
    checksum += stretch
    long_lived = build(max_depth)
    for depth in range(MIN_DEPTH, max_depth + 1, 2):
        iterations = 1 << (max_depth - depth + MIN_DEPTH)
        total = 0
        for _ in range(iterations):
            total += check(build(depth))
        print(f"{iterations}\t trees of depth {depth}\t check: {total}")
        checksum = checksum * 7 + total
    lived = check(long_lived)
    print(f"long lived tree of depth {max_depth}\t check: {lived}")
    print(f"checksum: {(checksum * 7 + lived) % 1_000_000_007}")


main()
