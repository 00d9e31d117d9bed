class AIt:
    def __init__(self): self.i = 0
    def __aiter__(self): return self
    async def __anext__(self):
        self.i += 1
        if self.i > 2:
            raise StopAsyncIteration
        return self.i
async def main():
    it = aiter(AIt())
    print(await anext(it), await anext(it), await anext(it, "default"))
    try:
        await anext(it)
    except StopAsyncIteration as e:
        print(type(e).__name__)
    async def agen():
        yield "g1"
    g = agen()
    print(await anext(g), await anext(g, "done"))
c = main()
try:
    c.send(None)
except StopIteration:
    print("finished")
try:
    aiter(5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    anext(5)
except TypeError as e:
    print(type(e).__name__, e)
