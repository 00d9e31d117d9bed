def f(xs):
    ys = [last := x for x in xs]
    return ys, last
