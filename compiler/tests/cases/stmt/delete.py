del a, b.c, d[e]
del (f, g)
