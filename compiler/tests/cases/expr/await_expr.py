async def f(a):
    x = await a
    return await g(x)
