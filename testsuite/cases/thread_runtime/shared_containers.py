# Threads insert the same keys into one dict and one set at the same time: no key is
# ever stored twice and none is lost, and list.append from many threads loses nothing.
import _thread

NTHREADS = 4
N = 20000
d = {}
s = set()
items = []
lock = _thread.allocate_lock()
done = _thread.allocate_lock()
done.acquire()
left = [NTHREADS]


def worker(tid):
    for i in range(N):
        key = i % 5000
        d[key] = tid
        s.add(key)
        s.add(("t", tid, i % 100))
        items.append(i)
        if i % 3 == 0:
            d.setdefault(-key, tid)
    with lock:
        left[0] -= 1
        if left[0] == 0:
            done.release()


for t in range(NTHREADS):
    _thread.start_new_thread(worker, (t,))
done.acquire()
print(len(d), len(s), len(items))
print(len(set(d)) == len(d), set(d.values()) <= set(range(NTHREADS)))
print(sum(items) == NTHREADS * (N * (N - 1) // 2))
