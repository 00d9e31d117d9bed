r = range(2, 20, 3)
print(r, list(r), len(r), r[0], r[-1], r[1:3], r[::-1], 5 in r, 6 in r, r.index(8), r.count(11), r.start, r.stop, r.step)
print(list(range(5)), list(range(5, 0, -1)), list(range(0)), list(range(3, 3)), list(range(-3, 3, 2)), range(0, -5, -2)[1])
print(range(10) == range(0, 10, 1), range(0) == range(5, 5), range(1, 5, 2) == range(1, 6, 2), hash(range(3)) == hash(range(0, 3)))
try:
    range(1, 2, 0)
except ValueError as e:
    print(type(e).__name__, e)
try:
    range(1.5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    r[100]
except IndexError as e:
    print(type(e).__name__, e)
try:
    r.index(4)
except ValueError as e:
    print(type(e).__name__, e)
