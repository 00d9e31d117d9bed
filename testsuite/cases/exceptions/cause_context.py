try:
    try:
        1 / 0
    except ZeroDivisionError as e:
        raise ValueError("converted") from e
except ValueError as e:
    print(repr(e), type(e.__cause__).__name__, type(e.__context__).__name__, e.__suppress_context__)
try:
    try:
        {}["k"]
    except KeyError:
        raise RuntimeError("implicit")
except RuntimeError as e:
    print(repr(e), e.__cause__, type(e.__context__).__name__, e.__suppress_context__)
try:
    try:
        raise KeyError("x")
    except KeyError:
        raise TypeError("none") from None
except TypeError as e:
    print(repr(e), e.__cause__, type(e.__context__).__name__, e.__suppress_context__)
try:
    raise ValueError from 5
except TypeError as e:
    print(type(e).__name__, e)
e = Exception("manual")
e.__cause__ = KeyError("c")
print(e.__suppress_context__, repr(e.__cause__))
