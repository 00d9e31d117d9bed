for v in [0.0, 1.9, -1.9, 1e18, 1e19, 2.0 ** 63, -2.0 ** 63, 1.5e300]:
    print(int(v), int(v) == v)
import math
for v in [2.5, -2.5, 3.7, -3.7]:
    print(math.floor(v), math.ceil(v), math.trunc(v), round(v))
print(float(2 ** 53 + 1), float(2 ** 53 + 3), float(-(2 ** 60) - 1))
print(float(10 ** 308), 10 ** 308 / 10 ** 300, (10 ** 400) / (10 ** 399))
