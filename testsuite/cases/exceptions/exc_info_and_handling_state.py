import sys
print(sys.exc_info(), sys.exception())
try:
    raise KeyError("a")
except KeyError:
    t, v, tb = sys.exc_info()
    print(t.__name__, repr(v), tb is not None, sys.exception() is v)
    try:
        raise ValueError("nested")
    except ValueError:
        print(repr(sys.exception()))
    print(repr(sys.exception()))
print(sys.exception())
