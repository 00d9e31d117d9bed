"""Chaos game: iterated function systems drawn into a hit-count grid.

Stresses small objects and method calls (transforms are callable objects
that return new Point instances), float arithmetic, and a hand-written
Lehmer random number generator (no random module, so every implementation
draws the same sequence).
"""

import math
import sys

SIZES = {"tiny": 8_000, "small": 150_000, "default": 900_000}

GRID = 128


def workload_size():
    """Return the workload parameter for sys.argv[1]: a size name or an int."""
    arg = sys.argv[1] if len(sys.argv) > 1 else "default"
    if arg in SIZES:
        return SIZES[arg]
    return int(arg)


class Lehmer:
    """MINSTD: x' = 48271 x mod (2^31 - 1); products stay below 2^47."""

    MODULUS = 2_147_483_647

    def __init__(self, seed):
        self.state = seed % self.MODULUS or 1

    def next_int(self):
        self.state = self.state * 48271 % self.MODULUS
        return self.state

    def uniform(self):
        return self.next_int() / self.MODULUS


class Point:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


class Affine:
    """x' = a x + b y + e, y' = c x + d y + f."""

    def __init__(self, a, b, c, d, e, f, weight):
        self.a, self.b, self.c, self.d, self.e, self.f = a, b, c, d, e, f
        self.weight = weight

    def __call__(self, p):
        return Point(self.a * p.x + self.b * p.y + self.e,
                     self.c * p.x + self.d * p.y + self.f)


class Spherical(Affine):
    """An affine map followed by the spherical variation p / |p|^2."""

    def __call__(self, p):
        q = super().__call__(p)
        r2 = q.x * q.x + q.y * q.y + 1e-9
        return Point(q.x / r2, q.y / r2)


class Horseshoe(Affine):
    """An affine map followed by the horseshoe variation."""

    def __call__(self, p):
        q = super().__call__(p)
        r = math.sqrt(q.x * q.x + q.y * q.y) + 1e-9
        return Point((q.x - q.y) * (q.x + q.y) / r, 2.0 * q.x * q.y / r)


class System:
    def __init__(self, name, maps):
        self.name = name
        self.maps = maps
        total = 0.0
        self.cumulative = []
        for m in maps:
            total += m.weight
            self.cumulative.append(total)
        self.total = total

    def choose(self, rng):
        pick = rng.uniform() * self.total
        for m, limit in zip(self.maps, self.cumulative):
            if pick < limit:
                return m
        return self.maps[-1]


class Canvas:
    def __init__(self, size):
        self.size = size
        self.counts = [[0] * size for _ in range(size)]
        self.min_x = self.min_y = -1.0
        self.span = 2.0

    def fit(self, points):
        """Frame the canvas around a sample of points."""
        xs = [p.x for p in points]
        ys = [p.y for p in points]
        self.min_x, self.min_y = min(xs), min(ys)
        self.span = max(max(xs) - self.min_x, max(ys) - self.min_y) * 1.0001 + 1e-12

    def plot(self, p):
        col = int((p.x - self.min_x) / self.span * self.size)
        row = int((p.y - self.min_y) / self.span * self.size)
        if 0 <= row < self.size and 0 <= col < self.size:
            self.counts[row][col] += 1
            return True
        return False


def run(system, iterations, seed):
    rng = Lehmer(seed)
    p = Point(rng.uniform(), rng.uniform())
    # Let the orbit settle onto the attractor, then frame it.
    warmup = []
    for i in range(2000):
        p = system.choose(rng)(p)
        if i >= 100:
            warmup.append(p)
    canvas = Canvas(GRID)
    canvas.fit(warmup)
    plotted = 0
    for _ in range(iterations):
        p = system.choose(rng)(p)
        if canvas.plot(p):
            plotted += 1
    return canvas, plotted


def systems():
    fern = System("fern", [
        Affine(0.0, 0.0, 0.0, 0.16, 0.0, 0.0, 0.01),
        Affine(0.85, 0.04, -0.04, 0.85, 0.0, 1.6, 0.85),
        Affine(0.2, -0.26, 0.23, 0.22, 0.0, 1.6, 0.07),
        Affine(-0.15, 0.28, 0.26, 0.24, 0.0, 0.44, 0.07),
    ])
    triangle = System("triangle", [
        Affine(0.5, 0.0, 0.0, 0.5, 0.0, 0.0, 1.0),
        Affine(0.5, 0.0, 0.0, 0.5, 0.5, 0.0, 1.0),
        Affine(0.5, 0.0, 0.0, 0.5, 0.25, 0.5, 1.0),
    ])
    flame = System("flame", [
        Spherical(0.6, -0.3, 0.3, 0.6, 0.2, 0.1, 1.0),
        Horseshoe(0.5, 0.4, -0.4, 0.5, -0.3, 0.2, 1.5),
        Affine(-0.4, 0.1, -0.1, -0.4, 0.6, -0.4, 0.7),
    ])
    return [fern, triangle, flame]


def main():
    iterations = workload_size()
    checksum = 0
    for index, system in enumerate(systems()):
        canvas, plotted = run(system, iterations // 3, 12345 + index)
        covered = 0
        fold = 0
        for row in canvas.counts:
            for count in row:
                if count:
                    covered += 1
                fold = (fold * 31 + count) % 1_000_000_007
        print(f"{system.name}: {plotted} points plotted, {covered} cells covered")
        checksum = (checksum * 1_000_003 + fold) % 1_000_000_007
    print(f"checksum: {checksum}")


main()
