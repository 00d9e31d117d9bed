# shared
def f(xs):
    return ((lambda: (y := x)) for x in xs)
