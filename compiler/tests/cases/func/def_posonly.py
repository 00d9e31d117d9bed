def f(a, b=2, /, c=3, *, d):
    return a, b, c, d
