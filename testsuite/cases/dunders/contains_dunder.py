class Evens:
    def __contains__(self, x):
        print("contains", x)
        return x % 2 == 0
e = Evens()
print(4 in e, 3 in e, 3 not in e)
class Truthy:
    def __contains__(self, x): return "non-bool"
print(1 in Truthy())
class ViaIter:
    def __iter__(self): return iter([1, 2, 3])
print(2 in ViaIter(), 5 in ViaIter())
try:
    1 in 5
except TypeError as e:
    print(type(e).__name__, e)
