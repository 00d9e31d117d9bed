def g():
    while True:
        try:
            yield
        except Exception as e:
            print("caught", type(e).__name__, e.args)
it = g()
next(it)
it.throw(ValueError)
it.throw(ValueError("msg"))
it.throw(KeyError("a", "b"))
try:
    it.throw(1)
except TypeError as e:
    print(type(e).__name__, e)
