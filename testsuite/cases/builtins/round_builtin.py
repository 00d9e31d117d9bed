print(round(2.5), round(3.5), round(-2.5), round(0.5), round(1.25, 1), round(1.35, 1), round(123, -1), round(2.675, 2))
class R:
    def __round__(self, n=None): return ("round", n)
print(round(R()), round(R(), 3))
try:
    round("1")
except TypeError as e:
    print(type(e).__name__, e)
try:
    round(1.5, 1.5)
except TypeError as e:
    print(type(e).__name__, e)
