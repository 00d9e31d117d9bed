class V:
    def __init__(self, v): self.v = v
    def __repr__(self): return f"V({self.v})"
    def __add__(self, o): return V(self.v + (o.v if isinstance(o, V) else o))
    def __radd__(self, o): return V(o + self.v)
    def __sub__(self, o): return V(self.v - o.v)
    def __mul__(self, o): return V(self.v * o)
    def __rmul__(self, o): return V(o * self.v * 1000)
    def __truediv__(self, o): return V(self.v / o)
    def __floordiv__(self, o): return V(self.v // o)
    def __mod__(self, o): return V(self.v % o)
    def __pow__(self, o): return V(self.v ** o)
    def __rpow__(self, o): return V(o ** self.v)
    def __neg__(self): return V(-self.v)
    def __pos__(self): return V(+self.v)
    def __abs__(self): return V(abs(self.v))
    def __invert__(self): return V(~self.v)
    def __lshift__(self, o): return V(self.v << o)
    def __rshift__(self, o): return V(self.v >> o)
    def __and__(self, o): return V(self.v & o)
    def __or__(self, o): return V(self.v | o)
    def __xor__(self, o): return V(self.v ^ o)
    def __matmul__(self, o): return "matmul"
    def __rmatmul__(self, o): return "rmatmul"
a = V(6)
print(a + V(1), a + 1, 1 + a, a - V(2), a * 2, 2 * a, a / 4, a // 4, a % 4, a ** 2, 2 ** a)
print(-a, +a, abs(V(-3)), ~a, a << 1, a >> 1, a & 3, a | 1, a ^ 5, a @ 1, 1 @ a, sum([V(1), V(2)]))
