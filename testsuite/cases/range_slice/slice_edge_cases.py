l = list(range(10))
cases = [(None, None, None), (3, None, None), (-3, None, None), (None, None, -1), (8, 2, -2), (2, 8, -1), (-1, -11, -1), (100, -100, -3), (5, 5, 1), (0, 10, 4)]
for a, b, c in cases:
    print((a, b, c), l[a:b:c], "0123456789"[a:b:c], tuple(l)[a:b:c], list(range(10)[a:b:c]))
