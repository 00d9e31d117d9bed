class Future:
    def __init__(self):
        self.value = None
    def __await__(self):
        v = yield self
        return v * 2
async def user(f):
    r = await f
    return ("got", r)
f = Future()
c = user(f)
yielded = c.send(None)
print(yielded is f)
try:
    c.send(21)
except StopIteration as e:
    print(e.value)
class NotAwaitable: pass
async def bad():
    await NotAwaitable()
try:
    bad().send(None)
except TypeError as e:
    print(type(e).__name__, e)
class BadAwait:
    def __await__(self): return 5
async def bad2():
    await BadAwait()
try:
    bad2().send(None)
except TypeError as e:
    print(type(e).__name__, e)
