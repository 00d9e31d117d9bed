l = list(range(8))
del l[-1]
del l[1:3]
print(l)
l[:] = []
print(l)
l = [1, 2, 3]
m = l
l.clear()
print(m)
l = [0, 1, 2, 3, 4, 5]
del l[::-2]
print(l)
