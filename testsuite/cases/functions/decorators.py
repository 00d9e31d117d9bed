import functools
def trace(fn):
    @functools.wraps(fn)
    def wrapper(*a, **k):
        print("call", fn.__name__, a, k)
        return fn(*a, **k)
    return wrapper
@trace
def add(x, y):
    "adds"
    return x + y
print(add(1, y=2), add.__name__, add.__doc__, add.__wrapped__(3, 4))
def repeat(n):
    def deco(fn):
        def w(*a):
            return [fn(*a) for _ in range(n)]
        return w
    return deco
@repeat(3)
def hi(): return "hi"
print(hi())
order = []
def d1(f): order.append("d1"); return f
def d2(f): order.append("d2"); return f
@d1
@d2
def g(): pass
print(order)
@lambda f: "replaced"
def h(): pass
print(h)
