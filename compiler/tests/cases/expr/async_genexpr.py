async def f(a):
    return (x * 2 async for x in a if x)
