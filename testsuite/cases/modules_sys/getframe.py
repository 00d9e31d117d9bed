import sys
def f():
    frame = sys._getframe()
    caller = sys._getframe(1)
    return frame.f_code.co_name, frame.f_lineno, caller.f_code.co_name, frame.f_back is caller, "x" in frame.f_locals
def g():
    x = 1
    return f()
print(g())
print(sys._getframe().f_code.co_name, sys._getframe().f_globals is globals())
try:
    sys._getframe(1000)
except ValueError as e:
    print(type(e).__name__, e)
