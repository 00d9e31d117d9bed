for r in [range(3), range(1, 3), range(1, 9, 2), range(5, 0, -1), range(-1)]:
    print(repr(r), str(r), bool(r), len(r))
print(range(3).__class__.__name__, isinstance(range(1), range), range(3)[-1], range(1, 2, 3).count(1))
try:
    range(3)[::0]
except ValueError as e:
    print(type(e).__name__, e)
