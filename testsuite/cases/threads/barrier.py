# Barrier: indices, action, reuse, abort/reset and BrokenBarrierError.
import threading
import time

N = 5
actions = []
b = threading.Barrier(N, action=lambda: actions.append("tripped"))
print("parties", b.parties, "n_waiting", b.n_waiting, "broken", b.broken)
indices = []
lock = threading.Lock()
phase_log = []


def worker(i):
    for phase in range(3):
        idx = b.wait()
        with lock:
            indices.append((phase, idx))
            phase_log.append(phase)


ts = [threading.Thread(target=worker, args=(i,)) for i in range(N)]
for t in ts:
    t.start()
for t in ts:
    t.join()
for phase in range(3):
    print("phase", phase, sorted(i for p, i in indices if p == phase))
print("actions", actions)
print("broken", b.broken)

# timeout breaks the barrier
b2 = threading.Barrier(3)
errors = []


def lonely():
    try:
        b2.wait(timeout=0.05)
    except threading.BrokenBarrierError as e:
        errors.append(type(e).__name__)


t = threading.Thread(target=lonely)
t.start()
t.join()
print("timeout:", errors, "broken", b2.broken)
try:
    b2.wait()
except threading.BrokenBarrierError:
    print("wait on broken barrier raises BrokenBarrierError")
print("is RuntimeError", issubclass(threading.BrokenBarrierError, RuntimeError))
b2.reset()
print("after reset broken", b2.broken)

# abort wakes the waiters
b3 = threading.Barrier(3)
errors = []
started = threading.Semaphore(0)


def waits():
    started.release()
    try:
        b3.wait()
    except threading.BrokenBarrierError:
        errors.append("broken")


ts = [threading.Thread(target=waits) for _ in range(2)]
for t in ts:
    t.start()
started.acquire()
started.acquire()
while b3.n_waiting < 2:
    time.sleep(0.001)
b3.abort()
for t in ts:
    t.join()
print("abort:", errors, b3.broken)

# a failing action breaks the barrier for everyone
def bad_action():
    raise KeyError("action failed")


b4 = threading.Barrier(2, action=bad_action)
outcome = []


def w4():
    try:
        b4.wait()
        outcome.append("ok")
    except threading.BrokenBarrierError:
        outcome.append("broken")
    except KeyError as e:
        outcome.append("KeyError")


ts = [threading.Thread(target=w4) for _ in range(2)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("failing action:", sorted(outcome))
try:
    threading.Barrier(0)
except ValueError as e:
    print("ValueError:", e)
