def f(a, b, /, c, *, d):
    return a, b, c, d
print(f(1, 2, 3, d=4), f(1, 2, c=3, d=4))
try:
    f(a=1, b=2, c=3, d=4)
except TypeError as e:
    print(type(e).__name__, e)
def g(a, /, **kw):
    return a, kw
print(g(1, a=2))
def h(x, y=2, /):
    return x, y
print(h(1), h(1, 3))
try:
    h(1, y=5)
except TypeError as e:
    print(type(e).__name__, e)
