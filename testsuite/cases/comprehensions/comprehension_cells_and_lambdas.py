adders = [lambda x, n=n: x + n for n in range(3)]
print([f(10) for f in adders])
def outer():
    base = 100
    return [(lambda: base + i)() for i in range(3)]
print(outer())
nested = [[lambda: (i, j) for j in range(2)] for i in range(2)]
print([[f() for f in row] for row in nested])
