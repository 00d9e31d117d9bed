sq = lambda x: x * x
print(sq(5), sq.__name__, (lambda: None)(), (lambda *a, **k: (a, k))(1, b=2), (lambda x, /, y=2, *, z=3: x + y + z)(1))
print(sorted([(1, "b"), (2, "a")], key=lambda p: p[1]), list(map(lambda x: x + 1, [1, 2])))
compose = lambda f, g: lambda x: f(g(x))
print(compose(str, sq)(4), (lambda: (yield))().__class__.__name__)
