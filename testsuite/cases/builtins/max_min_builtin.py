print(max(3, 1, 2), min("b", "a"), max([1, 5, 3]), min((4, 2)), max("hello"), max([], default=None), min([1, 2], key=lambda x: -x))
print(max([1, 1.0]), max([1.0, 1]), min([[1], [0, 9]]), max({3: "a", 7: "b"}), max(range(10), key=lambda x: x % 4))
try:
    max(1, "a")
except TypeError as e:
    print(type(e).__name__, e)
try:
    max([], key=len)
except ValueError as e:
    print(type(e).__name__, e)
