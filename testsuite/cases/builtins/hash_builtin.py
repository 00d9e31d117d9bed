print(hash(1), hash(-1), hash(0), hash(1.0), hash(0.5), hash(True), hash(None) == hash(None), hash((1, 2)) == hash((1, 2)))
for bad in [[], {}, set(), bytearray()]:
    try:
        hash(bad)
    except TypeError as e:
        print(type(e).__name__, e)
class H:
    def __hash__(self): return 12345
print(hash(H()))
class HBig:
    def __hash__(self): return 2 ** 100
print(hash(HBig()) == hash(2 ** 100))
class HBad:
    def __hash__(self): return "x"
try:
    hash(HBad())
except TypeError as e:
    print(type(e).__name__, e)
