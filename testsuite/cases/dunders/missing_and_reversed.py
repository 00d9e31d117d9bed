class D(dict):
    def __missing__(self, k): return k * 2
d = D()
print(d["ab"], d.get("ab"), len(d))
class R:
    def __reversed__(self): return iter([3, 2, 1])
    def __iter__(self): return iter([1, 2, 3])
print(list(reversed(R())), list(R()))
