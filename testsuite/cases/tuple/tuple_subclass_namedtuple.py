from collections import namedtuple
P = namedtuple("P", "x y")
p = P(1, 2)
print(p, p.x, p[1], p._asdict(), p._replace(x=5), P._fields, P._make([3, 4]), isinstance(p, tuple), len(p))
x, y = p
print(x + y, p == (1, 2), hash(p) == hash((1, 2)))
class T(tuple):
    def first(self): return self[0]
t = T([9, 8])
print(t, t.first(), type(t).__name__, type(t + (1,)).__name__)
try:
    P(1)
except TypeError as e:
    print(type(e).__name__, e)
