for a, b in [(7, 2), (-7, 2), (7, -2), (7.5, 2), (-7.5, 2), (10 ** 20, 7), (True, 2)]:
    print(a, b, divmod(a, b))
class D:
    def __divmod__(self, o): return ("divmod", o)
    def __rdivmod__(self, o): return ("rdivmod", o)
print(divmod(D(), 1), divmod(1, D()))
try:
    divmod(1, "a")
except TypeError as e:
    print(type(e).__name__, e)
try:
    divmod(1j, 1)
except TypeError as e:
    print(type(e).__name__, e)
