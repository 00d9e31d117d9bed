from _loop import Loop, Sleep
async def compute(name, ticks, value):
    await Sleep(ticks)
    return (name, value)
async def parent(loop):
    return "parent done"
loop = Loop()
for i, t in enumerate([5, 1, 3]):
    loop.spawn(f"t{i}", compute(f"t{i}", t, i * i))
res = loop.run()
print(sorted(res.items()), loop.now)
