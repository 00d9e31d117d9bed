# concurrent.futures.Future used directly: states, callbacks, errors; wait and
# as_completed on hand-completed futures.
import concurrent.futures as cf
import threading

f = cf.Future()
print("new", f.done(), f.running(), f.cancelled())
print("repr", repr(f).split(" at ")[0], repr(f).split()[-1])
calls = []
f.add_done_callback(lambda fut: calls.append(("cb1", fut.result())))
print("set_running", f.set_running_or_notify_cancel(), f.running(), f.cancel())
f.set_result(10)
print("after set_result", f.done(), f.result(), f.exception(), calls)
print("repr", repr(f).split()[-3:])
f.add_done_callback(lambda fut: calls.append(("late", fut.result())))
print("late callback", calls)
try:
    f.set_result(11)
except cf.InvalidStateError as e:
    print("InvalidStateError:", str(e).split(":")[0])

g = cf.Future()
g.set_exception(KeyError("k"))
print("exception", repr(g.exception()), repr(g).split()[-3:])
try:
    g.result()
except KeyError as e:
    print("result raised", repr(e))
try:
    g.set_exception(ValueError())
except cf.InvalidStateError:
    print("InvalidStateError again")

h = cf.Future()
print("cancel pending", h.cancel(), h.cancelled(), h.done(), h.cancel())
try:
    h.result()
except cf.CancelledError as e:
    print("CancelledError", type(e).__mro__[1].__name__)
try:
    h.exception()
except cf.CancelledError:
    print("exception() CancelledError")
print("set_running on cancelled", h.set_running_or_notify_cancel())
print("repr", repr(h).split()[-1])

k = cf.Future()
try:
    k.result(timeout=0.01)
except cf.TimeoutError:
    print("TimeoutError is builtin", cf.TimeoutError is TimeoutError)
try:
    k.exception(timeout=0)
except TimeoutError:
    print("exception() TimeoutError")

# A callback that raises is reported and the others still run
def bad(fut):
    raise ZeroDivisionError("in callback")


m = cf.Future()
m.add_done_callback(bad)
m.add_done_callback(lambda fut: print("good callback ran"))
import io, sys
saved, sys.stderr = sys.stderr, io.StringIO()
m.set_result(None)
captured, sys.stderr = sys.stderr.getvalue(), saved
print("callback error reported", "exception calling callback for" in captured,
      "ZeroDivisionError: in callback" in captured)

# wait / as_completed with futures completed from another thread
fs = [cf.Future() for _ in range(4)]


def complete():
    for i, fut in enumerate(fs):
        fut.set_running_or_notify_cancel()
        if i == 2:
            fut.set_exception(ValueError(i))
        else:
            fut.set_result(i * i)


done, not_done = cf.wait(fs, timeout=0)
print("nothing done yet", len(done), len(not_done))
t = threading.Thread(target=complete)
t.start()
order = [fut.exception() is None and fut.result() for fut in cf.as_completed(fs, timeout=5)]
t.join()
print("as_completed", sorted(map(str, order)))
done, not_done = cf.wait(fs, return_when=cf.FIRST_EXCEPTION)
print("FIRST_EXCEPTION on finished", len(done), len(not_done))
res = cf.wait(fs)
print(type(res).__name__, res._fields, len(res.done))
print("constants", cf.FIRST_COMPLETED, cf.FIRST_EXCEPTION, cf.ALL_COMPLETED)
print("errors", issubclass(cf.CancelledError, Exception), issubclass(cf.BrokenExecutor, RuntimeError),
      issubclass(cf.InvalidStateError, Exception))
print("duplicates in as_completed", len(list(cf.as_completed([fs[0], fs[0], fs[1]]))))
print(cf.Future[int])


class Inline(cf.Executor):
    def submit(self, fn, /, *args, **kwargs):
        fut = cf.Future()
        try:
            fut.set_result(fn(*args, **kwargs))
        except BaseException as e:
            fut.set_exception(e)
        return fut


with Inline() as ex:
    print("custom Executor map", list(ex.map(abs, [-1, -2, 3])))
try:
    cf.Executor().submit(abs, 1)
except NotImplementedError:
    print("Executor.submit NotImplementedError")
