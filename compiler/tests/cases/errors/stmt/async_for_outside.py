def f():
    async for x in a:
        pass
