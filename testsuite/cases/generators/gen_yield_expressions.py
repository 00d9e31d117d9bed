def g():
    a = yield
    b = (yield a) + 1
    c = yield b * 2
    yield (a, b, c)
it = g()
print(next(it), it.send(5), it.send(10), it.send("c"))
def echo():
    received = []
    while len(received) < 3:
        received.append((yield len(received)))
    yield received
e = echo()
print(next(e), e.send("a"), e.send("b"), e.send("c"))
