log = []
class Ctx:
    async def __aenter__(self):
        log.append("enter")
        return "resource"
    async def __aexit__(self, et, ev, tb):
        log.append(("exit", et.__name__ if et else None))
        return et is KeyError
async def main():
    async with Ctx() as r:
        log.append(r)
    async with Ctx():
        raise KeyError("suppressed")
    try:
        async with Ctx():
            raise ValueError("not suppressed")
    except ValueError:
        log.append("caught ValueError")
    return "ok"
try:
    main().send(None)
except StopIteration as e:
    print(e.value)
print(log)
class NoAsync:
    def __enter__(self): return self
    def __exit__(self, *a): pass
async def wrong():
    async with NoAsync():
        pass
try:
    wrong().send(None)
except TypeError as e:
    print(type(e).__name__)
