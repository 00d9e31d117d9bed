# shared
def f():
    x = 1
    def g():
        global x
        x = 2
    def h():
        return x
    return g, h
