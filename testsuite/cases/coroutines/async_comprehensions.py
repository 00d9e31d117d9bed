async def arange(n):
    for i in range(n):
        yield i
async def double(x):
    return x * 2
async def main():
    a = [x async for x in arange(4) if x % 2 == 0]
    b = {x: await double(x) async for x in arange(3)}
    c = [await double(x) for x in range(3)]
    d = {x async for x in arange(3)}
    return a, b, c, sorted(d)
try:
    main().send(None)
except StopIteration as e:
    print(e.value)
