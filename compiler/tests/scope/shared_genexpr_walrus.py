# shared
def f(xs):
    g = (last := x for x in xs)
    return g, last
