# shared
def gen(n):
    x = yield n
    yield from range(x)
