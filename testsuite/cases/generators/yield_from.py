def inner():
    x = yield "i1"
    print("inner got", x)
    yield "i2"
    return "inner-result"
def outer():
    r = yield from inner()
    print("outer got", r)
    yield from [10, 20]
    yield from range(2)
    return "done"
g = outer()
print(next(g))
print(g.send("sent"))
print(list(g))
def delegating_throw():
    try:
        yield from inner()
    except ZeroDivisionError:
        yield "handled in outer"
d = delegating_throw()
next(d)
print(d.throw(ZeroDivisionError))
