def f(a: int, *args: str, b: T = 1, **kw: bytes) -> R:
    return a
def g(x):
    return x
