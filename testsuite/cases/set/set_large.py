s = set(range(0, 100000, 3))
t = set(range(0, 100000, 5))
print(len(s), len(t), len(s & t), len(s | t), len(s - t), min(s & t), max(s ^ t))
for i in range(0, 100000, 6):
    s.discard(i)
print(len(s), 3 in s, 6 in s)
