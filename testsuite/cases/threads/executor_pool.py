# ThreadPoolExecutor: map matches the sequential result; as_completed, wait and
# exception propagation.
import concurrent.futures as cf
import threading
import time
import os


def work(n):
    s = 0
    for i in range(n % 97 + 50):
        s += i * n
    return s


data = list(range(300))
expected = [work(n) for n in data]

with cf.ThreadPoolExecutor(max_workers=6) as ex:
    got = list(ex.map(work, data))
    print("map equals sequential", got == expected)
    print("map with two iterables", list(ex.map(pow, [2, 3, 4], [5, 2, 1])))
    print("map chunksize", list(ex.map(work, data, chunksize=7)) == expected)

    futures = {ex.submit(work, n): n for n in range(40)}
    seen = []
    for fut in cf.as_completed(futures):
        seen.append((futures[fut], fut.result()))
    print("as_completed count", len(seen), sorted(seen) == [(n, work(n)) for n in range(40)])

    fs = [ex.submit(work, n) for n in range(20)]
    done, not_done = cf.wait(fs)
    print("wait ALL_COMPLETED", len(done), len(not_done))
    print("results", sum(f.result() for f in done) == sum(work(n) for n in range(20)))

    gate = threading.Event()
    slow = ex.submit(gate.wait, 5)
    fast = ex.submit(work, 3)
    done, not_done = cf.wait([slow, fast], return_when=cf.FIRST_COMPLETED)
    print("FIRST_COMPLETED", fast in done, slow in not_done)
    gate.set()
    print("slow result", slow.result(timeout=5))

    def boom(x):
        if x == 3:
            raise ValueError(f"bad item {x}")
        return x

    fs = [ex.submit(boom, x) for x in range(6)]
    done, not_done = cf.wait(fs, return_when=cf.FIRST_EXCEPTION)
    print("FIRST_EXCEPTION has failure", any(f.exception() is not None for f in done))
    cf.wait(fs)
    print("exceptions", [type(f.exception()).__name__ if f.exception() else None for f in fs])
    try:
        fs[3].result()
    except ValueError as e:
        print("result() raised", type(e).__name__, e)

    try:
        list(ex.map(boom, range(6)))
    except ValueError as e:
        print("map raised", e)

    it = ex.map(boom, [0, 1, 2])
    print("lazy map", next(it), list(it))

    def sleepy(x):
        time.sleep(x)
        return x

    try:
        list(ex.map(sleepy, [0, 1.5], timeout=0.3))
    except cf.TimeoutError as e:
        print("map timeout", type(e).__name__, e is not None, cf.TimeoutError is TimeoutError)

    f = ex.submit(sleepy, 1.0)
    try:
        f.result(timeout=0.05)
    except TimeoutError:
        print("result timeout")
    done, not_done = cf.wait([f], timeout=0.05)
    print("wait timeout", len(done), len(not_done))
    try:
        for _ in cf.as_completed([f], timeout=0.05):
            pass
    except TimeoutError as e:
        print("as_completed timeout:", e)
    print("eventually", f.result())

print("after shutdown")
try:
    ex.submit(work, 1)
except RuntimeError as e:
    print("RuntimeError:", e)

# thread names, max_workers default, nested submission
names = set()
pair = threading.Barrier(2, timeout=10)


def in_pairs(_):
    # Each task waits for a partner, so both workers must be running.
    names.add(threading.current_thread().name)
    pair.wait()


with cf.ThreadPoolExecutor(max_workers=2, thread_name_prefix="pool") as ex:
    list(ex.map(in_pairs, range(8)))
print("names", sorted(names))
ex = cf.ThreadPoolExecutor()
import os
print("default max_workers", ex._max_workers == min(32, (os.cpu_count() or 1) + 4))
ex.shutdown()
try:
    cf.ThreadPoolExecutor(max_workers=0)
except ValueError as e:
    print("ValueError:", e)

# shutdown(cancel_futures=True)
ex = cf.ThreadPoolExecutor(max_workers=1)
gate = threading.Event()
running = threading.Event()
first = ex.submit(lambda: running.set() or gate.wait(5))
rest = [ex.submit(work, n) for n in range(5)]
running.wait()
threading.Timer(0.1, gate.set).start()
ex.shutdown(wait=True, cancel_futures=True)
print("first", first.result(), "cancelled", [f.cancelled() for f in rest])
