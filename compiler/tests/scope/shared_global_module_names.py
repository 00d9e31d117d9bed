# shared
def f():
    global g1, g2
    g1 = 1
    return g2
x = g1
