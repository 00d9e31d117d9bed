class A: pass
class B(A):
    def f(self): return super().missing
try:
    B().f()
except AttributeError as e:
    print(type(e).__name__, e)
class C(A):
    def g(self):
        super().x = 1
try:
    C().g()
except AttributeError as e:
    print(type(e).__name__, e)
