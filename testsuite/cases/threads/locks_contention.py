# Threads contend on Lock, RLock and Condition; the counters must come out exact.
import threading

N = 8
ITER = 4000

# Lock
counter = 0
lock = threading.Lock()


def lock_worker():
    global counter
    for _ in range(ITER):
        with lock:
            counter += 1


threads = [threading.Thread(target=lock_worker) for _ in range(N)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("Lock counter exact", counter == N * ITER)

# Lock with explicit acquire/release and non-blocking attempts
misses = [0] * N
counter = 0


def try_worker(i):
    global counter
    done = 0
    while done < ITER // 4:
        if lock.acquire(blocking=False):
            try:
                counter += 1
                done += 1
            finally:
                lock.release()
        else:
            misses[i] += 1
            lock.acquire()
            counter += 1
            done += 1
            lock.release()


threads = [threading.Thread(target=try_worker, args=(i,)) for i in range(N)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("acquire(blocking=False) counter exact", counter == N * (ITER // 4))

# RLock, taken recursively
rcounter = 0
rlock = threading.RLock()


def nested(depth):
    global rcounter
    with rlock:
        rcounter += 1
        if depth:
            nested(depth - 1)


def rlock_worker():
    for _ in range(ITER // 4):
        nested(3)


threads = [threading.Thread(target=rlock_worker) for _ in range(N)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("RLock counter exact", rcounter == N * (ITER // 4) * 4)

# Condition: a bounded buffer of size 1, handing tokens from producers to consumers.
cond = threading.Condition()
slot = []
consumed = []
TOKENS = 1000


def cond_producer(base):
    for i in range(TOKENS):
        with cond:
            cond.wait_for(lambda: not slot)
            slot.append(base + i)
            cond.notify_all()


def cond_consumer(count):
    got = 0
    for _ in range(count):
        with cond:
            cond.wait_for(lambda: slot)
            got += slot.pop()
            cond.notify_all()
    with cond:
        consumed.append(got)


producers = [threading.Thread(target=cond_producer, args=(k * TOKENS,)) for k in range(4)]
consumers = [threading.Thread(target=cond_consumer, args=(TOKENS,)) for k in range(4)]
for t in producers + consumers:
    t.start()
for t in producers + consumers:
    t.join()
n = 4 * TOKENS
print("Condition handoff sum exact", sum(consumed) == n * (n - 1) // 2, len(consumed))

# Condition with a plain Lock and notify(n)
cond2 = threading.Condition(threading.Lock())
ready = 0
go = False
woken = []


def waiter(i):
    global ready
    with cond2:
        ready += 1
        cond2.notify_all()
        while not go:
            cond2.wait()
        woken.append(i)


ws = [threading.Thread(target=waiter, args=(i,)) for i in range(6)]
for t in ws:
    t.start()
with cond2:
    cond2.wait_for(lambda: ready == 6)
    go = True
    cond2.notify(2)
    cond2.notify_all()
for t in ws:
    t.join()
print("notify woke", sorted(woken))
