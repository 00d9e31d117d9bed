import functools
p = functools.partial(int, base=2)
print(p("101"), p.func is int, p.args, p.keywords)
def add(a, b, c=0): return a + b + c
p2 = functools.partial(add, 1, c=10)
print(p2(2), p2(2, c=0))
@functools.lru_cache(maxsize=None)
def fib(n): return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(80), fib.cache_info().hits > 0)
print(functools.reduce(lambda a, b: a * b, range(1, 6)), functools.reduce(lambda a, b: a + b, [], "init"))
