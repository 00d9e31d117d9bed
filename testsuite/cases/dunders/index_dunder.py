class Idx:
    def __init__(self, v): self.v = v
    def __index__(self): return self.v
i = Idx(2)
print([10, 20, 30][i], "abc"[i], bin(i), hex(i), range(i), list(range(10))[Idx(1):Idx(3)], (1, 2, 3)[i], int(i))
import operator
print(operator.index(i), [0] * Idx(3), "x" * Idx(2))
class BadIdx:
    def __index__(self): return "s"
try:
    [1][BadIdx()]
except TypeError as e:
    print(type(e).__name__, e)
