def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
f = fib()
print([next(f) for _ in range(15)])
g1, g2 = fib(), fib()
next(g1); next(g1)
print(next(g1), next(g2))
import itertools
print(list(itertools.islice(fib(), 90, 92)))
