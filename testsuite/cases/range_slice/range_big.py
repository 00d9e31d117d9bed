r = range(10 ** 20)
print(len(range(10 ** 18)), r[-1], r[10 ** 19], 10 ** 19 in r, r[::10 ** 19], range(0, 10 ** 20, 7)[-1])
try:
    len(r)
except OverflowError as e:
    print(type(e).__name__, e)
print(reversed(range(3)).__class__.__name__, list(reversed(range(1, 10, 4))), range(-10 ** 20, 0)[0])
