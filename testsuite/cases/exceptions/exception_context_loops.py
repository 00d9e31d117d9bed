def f():
    try:
        raise ValueError("a")
    except ValueError as a:
        try:
            raise TypeError("b")
        except TypeError as b:
            raise a
try:
    f()
except ValueError as e:
    print(repr(e), repr(e.__context__))
