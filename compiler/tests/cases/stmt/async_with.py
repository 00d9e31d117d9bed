async def f(session):
    async with session as s, other():
        return await s.get()
