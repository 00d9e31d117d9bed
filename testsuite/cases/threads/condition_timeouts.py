# Condition.wait / wait_for with timeouts, notify without the lock.
import threading
import time

cond = threading.Condition()
with cond:
    start = time.monotonic()
    r = cond.wait(0.05)
    print("wait timed out ->", r, time.monotonic() - start >= 0.04)
    print("wait_for false predicate ->", cond.wait_for(lambda: False, timeout=0.05))
    print("wait_for true predicate ->", cond.wait_for(lambda: 42, timeout=0))
    print("wait(0) ->", cond.wait(0))

try:
    cond.wait()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    cond.notify()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    cond.notify_all()
except RuntimeError as e:
    print("RuntimeError:", e)

state = {"value": 0}


def setter():
    time.sleep(0.05)
    with cond:
        state["value"] = 7
        cond.notify_all()


t = threading.Thread(target=setter)
t.start()
with cond:
    print("wait_for with timeout got", cond.wait_for(lambda: state["value"], timeout=5))
t.join()

# wait() returns True when notified
c2 = threading.Condition(threading.Lock())
res = []


def waiter():
    with c2:
        res.append(c2.wait(5))


t = threading.Thread(target=waiter)
t.start()
while True:
    with c2:
        if c2._waiters:
            c2.notify()
            break
    time.sleep(0.001)
t.join()
print("notified wait ->", res)

# RLock-based condition held recursively: wait releases every level
c3 = threading.Condition(threading.RLock())
flag = []


def other():
    with c3:
        flag.append("other got the lock")
        c3.notify()


with c3:
    with c3:
        t = threading.Thread(target=other)
        t.start()
        c3.wait_for(lambda: flag, timeout=5)
t.join()
print(flag)
print("Condition context manager returns", threading.Condition().__enter__())
