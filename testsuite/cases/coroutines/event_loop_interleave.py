from _loop import Loop, Sleep
log = []
async def worker(name, n, delay):
    for i in range(n):
        log.append(f"{name}{i}")
        await Sleep(delay)
    return name * n
loop = Loop()
loop.spawn("a", worker("a", 3, 2))
loop.spawn("b", worker("b", 2, 3))
print(loop.run())
print(log)
