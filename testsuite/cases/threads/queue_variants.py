# queue: FIFO/LIFO/priority order, Empty/Full, timeouts, task_done/join, shutdown,
# SimpleQueue.
import queue
import threading
import time

for cls in (queue.Queue, queue.LifoQueue, queue.PriorityQueue):
    q = cls()
    for x in [5, 1, 4, 2, 3]:
        q.put(x)
    print(cls.__name__, q.qsize(), q.empty(), q.full(), [q.get() for _ in range(5)], q.empty())

q = queue.Queue(maxsize=2)
q.put_nowait("a")
q.put("b", block=False)
print("full", q.full(), q.qsize())
try:
    q.put_nowait("c")
except queue.Full:
    print("Full raised", repr(queue.Full()))
try:
    q.put("c", timeout=0.02)
except queue.Full:
    print("Full after timeout")
try:
    q.put("c", timeout=-1)
except ValueError as e:
    print("ValueError:", e)
print(q.get_nowait(), q.get(block=False))
try:
    q.get_nowait()
except queue.Empty:
    print("Empty raised")
try:
    q.get(timeout=0.02)
except queue.Empty:
    print("Empty after timeout")
try:
    q.get(timeout=-1)
except ValueError as e:
    print("ValueError:", e)

# A blocked put is released by a get from another thread.
q = queue.Queue(1)
q.put(0)
threading.Timer(0.05, q.get).start()
q.put(1, timeout=5)
print("blocked put went through", q.get())

# task_done / join
q = queue.Queue()
for i in range(10):
    q.put(i)
processed = []


def worker():
    while True:
        item = q.get()
        processed.append(item)
        q.task_done()
        if item == 9:
            return


t = threading.Thread(target=worker)
t.start()
q.join()
t.join()
print("processed", processed, q.unfinished_tasks)
try:
    q.task_done()
except ValueError as e:
    print("ValueError:", e)

# priority tuples
pq = queue.PriorityQueue()
for item in [(3, "c"), (1, "a"), (2, "b")]:
    pq.put(item)
print([pq.get() for _ in range(3)])

# shutdown
q = queue.Queue()
q.put(1)
q.put(2)
q.shutdown()
try:
    q.put(3)
except queue.ShutDown:
    print("put after shutdown: ShutDown")
print("get still drains", q.get(), q.get())
try:
    q.get()
except queue.ShutDown:
    print("get on empty shut-down queue: ShutDown")

q = queue.Queue()
q.put(1)
q.shutdown(immediate=True)
print("immediate shutdown empties", q.qsize(), q.unfinished_tasks)
try:
    q.get()
except queue.ShutDown:
    print("ShutDown")

q = queue.Queue()
woken = []


def blocked_get():
    try:
        q.get()
    except queue.ShutDown:
        woken.append("getter")


t = threading.Thread(target=blocked_get)
t.start()
time.sleep(0.05)
q.shutdown()
t.join()
print("blocked getter woken by shutdown:", woken)

# SimpleQueue
sq = queue.SimpleQueue()
print("SimpleQueue", sq.empty(), sq.qsize())
for i in range(3):
    sq.put(i)
sq.put_nowait(3)
print(sq.qsize(), [sq.get() for _ in range(3)], sq.get_nowait(), sq.empty())
try:
    sq.get_nowait()
except queue.Empty:
    print("SimpleQueue Empty")
try:
    sq.get(timeout=0.02)
except queue.Empty:
    print("SimpleQueue Empty after timeout")
threading.Timer(0.05, sq.put, args=("late",)).start()
print("SimpleQueue blocking get", sq.get(timeout=5))
print(queue.Queue[int], issubclass(queue.Empty, Exception), issubclass(queue.ShutDown, Exception))
