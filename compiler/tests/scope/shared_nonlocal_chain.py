# shared
def a():
    x = 0
    def b():
        def c():
            nonlocal x
            x = 1
        return c
    return b
