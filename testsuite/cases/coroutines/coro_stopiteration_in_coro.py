async def raises_stop():
    raise StopIteration("x")
try:
    raises_stop().send(None)
except RuntimeError as e:
    print(type(e).__name__, e)
async def agen():
    yield 1
    raise StopAsyncIteration
g = agen()
try:
    g.asend(None).send(None)
except StopIteration as e:
    print("first", e.value)
try:
    g.asend(None).send(None)
except RuntimeError as e:
    print(type(e).__name__, e)
