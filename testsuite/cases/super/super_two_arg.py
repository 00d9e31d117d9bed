class A:
    def who(self): return "A"
class B(A):
    def who(self): return "B"
class C(B):
    def who(self): return "C"
c = C()
print(super(C, c).who(), super(B, c).who(), super(C, C).who(c))
try:
    super(C, 5)
except TypeError as e:
    print(type(e).__name__, e)
s = super(B, c)
print(s.__thisclass__.__name__, s.__self_class__.__name__, s.__self__ is c)
