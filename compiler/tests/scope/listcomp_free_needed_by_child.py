def f(xs, n):
    return [lambda: n for x in xs]
