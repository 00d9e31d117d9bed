async def add(a, b):
    return a + b
c = add(1, 2)
print(type(c).__name__, c.__name__, c.__qualname__)
try:
    c.send(None)
except StopIteration as e:
    print("result", e.value)
async def chain():
    x = await add(1, 2)
    y = await add(x, 10)
    return y
try:
    chain().send(None)
except StopIteration as e:
    print("chain", e.value)
c2 = add(5, 5)
c2.close()
try:
    c2.send(None)
except RuntimeError as e:
    print(type(e).__name__, e)
