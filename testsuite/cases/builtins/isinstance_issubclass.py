class A: pass
class B(A): pass
class C: pass
b = B()
print(isinstance(b, A), isinstance(b, (C, A)), isinstance(b, C), isinstance(1, (str, (float, int))), isinstance(b, object))
print(issubclass(B, A), issubclass(A, B), issubclass(B, (C, A)), issubclass(bool, int), issubclass(int, object), issubclass(A, A))
try:
    isinstance(1, 2)
except TypeError as e:
    print(type(e).__name__, e)
try:
    issubclass(1, int)
except TypeError as e:
    print(type(e).__name__, e)
print(isinstance(1, int | str), issubclass(bool, int | None), isinstance(None, type(None)))
class Meta(type):
    def __instancecheck__(cls, inst): return inst == "magic"
    def __subclasscheck__(cls, sub): return sub is int
class M(metaclass=Meta): pass
print(isinstance("magic", M), isinstance("other", M), issubclass(int, M), issubclass(str, M))
