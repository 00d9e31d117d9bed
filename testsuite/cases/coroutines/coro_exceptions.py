async def fails():
    raise ValueError("from coroutine")
async def catcher():
    try:
        await fails()
    except ValueError as e:
        return "caught " + str(e)
try:
    catcher().send(None)
except StopIteration as e:
    print(e.value)
c = fails()
try:
    c.send(None)
except ValueError as e:
    print(type(e).__name__, e)
async def waiter():
    class Y:
        def __await__(self):
            yield "suspend"
    try:
        await Y()
    except KeyError as e:
        return "thrown in: " + repr(e)
w = waiter()
print(w.send(None))
try:
    w.throw(KeyError("k"))
except StopIteration as e:
    print(e.value)
