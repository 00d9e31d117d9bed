l = list(range(6))
l[1:4] = range(10, 13)
print(l)
l[::-1] = l
print(l)
l[len(l):len(l)] = [99]
print(l)
l[-2:] = []
print(l)
l[2:2] = "ab"
print(l)
