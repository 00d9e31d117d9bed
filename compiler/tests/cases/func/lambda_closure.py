def f(n):
    return lambda x, *a, k=1, **kw: x + n
