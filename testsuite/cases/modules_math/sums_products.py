import math
print(math.fsum([0.1] * 10), math.prod([1, 2, 3, 4]), math.prod([]), math.prod([2.5, 2]), math.prod(range(1, 6), start=10))
print(math.sumprod([1, 2, 3], [4, 5, 6]), math.sumprod([0.1] * 10, [1] * 10), math.fsum([1e308, 1e308, -1e308]) if False else "skip")
try:
    math.sumprod([1], [1, 2])
except ValueError as e:
    print(type(e).__name__, e)
try:
    math.fsum([math.inf, -math.inf])
except ValueError as e:
    print(type(e).__name__, e)
