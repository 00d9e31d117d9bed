class C:
    def __init__(self): self._x = 0
    def getx(self): return self._x
    def setx(self, v): self._x = v * 2
    def delx(self): print("deleting"); del self._x
    x = property(getx, setx, delx, "the x")
c = C()
c.x = 5
print(c.x, C.x.__doc__, type(C.x).__name__)
del c.x
print(hasattr(c, "_x"))
ro = property(lambda self: "ro")
class D:
    y = ro
d = D()
print(d.y)
try:
    d.y = 1
except AttributeError as e:
    print(type(e).__name__, e)
try:
    del d.y
except AttributeError as e:
    print(type(e).__name__, e)
