# Event, Semaphore and BoundedSemaphore.
import threading
import time

ev = threading.Event()
print("initial", ev.is_set(), ev.wait(0.01), ev.wait(timeout=0))
results = []


def waiter(i):
    results.append((i, ev.wait()))


ts = [threading.Thread(target=waiter, args=(i,)) for i in range(5)]
for t in ts:
    t.start()
time.sleep(0.05)
ev.set()
for t in ts:
    t.join()
print("waiters", sorted(results))
print("set", ev.is_set(), ev.wait(), ev.wait(0))
ev.clear()
print("cleared", ev.is_set(), ev.wait(0.01))
threading.Timer(0.05, ev.set).start()
print("wait with timeout until set", ev.wait(5))

# Semaphore limits concurrency
sem = threading.Semaphore(3)
lock = threading.Lock()
inside = 0
peak = 0


def limited():
    global inside, peak
    with sem:
        with lock:
            inside += 1
            peak = max(peak, inside)
        time.sleep(0.01)
        with lock:
            inside -= 1


ts = [threading.Thread(target=limited) for _ in range(12)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("peak <= 3", peak <= 3, "inside", inside)

s = threading.Semaphore(0)
print("non-blocking on 0", s.acquire(blocking=False), s.acquire(timeout=0.01))
s.release(2)
print("after release(2)", s.acquire(), s.acquire(False), s.acquire(False))
try:
    s.release(0)
except ValueError as e:
    print("ValueError:", e)
try:
    s.acquire(False, 1)
except ValueError as e:
    print("ValueError:", e)
try:
    threading.Semaphore(-1)
except ValueError as e:
    print("ValueError:", e)

b = threading.BoundedSemaphore(2)
b.acquire()
b.release()
try:
    b.release()
except ValueError as e:
    print("ValueError:", e)
b.acquire()
b.acquire()
print("bounded exhausted", b.acquire(blocking=False))
b.release(2)
try:
    b.release()
except ValueError as e:
    print("ValueError:", e)


# Semaphore handing off between threads
s = threading.Semaphore(0)
order = []


def post():
    for i in range(5):
        order.append(i)
        s.release()


t = threading.Thread(target=post)
t.start()
for _ in range(5):
    s.acquire()
t.join()
print("semaphore handoff", order)
