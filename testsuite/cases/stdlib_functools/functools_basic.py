import functools, operator, itertools
from functools import partial, reduce, wraps, lru_cache, cache, cached_property, total_ordering, cmp_to_key, singledispatch
p = partial(int, base=2); print(p('101'), p)
print(reduce(operator.add, [1, 2, 3]), reduce(lambda a, b: a * b, [], 1))
try: reduce(operator.add, [])
except TypeError as e: print(e)
def deco(f):
    @wraps(f)
    def w(*a): return f(*a)
    return w
@deco
def hello(x):
    "doc"
    return x
print(hello.__name__, hello.__doc__, hello.__wrapped__.__name__, hello(3))
@lru_cache(maxsize=2)
def sq(x): return x * x
for i in [1, 2, 1, 3, 1, 2]: sq(i)
print(sq.cache_info()); sq.cache_clear(); print(sq.cache_info())
@cache
def fib(n): return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(60), fib.cache_info())
class C:
    @cached_property
    def v(self):
        print("computing"); return 5
c = C(); print(c.v, c.v)
@total_ordering
class N:
    def __init__(self, v): self.v = v
    def __eq__(self, o): return self.v == o.v
    def __lt__(self, o): return self.v < o.v
print(N(1) <= N(2), N(3) > N(2), N(2) >= N(3))
print(sorted([3, 1, 2], key=cmp_to_key(lambda a, b: b - a)))
@singledispatch
def show(x): return "obj"
@show.register
def _(x: int): return "int"
@show.register(list)
def _(x): return "list"
print(show(1), show([]), show("s"), show(True))
