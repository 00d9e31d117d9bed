s = slice(1, 10, 2)
print(s, s.start, s.stop, s.step, slice(5), slice(None), s.indices(5), slice(None, None, -1).indices(4), slice(-3, None).indices(10))
print("abcdefghij"[s], [0, 1, 2, 3][slice(-2, None)], slice(1, 2) == slice(1, 2), slice(1, 2) != slice(1, 3))
try:
    slice(0, 1, 0).indices(5)
except ValueError as e:
    print(type(e).__name__, e)
print(hash(slice(1, 2)) == hash(slice(1, 2)) if hasattr(slice, "__hash__") and slice.__hash__ is not None else "unhashable")
class G:
    def __getitem__(self, k): return k
g = G()
print(g[1:2], g[::3], g[1:2, 3], g[...], g[:, None], g[1:2:3, ::])
