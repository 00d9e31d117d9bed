print([1, 2] == [1.0, 2.0], [1, [2]] == [1, [2]], [1, 2] < [1, 2.5], [[1]] < [[2]], [] < [0])
print(["a", 1] == ["a", 1], [None] == [None], [float("nan")] == [float("nan")])
try:
    [1, "a"] < [1, 2]
except TypeError as e:
    print(type(e).__name__, e)
print([1, 2] < [1, "a"] if False else "skip", max([[1, 2], [1, 3], [0]]))
