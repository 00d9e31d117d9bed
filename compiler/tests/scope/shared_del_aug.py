# shared
def f(a):
    b = a
    b += 1
    del b
    a.attr = 1
    a[0] += 2
    return a
