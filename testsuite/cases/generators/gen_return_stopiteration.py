def g():
    yield 1
    return "value"
it = g()
next(it)
try:
    next(it)
except StopIteration as e:
    print(repr(e), e.value, e.args)
def h():
    yield 1
    raise StopIteration("inside")
try:
    list(h())
except RuntimeError as e:
    print(type(e).__name__, e, type(e.__cause__).__name__)
def k():
    return
    yield
try:
    next(k())
except StopIteration as e:
    print(e.value, e.args)
