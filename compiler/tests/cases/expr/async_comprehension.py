async def f(a, b):
    xs = [x async for x in a]
    ys = {await y for y in b}
    return xs, ys
