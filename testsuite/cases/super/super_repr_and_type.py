class A: pass
class B(A):
    def s(self): return super()
s = B().s()
print(type(s).__name__, repr(s).startswith("<super: <class 'B'>, <B object>>"), isinstance(s, super))
