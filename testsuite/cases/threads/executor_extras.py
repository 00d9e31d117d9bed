# ThreadPoolExecutor: initializer, a failing initializer (BrokenThreadPool), kwargs,
# callbacks run by the worker, cancelling queued work, shutdown twice.
import concurrent.futures as cf
import io
import sys
import threading
from concurrent.futures.thread import BrokenThreadPool

state = threading.local()


def init(tag):
    state.tag = tag


def read_tag(suffix=""):
    return state.tag + suffix


with cf.ThreadPoolExecutor(max_workers=3, initializer=init, initargs=("ready",)) as ex:
    print(sorted(set(ex.map(read_tag, ["", "", ""]))))
    print(ex.submit(read_tag, suffix="!").result())
    print(ex.submit(pow, 2, 10).result())

    # A done callback added to a running future runs when the worker finishes it.
    gate = threading.Event()
    fut = ex.submit(gate.wait, 5)
    seen = []
    done_evt = threading.Event()

    def callback(f):
        seen.append((f.result(), threading.current_thread() is not threading.main_thread()))
        done_evt.set()

    fut.add_done_callback(callback)
    gate.set()
    done_evt.wait(5)
    print("callback", seen)

# Cancelling a future that is still queued
ex = cf.ThreadPoolExecutor(max_workers=1)
gate = threading.Event()
started = threading.Event()
busy = ex.submit(lambda: started.set() or gate.wait(5))
started.wait(5)
queued = ex.submit(pow, 3, 3)
print("cancel queued", queued.cancel(), queued.cancelled(), queued.done(), busy.cancel())
gate.set()
print("busy", busy.result())
ex.shutdown()
ex.shutdown()
print("shutdown twice ok")


# A failing initializer breaks the pool
def bad_init():
    raise OSError("no resources")


saved, sys.stderr = sys.stderr, io.StringIO()
ex = cf.ThreadPoolExecutor(max_workers=2, initializer=bad_init)
f = ex.submit(pow, 2, 2)
exc = f.exception(timeout=5)
captured, sys.stderr = sys.stderr.getvalue(), saved
print(type(exc).__name__, exc)
print("logged", "Exception in initializer:" in captured, "OSError: no resources" in captured)
try:
    ex.submit(pow, 2, 3)
except BrokenThreadPool as e:
    print("submit after failure:", type(e).__name__, isinstance(e, cf.BrokenExecutor))
ex.shutdown()
try:
    cf.ThreadPoolExecutor(initializer=42)
except TypeError as e:
    print("TypeError:", e)
