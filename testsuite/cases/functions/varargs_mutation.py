def f(*args):
    return type(args).__name__, args
print(f(), f(*[1, 2]))
def g(**kw):
    kw["added"] = True
    return kw
d = {"a": 1}
print(g(**d), d)
def h(a, *args, b=2, **kw):
    return a, args, b, kw
print(h(1, 2, 3, b=4, c=5), h(*(1,), **{"b": 9}))
