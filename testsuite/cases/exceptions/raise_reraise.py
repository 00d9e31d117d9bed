def f():
    try:
        raise ValueError("first")
    except ValueError:
        print("handling, re-raising")
        raise
try:
    f()
except ValueError as e:
    print("outer got", e)
try:
    raise
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    raise 5
except TypeError as e:
    print(type(e).__name__, e)
try:
    raise ValueError
except ValueError as e:
    print(repr(e))
class NotExc: pass
try:
    raise NotExc
except TypeError as e:
    print(type(e).__name__, e)
try:
    try:
        pass
    except 5:
        pass
    raise KeyError
except KeyError:
    print("except 5 never evaluated")
