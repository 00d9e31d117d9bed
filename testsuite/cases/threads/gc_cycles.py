# Threads build and drop cyclic garbage while other threads allocate and keep
# their data; the collector must free every cycle and nothing that is live.
import gc
import threading
import weakref

N_BUILDERS = 4
N_ALLOCATORS = 3
ROUNDS = 200
CYCLES_PER_ROUND = 20

finalized = []          # list.append is the only thing __del__ does


class Node:
    def __init__(self, tag):
        self.tag = tag
        self.other = None
        self.payload = [tag] * 5

    def __del__(self):
        finalized.append(self.tag)


alive_refs = []
refs_lock = threading.Lock()


def builder(tid):
    local_refs = []
    for r in range(ROUNDS):
        for c in range(CYCLES_PER_ROUND):
            a = Node((tid, r, c, 'a'))
            b = Node((tid, r, c, 'b'))
            a.other = b
            b.other = a
            a.self_list = [a, b, {'x': a}]
            if c == 0:
                local_refs.append(weakref.ref(a))
        del a, b
        if r % 50 == 0:
            gc.collect()
    with refs_lock:
        alive_refs.extend(local_refs)


kept = {}


def allocator(tid):
    mine = []
    for i in range(ROUNDS * 10):
        d = {'i': i, 'sq': [i * i, str(i)], 't': (tid, i)}
        mine.append(d)
        if len(mine) > 100:
            mine = mine[-50:]
    n = ROUNDS * 10
    # The survivors are the last items; check them against what they must be.
    expect = list(range(n - len(mine), n))
    with refs_lock:
        kept[tid] = ([d['i'] for d in mine] == expect,
                     all(d['sq'] == [d['i'] ** 2, str(d['i'])] and d['t'] == (tid, d['i'])
                         for d in mine))


threads = [threading.Thread(target=builder, args=(t,)) for t in range(N_BUILDERS)]
threads += [threading.Thread(target=allocator, args=(t,)) for t in range(N_ALLOCATORS)]
for t in threads:
    t.start()
for t in threads:
    t.join()

for _ in range(3):
    gc.collect()

expected = N_BUILDERS * ROUNDS * CYCLES_PER_ROUND * 2
print("finalized all", len(finalized) == expected)
print("distinct", len(set(finalized)) == expected)
print("weakrefs kept", len(alive_refs) == N_BUILDERS * ROUNDS)
# A thread stopped by another thread's collection between creating a weak reference and
# storing it once left that reference unregistered: never cleared, pointing at freed
# memory. Every referent is dead now.
print("weakrefs dead", all(r() is None for r in alive_refs))
for tid in sorted(kept):
    print("allocator", tid, kept[tid])
