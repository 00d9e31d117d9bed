class C:
    def __call__(self): pass
class D: pass
def f(): pass
print(callable(f), callable(C), callable(C()), callable(D()), callable(len), callable(1), callable(lambda: 0), callable(str.upper), callable(None))
