def f(**kw):
    return list(kw)
print(f(z=1, a=2, m=3), f(**{"b": 1, "a": 2}))
def g(a, b, c):
    return a, b, c
print(g(c=3, a=1, b=2), g(1, c=3, b=2))
log = []
def val(x):
    log.append(x)
    return x
g(val(1), c=val(3), b=val(2))
print(log)
