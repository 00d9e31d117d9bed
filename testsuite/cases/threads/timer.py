# Timer fires after its interval; cancel() stops it.
import threading
import time

fired = []
t = threading.Timer(0.05, fired.append, args=["first"])
print(isinstance(t, threading.Thread), t.interval, t.is_alive())
start = time.monotonic()
t.start()
t.join()
print("fired", fired, "waited", time.monotonic() - start >= 0.04)

t2 = threading.Timer(5, fired.append, args=["never"])
t2.start()
t2.cancel()
t2.join()
print("after cancel", fired, t2.finished.is_set())

t3 = threading.Timer(0.01, lambda **kw: fired.append(kw), kwargs={"k": 1})
t3.start()
t3.join()
print("kwargs", fired)
print("default name", t3.name.startswith("Thread-"))
