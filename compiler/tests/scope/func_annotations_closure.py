def outer():
    T = int
    def inner(x: T) -> T:
        return x
    return inner
