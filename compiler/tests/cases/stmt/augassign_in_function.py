def f(a, n):
    total = 0
    total += n
    a.count *= 2
    a[n] <<= 1
    return total
