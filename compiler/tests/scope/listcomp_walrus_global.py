def f(xs):
    global last
    return [last := x for x in xs]
