# Threads that finish while other threads allocate and collect: a thread leaving the
# runtime must never hold up (or be scanned by) a collection in progress.
import _thread
import gc

lock = _thread.allocate_lock()
all_done = _thread.allocate_lock()
all_done.acquire()
state = {"left": 0, "made": 0}


def finished(made):
    with lock:
        state["made"] += made
        state["left"] -= 1
        if state["left"] == 0:
            all_done.release()


def short_lived(i):
    finished(len([str(k) for k in range(i % 7)]))


def allocator(rounds):
    made = 0
    for r in range(rounds):
        junk = [[k, str(k)] for k in range(200)]
        made += len(junk)
        if r % 10 == 0:
            gc.collect()
    finished(made)


state["left"] = 2 + 60
_thread.start_new_thread(allocator, (100,))
_thread.start_new_thread(allocator, (100,))
for i in range(60):
    _thread.start_new_thread(short_lived, (i,))
all_done.acquire()
print("made", state["made"])
