print(repr(1), repr("a"), repr([1, "a"]), repr(None), repr(1.0), repr(b"x"), repr((1,)), repr({1: "a"}), repr(int), repr(len))
class BadRepr:
    def __repr__(self): return 5
try:
    repr(BadRepr())
except TypeError as e:
    print(type(e).__name__, e)
