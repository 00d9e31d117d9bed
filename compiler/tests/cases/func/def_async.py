async def fetch(x):
    return await x
