# shared
def a():
    v = 1
    def b():
        def c():
            return v
        return c
    return b
