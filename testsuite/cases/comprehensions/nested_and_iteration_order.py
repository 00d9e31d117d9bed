log = []
def src(name, n):
    log.append(f"iter {name}")
    return range(n)
r = [(a, b) for a in src("outer", 2) for b in src("inner", 2)]
print(r, log)
g = (a for a in src("genexp", 2))
print(log[-1])
matrix = [[1, 2, 3], [4, 5, 6]]
print([[row[i] for row in matrix] for i in range(3)], [v for row in matrix for v in row])
