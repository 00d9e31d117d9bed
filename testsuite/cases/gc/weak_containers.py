import gc, weakref
class K:
    def __init__(self, n): self.n = n
wd = weakref.WeakValueDictionary()
keep = K(1)
tmp = K(2)
wd["keep"], wd["tmp"] = keep, tmp
del tmp
gc.collect()
print(sorted(wd.keys()))
ws = weakref.WeakSet()
a, b = K(1), K(2)
ws.add(a); ws.add(b)
del b
gc.collect()
print(len(ws), a in ws)
wk = weakref.WeakKeyDictionary()
k = K(3)
wk[k] = "v"
del k
gc.collect()
print(len(wk))
p = weakref.proxy(keep)
print(p.n)
del keep
gc.collect()
try:
    p.n
except ReferenceError as e:
    print(type(e).__name__, e)
