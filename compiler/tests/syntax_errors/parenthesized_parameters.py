def f(x, (y, z), w): pass
