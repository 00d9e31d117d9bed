def f(self, x): return (self, x)
class C: pass
c = C()
bound = f.__get__(c, C)
print(bound(1)[1], bound.__self__ is c, f.__get__(None, C) is f)
C.meth = f
print(c.meth(2)[1], C.meth is f)
print(type(len.__get__) if hasattr(len, "__get__") else "builtin has no __get__")
