import bisect
a = [1, 3, 5]; bisect.insort(a, 4); print(a, bisect.bisect_left(a, 3), bisect.bisect_right(a, 3))
print(bisect.bisect([1, 2, 2, 3], 2), bisect.bisect_left([1, 2, 2, 3], 2, 2), bisect.bisect_right([(1, "a"), (3, "b")], 2, key=lambda p: p[0]))
b = []
for x in [5, 1, 4]: bisect.insort_left(b, x)
print(b)
