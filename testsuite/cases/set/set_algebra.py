a, b = {1, 2, 3, 4}, {3, 4, 5}
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(a ^ b), sorted(b - a))
print(sorted(a.union([9], (8,))), sorted(a.intersection(b, {4})), sorted(a.difference([1], [2])), sorted(a.symmetric_difference([1, 7])))
print(a <= a, a < a, {1} < a, a >= {1, 2}, a > b, a.issubset(range(10)), a.issuperset([1]), a.isdisjoint({9}))
c = set(a)
c |= {10}; c &= {1, 2, 10}; c -= {1}; c ^= {2, 3}
print(sorted(c))
c.update([7], [8]); c.intersection_update(range(9)); c.difference_update([3]); c.symmetric_difference_update([0])
print(sorted(c))
try:
    a | [1]
except TypeError as e:
    print(type(e).__name__, e)
