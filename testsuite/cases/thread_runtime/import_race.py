# Several threads import one slow module at once: its code runs once, and every thread
# sees it fully initialised.
import _thread
import os
import sys
import tempfile

tmp = tempfile.mkdtemp()
with open(os.path.join(tmp, "slow_module_for_race.py"), "w") as f:
    f.write("import time\nprint('executing module')\ntime.sleep(0.1)\nVALUE = 42\n")
sys.path.insert(0, tmp)

lock = _thread.allocate_lock()
done = _thread.allocate_lock()
done.acquire()
seen = []


def worker():
    import slow_module_for_race
    with lock:
        seen.append(slow_module_for_race.VALUE)
        if len(seen) == 4:
            done.release()


for _ in range(4):
    _thread.start_new_thread(worker, ())
done.acquire()
print(seen)
os.remove(os.path.join(tmp, "slow_module_for_race.py"))
