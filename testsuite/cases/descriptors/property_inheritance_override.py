class A:
    @property
    def p(self): return "A.p"
class B(A):
    @A.p.getter
    def p(self): return "B.p"
class C(A):
    @property
    def p(self): return "C.p+" + super().p
print(A().p, B().p, C().p)
class D(A):
    p = A.p.setter(lambda self, v: print("set", v))
d = D()
d.p = 3
print(d.p)
