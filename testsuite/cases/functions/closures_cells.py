def make_counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    return inc
c1, c2 = make_counter(), make_counter()
print(c1(), c1(), c2(), c1())
print(c1.__closure__[0].cell_contents, c1.__code__.co_freevars, make_counter.__code__.co_cellvars)
fs = [lambda: i for i in range(3)]
print([f() for f in fs])
fs = [lambda i=i: i for i in range(3)]
print([f() for f in fs])
def outer():
    x = "early"
    def inner(): return x
    x = "late"
    return inner
print(outer()())
def unbound():
    def inner(): return y
    try:
        return inner()
    except NameError as e:
        return type(e).__name__ + ": " + str(e)
    y = 1
print(unbound())
