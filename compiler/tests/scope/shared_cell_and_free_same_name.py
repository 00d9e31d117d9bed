# shared
def outer():
    x = 1
    def middle():
        def inner():
            return x
        x2 = x
        return inner, x2
    return middle
