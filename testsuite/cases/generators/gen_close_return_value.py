def g():
    try:
        yield 1
    except GeneratorExit:
        print("got GeneratorExit")
        raise
it = g()
next(it)
print(it.close())
def h():
    yield 1
it = h()
print(it.close(), it.close())
