# Producers and consumers share one bounded queue.Queue; sentinels end the consumers.
import queue
import threading

N_PRODUCERS = 4
N_CONSUMERS = 3
PER_PRODUCER = 1500
ROUND2 = 500

q = queue.Queue(maxsize=100)
results = []
results_lock = threading.Lock()


def producer(pid):
    for i in range(PER_PRODUCER):
        q.put(pid * PER_PRODUCER + i)


def consumer():
    total = 0
    count = 0
    while True:
        item = q.get()
        if item is None:
            q.task_done()
            break
        total += item
        count += 1
        q.task_done()
    with results_lock:
        results.append((count, total))


consumers = [threading.Thread(target=consumer) for _ in range(N_CONSUMERS)]
producers = [threading.Thread(target=producer, args=(p,)) for p in range(N_PRODUCERS)]
for t in consumers + producers:
    t.start()
for t in producers:
    t.join()
q.join()
print("all tasks done, queue empty:", q.empty(), q.qsize())
for _ in consumers:
    q.put(None)
for t in consumers:
    t.join()

n = N_PRODUCERS * PER_PRODUCER
print("items consumed exact", sum(c for c, _ in results) == n)
print("sum exact", sum(s for _, s in results) == n * (n - 1) // 2)
print("every consumer reported", len(results))

# A second round through a LifoQueue and a PriorityQueue, consumed with get(timeout=...).
for cls in (queue.LifoQueue, queue.PriorityQueue):
    q2 = cls()
    got = []

    def drain():
        while len(got) < ROUND2:
            try:
                got.append(q2.get(timeout=5))
            except queue.Empty:
                print("unexpected Empty")
                return

    t = threading.Thread(target=drain)
    t.start()
    for i in range(ROUND2):
        q2.put(i)
    t.join()
    print(cls.__name__, len(got) == ROUND2, sum(got) == ROUND2 * (ROUND2 - 1) // 2,
          sorted(got) == list(range(ROUND2)))
