eg = ExceptionGroup("many", [ValueError(1), TypeError(2), ValueError(3)])
print(repr(eg), str(eg), len(eg.exceptions), eg.message)
match, rest = eg.split(ValueError)
print(repr(match), repr(rest))
print(repr(eg.subgroup(TypeError)), eg.subgroup(KeyError))
print(type(BaseExceptionGroup("b", [KeyboardInterrupt()])).__name__, type(BaseExceptionGroup("b", [ValueError()])).__name__)
try:
    ExceptionGroup("bad", [KeyboardInterrupt()])
except TypeError as e:
    print(type(e).__name__, e)
try:
    ExceptionGroup("empty", [])
except ValueError as e:
    print(type(e).__name__, e)
nested = ExceptionGroup("outer", [ValueError("a"), ExceptionGroup("inner", [KeyError("b")])])
print(repr(nested.subgroup(lambda e: isinstance(e, KeyError))))
print(eg.derive([KeyError()]).message)
