def f(data):
    x = "outer"
    r = [x for x in data]
    return x, r
