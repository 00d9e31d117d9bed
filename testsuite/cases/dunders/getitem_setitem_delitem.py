class Grid:
    def __init__(self): self.d = {}
    def __getitem__(self, k):
        print("get", k)
        return self.d.get(k, 0)
    def __setitem__(self, k, v):
        print("set", k, v)
        self.d[k] = v
    def __delitem__(self, k):
        print("del", k)
        del self.d[k]
g = Grid()
g[1, 2] = 5
print(g[1, 2])
g[::2] = "slice"
g["k"] += 3
del g[1, 2]
print(g.d)
try:
    del g["missing"]
except KeyError as e:
    print(type(e).__name__, e)
class RO:
    def __getitem__(self, k): return k
try:
    RO()[0] = 1
except TypeError as e:
    print(type(e).__name__, e)
try:
    del RO()[0]
except TypeError as e:
    print(type(e).__name__, e)
try:
    object()[0]
except TypeError as e:
    print(type(e).__name__, e)
