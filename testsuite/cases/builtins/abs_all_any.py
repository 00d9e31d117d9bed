print(abs(-5), abs(5), abs(-2.5), abs(-0.0), abs(3 + 4j), abs(-10 ** 30), abs(True), abs(False))
class A:
    def __abs__(self): return "abs called"
print(abs(A()))
try:
    abs("x")
except TypeError as e:
    print(type(e).__name__, e)
print(all([1, 2]), all([1, 0]), all([]), any([0, ""]), any([0, 1]), any([]), all(iter("ab")), any(x > 2 for x in range(4)))
