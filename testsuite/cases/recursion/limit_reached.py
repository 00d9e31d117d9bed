import sys
depth = 0
def recurse():
    global depth
    depth += 1
    recurse()
try:
    recurse()
except RecursionError as e:
    print(type(e).__name__, e)
    print(sys.getrecursionlimit() - 50 <= depth <= sys.getrecursionlimit())
print(issubclass(RecursionError, RuntimeError))
