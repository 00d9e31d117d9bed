s = slice(1, 5, 2)
print(s, [0, 1, 2, 3, 4, 5][s], slice(3).stop, slice(1, 2).step, s.indices(4))
try:
    slice()
except TypeError as e:
    print(type(e).__name__, e)
