class A:
    pass
class B:
    def __str__(self):
        return "B-str"
class C:
    def __repr__(self):
        return "C-repr"
class D:
    def __str__(self):
        return 42
print(str(B()), repr(C()), str(C()), f"{B()} {C()!r} {C()}")
try:
    str(D())
except TypeError as e:
    print(type(e).__name__, e)
print(repr(A()).startswith("<__main__.A object at 0x"))
print(str(), repr(""), str(str), str(int), repr(len), str(...))
