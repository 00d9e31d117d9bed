# shared
def f(v, w):
    return f"{v!r:>{w}} {u}"
