def g():
    yield 1
    raise ValueError("in generator")
it = g()
print(next(it))
try:
    next(it)
except ValueError as e:
    print(type(e).__name__, e)
print(next(it, "after error exhausted"))
def h():
    try:
        yield
    except Exception as e:
        print("h saw", type(e).__name__)
        raise
x = h()
next(x)
try:
    x.throw(TypeError("t"))
except TypeError as e:
    print("outer saw", e)
