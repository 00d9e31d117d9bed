data = [{"n": "b", "a": 2}, {"n": "a", "a": 2}, {"n": "c", "a": 1}]
data.sort(key=lambda d: d["n"])
data.sort(key=lambda d: d["a"])
print([d["n"] for d in data])
import functools
def cmp(x, y):
    return (x > y) - (x < y)
print(sorted([3, 1, 2], key=functools.cmp_to_key(cmp)), sorted([3, 1, 2], key=functools.cmp_to_key(lambda a, b: b - a)))
l = [3, 1, 2]
print(l.sort(), l, sorted(l, key=None))
big = list(range(1000, 0, -1))
big.sort()
print(big[:3], big[-3:], sorted([0.5, -0.0, 0.0, -1], key=float))
