def gen():
    yield
    x = yield 1
    y = yield from other()
    return x, y
