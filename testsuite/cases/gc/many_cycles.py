import gc
class N:
    __slots__ = ("ref", "__weakref__")
for i in range(20000):
    a = N(); b = N()
    a.ref = b; b.ref = a
gc.collect()
import weakref
x = N(); x.ref = x
w = weakref.ref(x)
del x
gc.collect()
print(w())
