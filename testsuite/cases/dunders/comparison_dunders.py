class N:
    def __init__(self, v): self.v = v
    def __eq__(self, o): print("eq"); return self.v == getattr(o, "v", o)
    def __lt__(self, o): return self.v < o.v
    def __le__(self, o): return self.v <= o.v
    def __repr__(self): return f"N{self.v}"
a, b = N(1), N(2)
print(a == b, a != b, a < b, b > a, a <= b, b >= a)
print(sorted([N(3), N(1), N(2)]))
class NoCmp: pass
try:
    NoCmp() < NoCmp()
except TypeError as e:
    print(type(e).__name__, e)
print(NoCmp() == NoCmp(), NoCmp() != NoCmp())
class Rev:
    def __gt__(self, o): return "Rev.__gt__ reflected"
print(1 < Rev())
import functools
@functools.total_ordering
class T:
    def __init__(self, v): self.v = v
    def __eq__(self, o): return self.v == o.v
    def __lt__(self, o): return self.v < o.v
print(T(1) >= T(0), T(1) > T(2), T(3) <= T(3))
