import math
vals = [0.1] * 10
print(sum(vals), math.fsum(vals), sum(vals) == 1.0, math.fsum(vals) == 1.0)
print(math.fsum([1e100, 1.0, -1e100]), sum([1e100, 1.0, -1e100]))
print(sum([1, 2.5, 3]), sum([], 0.0), sum(range(10), 0.5))
