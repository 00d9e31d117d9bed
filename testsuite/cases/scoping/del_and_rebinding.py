def f():
    x = 1
    del x
    try:
        return x
    except UnboundLocalError as e:
        return str(e)
print(f())
y = 5
def g():
    global y
    del y
g()
print("y" in globals())
def h():
    a = 1
    def inner(): return a
    del a
    try:
        return inner()
    except NameError as e:
        return str(e)
print(h())
