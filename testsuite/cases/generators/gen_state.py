import inspect
def g():
    yield 1
it = g()
print(inspect.getgeneratorstate(it))
next(it)
print(inspect.getgeneratorstate(it), it.gi_frame is not None, it.gi_running)
try:
    next(it)
except StopIteration:
    pass
print(inspect.getgeneratorstate(it), it.gi_frame)
def reentrant():
    yield next(r)
r = reentrant()
try:
    next(r)
except ValueError as e:
    print(type(e).__name__, e)
