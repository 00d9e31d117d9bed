for e in [Exception(), Exception("one"), Exception("a", 2), ValueError(""), KeyError("k"), KeyError(), KeyError("a", "b"), IndexError(5), OSError(2, "No such file"), StopIteration(7), SystemExit(3)]:
    print(repr(e), "|", str(e), "|", e.args)
e = ValueError("x")
e.args = ("changed", 1)
print(e, repr(e))
class MyErr(Exception): pass
print(repr(MyErr("m")), str(MyErr()), MyErr.__name__, MyErr.__mro__[1].__name__)
