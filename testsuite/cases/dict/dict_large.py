d = {i: str(i) for i in range(50000)}
print(len(d), d[49999], d.get(50000), sum(d), list(d)[:3])
for i in range(0, 50000, 2):
    del d[i]
print(len(d), list(d)[:3], list(d.values())[-1])
d.update((i, i) for i in range(10))
print(len(d), list(d)[-3:])
