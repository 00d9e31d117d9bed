print(list(map(abs, [-1, 2, -3])), list(map(pow, [2, 3], [3, 2])), list(map(lambda a, b, c: a + b + c, "ab", "cd", "efg")))
print(list(filter(None, [0, 1, "", "x", None, [], [0]])), list(filter(lambda x: x % 2, range(7))), list(filter(str.isdigit, "a1b2")))
m = map(str, range(3))
print(next(m), list(m), list(m))
try:
    map(abs)
except TypeError as e:
    print(type(e).__name__, e)
try:
    list(map(abs, 5))
except TypeError as e:
    print(type(e).__name__, e)
