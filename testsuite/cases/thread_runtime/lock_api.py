# The _thread lock types: acquire/release semantics, timeouts and CPython's errors.
import _thread
import time

lock = _thread.allocate_lock()
print(type(lock).__name__, lock.locked())
print(lock.acquire(), lock.locked(), repr(lock).startswith("<locked _thread.lock object"))
print(lock.acquire(False))
t = time.monotonic()
print(lock.acquire(timeout=0.05), time.monotonic() - t >= 0.04)
lock.release()
print(repr(lock).startswith("<unlocked _thread.lock object"))
for call in (lock.release,):
    try:
        call()
    except RuntimeError as e:
        print("RuntimeError:", e)
for kw in ({"blocking": False, "timeout": 1}, {"timeout": -2}):
    try:
        lock.acquire(**kw)
    except ValueError as e:
        print("ValueError:", e)
with lock:
    print("inside", lock.locked())
print("after", lock.locked())

r = _thread.RLock()
print(r.acquire(), r.acquire(), r._is_owned(), r._recursion_count())
r.release()
r.release()
print(r._is_owned(), r._recursion_count())
try:
    r.release()
except RuntimeError as e:
    print("RuntimeError:", e)

# A lock released by another thread (allowed for plain locks).
gate = _thread.allocate_lock()
gate.acquire()
_thread.start_new_thread(gate.release, ())
print("released elsewhere", gate.acquire(timeout=5))

# An RLock held by another thread is not ours to release.
held = _thread.RLock()
ready = _thread.allocate_lock()
ready.acquire()
finish = _thread.allocate_lock()
finish.acquire()


def holder():
    held.acquire()
    ready.release()
    finish.acquire()
    held.release()


_thread.start_new_thread(holder, ())
ready.acquire()
print("owned here", held._is_owned(), held.acquire(False))
try:
    held.release()
except RuntimeError as e:
    print("RuntimeError:", e)
finish.release()
print("got it", held.acquire(timeout=5))

for bad in ((1, ()), (print, []), (print, (), 1)):
    try:
        _thread.start_new_thread(*bad)
    except TypeError as e:
        print("TypeError:", e)
print(isinstance(_thread.get_ident(), int), _thread.get_native_id() > 0)
print(_thread.error is RuntimeError, _thread.TIMEOUT_MAX > 1e9)
