x = 1
def f():
    print(x)
    x = 2
try:
    f()
except UnboundLocalError as e:
    print(type(e).__name__, e, isinstance(e, NameError))
def g():
    del y
    y = 1
try:
    g()
except UnboundLocalError as e:
    print(type(e).__name__, e)
def h():
    def inner():
        return z
    inner_result = None
    try:
        inner_result = inner()
    except NameError as e:
        return type(e).__name__ + ": " + str(e)
    z = 1
print(h())
