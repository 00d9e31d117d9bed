print(str(1), str("s"), tuple("ab"), type(1), type("x"), type(type), type(None), type(print))
T = type("T", (object,), {"v": 5, "m": lambda self: self.v * 2})
t = T()
print(T.__name__, t.v, t.m(), T.__bases__, type(t) is T)
try:
    type("X", 5, {})
except TypeError as e:
    print(type(e).__name__, e)
try:
    type(1, 2)
except TypeError as e:
    print(type(e).__name__, e)
