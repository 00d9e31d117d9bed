class A: pass
class B:
    def __repr__(self): return "B()"
print(repr(A).startswith("<class '__main__.A'>"), str(A), repr(B()), str(B()), f"{B()}", [B()])
print(str(A()).startswith("<__main__.A object at 0x"), repr(int), repr(type), repr(object))
class Nested:
    class Inner: pass
print(Nested.Inner, Nested.Inner.__qualname__)
