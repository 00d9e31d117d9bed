async def f(source):
    async for item in source:
        if item:
            break
        use(item)
    else:
        done()
