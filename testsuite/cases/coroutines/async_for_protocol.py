class Ticker:
    def __init__(self, n): self.n = n
    def __aiter__(self): return self
    async def __anext__(self):
        if self.n == 0:
            raise StopAsyncIteration
        self.n -= 1
        return self.n
async def main():
    got = []
    async for t in Ticker(3):
        got.append(t)
    else:
        got.append("else")
    return got
try:
    main().send(None)
except StopIteration as e:
    print(e.value)
async def bad():
    async for x in [1, 2]:
        pass
try:
    bad().send(None)
except TypeError as e:
    print(type(e).__name__)
