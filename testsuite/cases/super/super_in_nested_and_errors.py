class A:
    def m(self): return "A"
class B(A):
    def m(self):
        def inner():
            return "inner"
        return inner() + super().m()
    def broken(self):
        return [super().m() for _ in range(1)]
print(B().m(), B().broken())
def outside(self):
    return super().m()
try:
    outside(B())
except RuntimeError as e:
    print(type(e).__name__, e)
