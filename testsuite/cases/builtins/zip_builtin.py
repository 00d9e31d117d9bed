print(list(zip([1, 2, 3], "abc", (True, False, None))), list(zip(range(3), range(100))), dict(zip("ab", range(2))))
a, b = zip(*[(1, "x"), (2, "y")])
print(a, b)
try:
    zip(1)
except TypeError as e:
    print(type(e).__name__, e)
