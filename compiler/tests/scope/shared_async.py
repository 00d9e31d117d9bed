# shared
async def f(xs):
    async with lock:
        async for x in xs:
            await g(x)
    return (await h(y) for y in xs)
