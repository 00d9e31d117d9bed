class A:
    def f(self): return "A.f"
    @classmethod
    def c(cls): return "A.c " + cls.__name__
class B(A):
    def f(self): return "B.f>" + super().f()
    @classmethod
    def c(cls): return "B.c>" + super().c()
class C(B):
    def f(self): return "C.f>" + super().f()
print(C().f(), C.c(), B.c())
