x = a[0]
y = a[i][j]
a[k] = 1
del a[k]
z = a[1, 2]
