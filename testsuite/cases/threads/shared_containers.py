# 8 threads append to one list and insert into one dict and one set at the same
# time; with no GIL the containers themselves must stay consistent.
import threading

N_THREADS = 8
N_ITEMS = 100_000

shared_list = []
shared_dict = {}
shared_set = set()
start = threading.Barrier(N_THREADS)


def work(tid):
    start.wait()
    base = tid * N_ITEMS
    append = shared_list.append
    add = shared_set.add
    for i in range(N_ITEMS):
        key = base + i
        append(key)
        shared_dict[key] = tid
        add(key)


threads = [threading.Thread(target=work, args=(t,)) for t in range(N_THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()

total = N_THREADS * N_ITEMS
print("threads", N_THREADS)
print("list count exact", len(shared_list) == total)
print("dict count exact", len(shared_dict) == total)
print("set count exact", len(shared_set) == total)
print("list sorted is range", sorted(shared_list) == list(range(total)))
print("dict values", all(shared_dict[k] == k // N_ITEMS for k in range(0, total, 997)))
print("set contents", shared_set == set(range(total)))
per_thread = [0] * N_THREADS
for v in shared_dict.values():
    per_thread[v] += 1
print("per thread counts exact", per_thread == [N_ITEMS] * N_THREADS)
# Each thread's own items keep their relative order in the list.
last = [-1] * N_THREADS
ordered = True
for x in shared_list:
    tid = x // N_ITEMS
    if x <= last[tid]:
        ordered = False
    last[tid] = x
print("per-thread order kept", ordered)
