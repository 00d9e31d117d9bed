t = ("a", "b", "c")
for i, v in enumerate(t):
    print(i, v)
print(list(zip(t, range(3))), dict(zip(t, t[::-1])), sorted(t, reverse=True), min(t), max(t), any(t), all(()))
