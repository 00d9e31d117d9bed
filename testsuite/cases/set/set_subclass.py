class S(set):
    def total(self): return sum(self)
x = S([1, 2])
print(sorted(x), x.total(), type(x).__name__, type(x | {3}).__name__, isinstance(x, set))
class FS(frozenset):
    pass
print(type(FS([1]) | {2}).__name__, sorted(FS([3, 1])))
