def f():
    try:
        raise ValueError("lost")
    finally:
        print("in finally")
def g():
    try:
        raise ValueError("first")
    finally:
        raise KeyError("second")
try:
    g()
except KeyError as e:
    print(repr(e), repr(e.__context__))
def h():
    for _ in range(1):
        try:
            raise ValueError("swallowed by break")
        finally:
            pass
    return "ok"
try:
    h()
except ValueError as e:
    print("h raised", e)
