print([x * 2 for x in range(5)], [x for x in range(10) if x % 3 == 0], [(x, y) for x in range(3) for y in range(x)])
print([c for word in ["ab", "cd"] for c in word], [[j for j in range(i)] for i in range(4)], [x if x % 2 else -x for x in range(5)])
print([y for x in [[1, 2], [3]] if len(x) > 1 for y in x if y > 1])
