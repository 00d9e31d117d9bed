a = {1, 2}
b = {1, 2, 3}
print(a < b, b > a, a <= b, a == b, b - a == {3}, a < a, not (a > b))
print(sorted([{3}, {1}, {2}], key=min), max({5, 1, 3}), min(frozenset({7, 4})), sum({1, 2, 3}))
