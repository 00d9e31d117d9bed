print({k: v for k, v in zip("abc", range(3))}, {x % 3 for x in range(10)}, {v: k for k, v in {"a": 1, "b": 1}.items()})
print({i: [j for j in range(i)] for i in range(3)}, {(a, b) for a in range(2) for b in range(2)} == {(0, 0), (0, 1), (1, 0), (1, 1)})
