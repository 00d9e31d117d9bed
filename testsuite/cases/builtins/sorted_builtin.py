print(sorted([3, 1, 2]), sorted("cba", reverse=True), sorted({"b": 1, "a": 2}), sorted([(2, "a"), (1, "b")], key=lambda t: t[1]))
try:
    sorted([1, 2], lambda x: x)
except TypeError as e:
    print(type(e).__name__, e)
try:
    sorted()
except TypeError as e:
    print(type(e).__name__, e)
