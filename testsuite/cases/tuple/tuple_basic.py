t = (1, "a", 2.5)
print(t, len(t), t[0], t[-1], t[1:], t[::-1], t + (3,), t * 2, "a" in t, t.count(1), t.index("a"))
print((), (1,), tuple(), tuple("ab"), tuple([1, 2]), tuple(range(3)), tuple(x for x in "xy"))
try:
    t[0] = 5
except TypeError as e:
    print(type(e).__name__, e)
try:
    t.index("zz")
except ValueError as e:
    print(type(e).__name__)
try:
    t[5]
except IndexError as e:
    print(type(e).__name__, e)
try:
    del t[0]
except TypeError as e:
    print(type(e).__name__, e)
