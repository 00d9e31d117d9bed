"""Thread scaling: the same CPU-bound pure-Python work in one thread, then split over
several threads.

Each unit of work is an n-body simulation on its own data (no sharing between
threads). The one-thread run does all units in sequence; the N-thread run gives each
thread an equal share. Throughput ratio = one-thread time / N-thread time: close to N
without a global lock, about 1 (or less) with one.

    taipan benchmarks/threads/scaling.py [steps] [threads] [nbody|objects]
    python3 benchmarks/threads/scaling.py [steps] [threads] [nbody|objects]

`objects` is an allocation-heavy unit instead (instances, method calls, dict stores,
str conversions): every thread allocates, so collections (which stop every thread)
weigh on its scaling.

Only `_thread` is used, so the script runs unchanged on CPython, PyPy and Taipan.
"""

import _thread
import sys
import time

WORK = None

PI = 3.141592653589793
SOLAR_MASS = 4.0 * PI * PI
DAYS_PER_YEAR = 365.24
PLANETS = [
    (4.84143144246472090e00, -1.16032004402742839e00, -1.03622044471123109e-01,
     1.66007664274403694e-03, 7.69901118419740425e-03, -6.90460016972063023e-05,
     9.54791938424326609e-04),
    (8.34336671824457987e00, 4.12479856412430479e00, -4.03523417114321381e-01,
     -2.76742510726862411e-03, 4.99852801234917238e-03, 2.30417297573763929e-05,
     2.85885980666130812e-04),
    (1.28943695621391310e01, -1.51111514016986312e01, -2.23307578892655734e-01,
     2.96460137564761618e-03, 2.37847173959480950e-03, -2.96589568540237556e-05,
     4.36624404335156298e-05),
    (1.53796971148509165e01, -2.59193146099879641e01, 1.79258772950371181e-01,
     2.68067772490389322e-03, 1.62824170038242295e-03, -9.51592254519715870e-05,
     5.15138902046611451e-05),
]


def make_bodies():
    bodies = [[0.0, 0.0, 0.0, 0.0, 0.0, 0.0, SOLAR_MASS]]
    for x, y, z, vx, vy, vz, m in PLANETS:
        bodies.append([x, y, z, vx * DAYS_PER_YEAR, vy * DAYS_PER_YEAR,
                       vz * DAYS_PER_YEAR, m * SOLAR_MASS])
    return bodies


def simulate(steps):
    """One unit of work: `steps` steps of a fresh system; returns a checksum."""
    bodies = make_bodies()
    pairs = [(bodies[i], bodies[j])
             for i in range(len(bodies)) for j in range(i + 1, len(bodies))]
    dt = 0.01
    for _ in range(steps):
        for a, b in pairs:
            dx = a[0] - b[0]
            dy = a[1] - b[1]
            dz = a[2] - b[2]
            d2 = dx * dx + dy * dy + dz * dz
            mag = dt / (d2 * d2 ** 0.5)
            bm = b[6] * mag
            am = a[6] * mag
            a[3] -= dx * bm
            a[4] -= dy * bm
            a[5] -= dz * bm
            b[3] += dx * am
            b[4] += dy * am
            b[5] += dz * am
        for body in bodies:
            body[0] += dt * body[3]
            body[1] += dt * body[4]
            body[2] += dt * body[5]
    return bodies[1][0]


class Vec:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def add(self, other):
        return Vec(self.x + other.x, self.y + other.y)


def objects(steps):
    """One allocation-heavy unit of work; returns a checksum."""
    acc = Vec(0, 0)
    seen = {}
    for i in range(steps):
        acc = acc.add(Vec(i, i + 1))
        seen[i % 100] = str(i)
    return acc.x + acc.y + len(seen)


def run_threads(nthreads, units_per_thread, steps):
    results = []
    done = _thread.allocate_lock()
    guard = _thread.allocate_lock()
    remaining = [nthreads]
    done.acquire()

    def worker():
        out = [WORK(steps) for _ in range(units_per_thread)]
        with guard:
            results.extend(out)
            remaining[0] -= 1
            if remaining[0] == 0:
                done.release()

    for _ in range(nthreads):
        _thread.start_new_thread(worker, ())
    done.acquire()
    return results


def main():
    steps = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    nthreads = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    global WORK
    WORK = objects if len(sys.argv) > 3 and sys.argv[3] == "objects" else simulate
    t0 = time.perf_counter()
    sequential = [WORK(steps) for _ in range(nthreads)]
    t1 = time.perf_counter()
    parallel = run_threads(nthreads, 1, steps)
    t2 = time.perf_counter()
    assert sequential == parallel, (sequential, parallel)
    one, many = t1 - t0, t2 - t1
    impl = sys.implementation.name
    print(f"{impl}: {nthreads} units of {steps} steps of {WORK.__name__}")
    print(f"  1 thread:  {one:.3f} s")
    print(f"  {nthreads} threads: {many:.3f} s")
    print(f"  throughput ratio: {one / many:.2f}x")
    print(f"checksum: {sequential[0]!r}")


main()
