# Threads share code objects, so one thread may rewrite a site's opcode (quickening)
# while another runs it with operands of another kind. Every result must still be the
# generic answer.
import threading

def add(a, b):
    return a + b

def less(a, b):
    return a < b

class P:
    def __init__(self, v):
        self.v = v
    def get(self):
        return self.v

class Q:
    def __init__(self, v):
        self.w = 0
        self.v = v
    def get(self):
        return self.v + 1

def read(o):
    return o.v + o.get()

KINDS = [
    (1, 2, 3, True, P(1), 2),
    (1.5, 2.25, 3.75, True, Q(2), 5),
    ("a", "b", "ab", True, P("x"), "xx"),
    ([1], [2], [1, 2], True, Q(10), 21),
    (2**60, 2**60, 2**61, False, P(0.5), 1.0),
]

errors = []

def worker(index):
    for i in range(8000):
        a, b, total, lt, obj, expect = KINDS[(index + i) % len(KINDS)]
        if add(a, b) != total:
            errors.append(("add", a, b))
        if less(a, b) != lt:
            errors.append(("less", a, b))
        if read(obj) != expect:
            errors.append(("read", obj))

threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("errors:", errors[:5])
print(add(1, 2), add(1.0, 2.0), less(1, 2), read(P(3)))
