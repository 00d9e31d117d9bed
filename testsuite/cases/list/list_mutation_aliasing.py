row = [0] * 3
grid = [row] * 3
grid[0][0] = 1
print(grid)
grid2 = [[0] * 3 for _ in range(3)]
grid2[0][0] = 1
print(grid2)
a = [1, 2, 3]
b = a[:]
b.append(4)
print(a, b)
l = [1, 2, 3]
l.append(l)
print(l, l[3] is l, len(l))
x = [1]
x.extend(x)
print(x)
