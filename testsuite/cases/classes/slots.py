class S:
    __slots__ = ("x", "y")
    def __init__(self): self.x = 1
s = S()
print(s.x, hasattr(s, "__dict__"), S.__slots__, type(S.x).__name__)
try:
    s.z = 5
except AttributeError as e:
    print(type(e).__name__, e)
try:
    s.y
except AttributeError as e:
    print(type(e).__name__, e)
s.y = 2
del s.x
print(s.y, hasattr(s, "x"))
class Child(S):
    pass
c = Child()
c.anything = 1
print(c.anything, "__dict__" in dir(c))
class WithDict:
    __slots__ = ("a", "__dict__")
w = WithDict()
w.a = 1; w.b = 2
print(w.a, w.__dict__)
try:
    class Conflict:
        __slots__ = ("v",)
        v = 1
except ValueError as e:
    print(type(e).__name__, e)
