import sys
for obj in [0, 1, 10 ** 100, "", "abc", [], [1, 2], (), {}, set(), 1.5, None, object()]:
    print(type(obj).__name__, sys.getsizeof(obj) > 0)
print(sys.getsizeof([], 123) > 0)
