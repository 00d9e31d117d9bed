x = "module"
class A:
    x = "class"
    def method(self):
        return x
    lam = lambda self: x
print(A().method(), A().lam(), A.x)
class B:
    y = 1
    class Inner:
        try:
            z = y
        except NameError as e:
            z = "NameError: " + str(e)
print(B.Inner.z)
def f():
    v = "function"
    class C:
        w = v
        def m(self): return v
    return C.w, C().m()
print(f())
