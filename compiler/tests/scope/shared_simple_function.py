# shared
def f(a, b=1, *args, c, d=2, **kw):
    x = a + b
    return x + y
