import sys
def handler():
    try:
        raise ValueError("inside")
    except ValueError:
        return sys.exc_info()[0].__name__, repr(sys.exception())
print(handler(), sys.exc_info(), sys.exception())
try:
    raise KeyError("k")
except KeyError:
    print(handler(), repr(sys.exception()))
