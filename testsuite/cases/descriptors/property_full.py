class C:
    def __init__(self): self._v = 1
    @property
    def v(self):
        "the v"
        print("get")
        return self._v
    @v.setter
    def v(self, val):
        print("set", val)
        self._v = val
    @v.deleter
    def v(self):
        print("del")
        del self._v
c = C()
c.v
c.v = 5
print(c.v)
del c.v
print(hasattr(c, "_v"), C.v.__doc__, isinstance(C.v, property))
class D:
    @property
    def only(self): return 1
try:
    D().only = 2
except AttributeError as e:
    print(type(e).__name__, e)
