"""Float objects: build many 3-D points, normalise each, then fold a maximum.

Stresses allocation of small float-holding objects, attribute reads and
writes, method calls and float division/sqrt (values come from integer
arithmetic, not math.sin, so every libm gives the same bits).
"""

import math
import sys

SIZES = {"tiny": 5_000, "small": 50_000, "default": 300_000}

ROUNDS = 3


def workload_size():
    """Return the workload parameter for sys.argv[1]: a size name or an int."""
    arg = sys.argv[1] if len(sys.argv) > 1 else "default"
    if arg in SIZES:
        return SIZES[arg]
    return int(arg)


class Point:
    def __init__(self, i):
        t = (i * 7919 % 10_007) / 10_007.0
        self.x = t * 2.0 - 1.0
        self.y = (i * 104_729 % 9_973) / 4_986.5 - 1.0 + 0.25 * t * t
        self.z = 3.0 / (i + 1.5) - t * (1.0 - t)

    def __repr__(self):
        return f"<Point: x={self.x!r}, y={self.y!r}, z={self.z!r}>"

    def normalise(self):
        norm = math.sqrt(self.x * self.x + self.y * self.y + self.z * self.z)
        if norm == 0.0:
            return
        self.x /= norm
        self.y /= norm
        self.z /= norm

    def maximise(self, other):
        self.x = self.x if self.x > other.x else other.x
        self.y = self.y if self.y > other.y else other.y
        self.z = self.z if self.z > other.z else other.z
        return self


def maximum(points):
    it = iter(points)
    best = next(it)
    for p in it:
        best = best.maximise(p)
    return best


def run(n, offset):
    points = [Point(i + offset) for i in range(n)]
    for p in points:
        p.normalise()
    total = 0.0
    for p in points:
        total += p.x - p.y * 0.5 + p.z * 0.25
    return maximum(points), total


def main():
    n = workload_size()
    checksum = 0.0
    best = None
    for round_number in range(ROUNDS):
        best, total = run(n, round_number * 17)
        checksum = checksum * 0.5 + total + best.x + best.y + best.z
    print(best)
    print(f"checksum: {checksum!r}")


main()
