print(sum([1, 2, 3]), sum([1.5, 2.5]), sum([[1], [2]], []), sum(((1,), (2,)), ()), sum(range(101)), sum([], 10), sum([1, 2], start=10), sum([0.1] * 3))
try:
    sum(["a"])
except TypeError as e:
    print(type(e).__name__, e)
try:
    sum([b"a"], b"")
except TypeError as e:
    print(type(e).__name__, e)
print(sum([1, 2 ** 70, -(2 ** 70)]), sum([True, True]), sum([1j, 1]))
