def f():
    return missing_global
try:
    f()
except NameError as e:
    print(type(e).__name__, e, e.name)
def g():
    if False:
        v = 1
    return v
try:
    g()
except UnboundLocalError as e:
    print(type(e).__name__, e)
def outer():
    def inner():
        return w
    try:
        inner()
    except NameError as e:
        print(type(e).__name__, e)
    w = 1
outer()
