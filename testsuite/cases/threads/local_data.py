# threading.local keeps separate attributes for each thread.
import threading

data = threading.local()
data.x = "main"
seen = {}
lock = threading.Lock()


def worker(i):
    missing = not hasattr(data, "x")
    data.x = i
    data.items = [i] * 3
    for _ in range(1000):
        data.x += 1
    with lock:
        seen[i] = (missing, data.x, data.items, sorted(data.__dict__))


ts = [threading.Thread(target=worker, args=(i * 10000,)) for i in range(6)]
for t in ts:
    t.start()
for t in ts:
    t.join()
for k in sorted(seen):
    print(k, seen[k])
print("main still sees", data.x, hasattr(data, "items"))
try:
    data.nothing
except AttributeError as e:
    print("AttributeError:", e)
del data.x
print("after del", hasattr(data, "x"))
try:
    del data.x
except AttributeError:
    print("AttributeError on second del")


class Counter(threading.local):
    created = 0

    def __init__(self, start):
        self.value = start
        self.owner = threading.current_thread().name

    def bump(self):
        self.value += 1
        return self.value

    @property
    def doubled(self):
        return self.value * 2


c = Counter(100)
c.bump()
out = []


def use_counter():
    out.append((c.value, c.owner, c.bump(), c.doubled))


t = threading.Thread(target=use_counter, name="T1")
t.start()
t.join()
print("subclass in thread", out)
print("subclass in main", c.value, c.owner, c.doubled, isinstance(c, threading.local))
try:
    threading.local(1)
except TypeError as e:
    print("TypeError:", e)
