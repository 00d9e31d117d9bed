import asyncio
async def agen():
    yield 1
def run(coro):
    try:
        coro.send(None)
    except StopIteration as e:
        return e.value
async def main():
    return [x async for x in agen()], (x async for x in agen()).__class__.__name__
print(run(main()))
