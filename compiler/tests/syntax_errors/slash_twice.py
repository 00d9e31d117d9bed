def f(a, /, c, /): pass
