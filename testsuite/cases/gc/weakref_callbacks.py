import gc, weakref
class Obj:
    pass
events = []
o = Obj()
r = weakref.ref(o, lambda ref: events.append(("callback", ref() is None)))
print(r() is o, weakref.getweakrefcount(o))
del o
gc.collect()
print(r(), events)
o2 = Obj()
r2 = weakref.ref(o2)
print(r2 == weakref.ref(o2), r2() is o2)
try:
    weakref.ref(1)
except TypeError as e:
    print(type(e).__name__, e)
