async def agen(n):
    for i in range(n):
        yield i
        if i == 1:
            await noop()
async def noop():
    return None
async def consume():
    out = []
    async for v in agen(4):
        out.append(v)
    comp = [v * 10 async for v in agen(3)]
    return out, comp
try:
    consume().send(None)
except StopIteration as e:
    print(e.value)
g = agen(2)
print(type(g).__name__, hasattr(g, "__anext__"), hasattr(g, "asend"), hasattr(g, "aclose"))
