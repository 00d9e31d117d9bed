# __slots__ members read and written through cached sites, including unset slots,
# deletion and a subclass that adds a __dict__.
class V:
    __slots__ = ("x", "y")
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def dot(self, o):
        return self.x * o.x + self.y * o.y

class W(V):
    pass

vs = [V(i, i + 1) for i in range(10)] + [W(1, 1)]
total = 0
for _ in range(20):
    for a in vs:
        total += a.dot(vs[0])
        a.x = a.x + 1
print(total)
w = vs[-1]
w.extra = "dict"
print(w.extra, w.__dict__, w.x)
v = V(1, 2)
del v.y
for _ in range(3):
    try:
        print(v.y)
    except AttributeError as e:
        print("AttributeError:", e)
