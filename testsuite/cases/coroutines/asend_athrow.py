async def agen():
    received = yield "first"
    print("agen received", received)
    try:
        yield "second"
    except ValueError as e:
        print("agen caught", e)
        yield "after throw"
def run(aw):
    try:
        aw.send(None)
    except StopIteration as e:
        return e.value
    raise AssertionError("unexpected suspension")
g = agen()
print(run(g.asend(None)))
print(run(g.asend("hello")))
print(run(g.athrow(ValueError("bad"))))
try:
    run(g.asend(None))
except StopAsyncIteration as e:
    print(type(e).__name__)
g2 = agen()
run(g2.asend(None))
print(run(g2.aclose()))
