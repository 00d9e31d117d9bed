# shared
def f(k):
    g = lambda x, y=k: x + y + k
    return g
h = lambda: h
