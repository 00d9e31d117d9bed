def f(n, a, b):
    i = 0
    total = 0
    while i < n:
        total = total + i
        i += 1
    a, b = b, a
    if n:
        c = 1
    del total
    return c, a, b
