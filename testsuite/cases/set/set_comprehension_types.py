print({x % 3 for x in range(10)}, {c for c in "aaa"}, set(x for x in []))
print(sorted({(i, j) for i in range(2) for j in range(2)}))
print({1, 1.0, True}, {0, 0.0, False, -0.0}, len({1, "1"}))
