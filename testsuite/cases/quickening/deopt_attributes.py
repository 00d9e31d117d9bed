# Attribute, method, global and call sites specialised for one receiver must notice
# every change that makes the cached answer stale.
import math
import types

def area(r):
    return math.pi * r * r

def root(x):
    return math.sqrt(x)

for i in range(50):
    area(i)
    root(i)
print(round(area(2), 6), root(16.0))
math.pi = 3
print(area(2))
original_pi, original_sqrt = math.pi, math.sqrt
math.sqrt = lambda x: "patched"
print(root(16))
del math.sqrt
try:
    root(4)
except AttributeError as e:
    print("AttributeError:", type(e).__name__)
math.pi, math.sqrt = original_pi, original_sqrt
print(round(area(2), 6), root(9))

# A module attribute, then one found through the module's __getattr__.
mod = types.ModuleType("m")
mod.value = 1
def read(m):
    return m.value
for _ in range(50):
    read(mod)
mod.value = 2
print(read(mod))
mod.__getattr__ = lambda name: "from __getattr__"
del mod.value
print(read(mod))
mod.value = 3
print(read(mod))

# Builtin methods.
def push(seq, x):
    seq.append(x)
    return len(seq)
for i in range(50):
    push([], i)
class MyList(list):
    def append(self, x):
        super().append(x * 10)
ml = MyList()
push(ml, 5)
print(ml, push([1], 2))
def upper(s):
    return s.upper()
for _ in range(50):
    upper("a")
print(upper("abc"), upper(b"xy"))

# Instance attributes and methods.
class P:
    def __init__(self, x):
        self.x = x
    def get(self):
        return self.x
def getx(p):
    return p.x
def call_get(p):
    return p.get()
for i in range(50):
    getx(P(i))
    call_get(P(i))
q = P(7)
q.get = lambda: "own attribute"
print(getx(P(3)), call_get(P(4)), call_get(q))
P.get = lambda self: ("replaced", self.x)
print(call_get(P(5)))
class Q:
    x = "class attribute"
    def get(self):
        return "Q.get"
print(getx(Q()), call_get(Q()))
class Slotted:
    __slots__ = ("x",)
    def __init__(self):
        self.x = "slot"
print(getx(Slotted()))
class Prop:
    @property
    def x(self):
        return "property"
print(getx(Prop()))

# Globals and calls.
def twice(v):
    return 2 * v
def use():
    return twice(21)
for _ in range(50):
    use()
print(use())
def twice(v, w=1):
    return 3 * v * w
print(use())
twice = lambda v: "lambda"
print(use())
def g(a, b):
    return a - b
def call_g():
    return g(5, 2)
for _ in range(50):
    call_g()
def g(*args):
    return args
print(call_g())
def g(a, b):
    yield a
print(type(call_g()).__name__)
def g(a):
    return a
try:
    call_g()
except TypeError as e:
    print("TypeError:", e)
class Callable:
    def __call__(self, a, b):
        return ("called", a, b)
g = Callable()
print(call_g())
del g
try:
    call_g()
except NameError as e:
    print("NameError:", e)
def h(self, n):
    return n + 1
class H:
    m = h
def call_m(o):
    return o.m(1)
for _ in range(50):
    call_m(H())
H.m = staticmethod(lambda n: ("static", n))
print(call_m(H()))
H.m = classmethod(lambda cls, n: (cls.__name__, n))
print(call_m(H()))
