print(pow(2, 8), pow(2.0, 3), pow(2, -1), pow(-8, 1 / 3) == (-8) ** (1 / 3), pow(4, 0.5), pow(10, 2, 7), pow(base=2, exp=5), pow(2, 5, mod=3))
class P:
    def __pow__(self, o, mod=None): return ("pow", o, mod)
    def __rpow__(self, o): return ("rpow", o)
print(pow(P(), 2), pow(P(), 2, 5), 3 ** P())
try:
    pow(2, 3, 4.0)
except TypeError as e:
    print(type(e).__name__, e)
