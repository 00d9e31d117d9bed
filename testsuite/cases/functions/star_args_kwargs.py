def f(*args, **kwargs):
    return args, kwargs
print(f(), f(1), f(1, 2, a=3), f(*range(3), **dict(x=1)), f(*"ab", *[1], **{"k": 1}, **{"m": 2}))
def g(a, *rest):
    return a, rest
print(g(1), g(1, 2, 3))
try:
    f(**{"a": 1}, **{"a": 2})
except TypeError as e:
    print(e)
try:
    g(*5)
except TypeError as e:
    print(e)
