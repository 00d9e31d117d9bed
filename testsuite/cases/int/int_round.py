for n in [1234, -1234, 1250, 1350, -1250, 15, 25]:
    print(n, round(n), round(n, 1), round(n, -1), round(n, -2), round(n, -5))
print(type(round(5, 2)).__name__, round(10 ** 20 + 5 * 10 ** 18, -19))
import math
print(math.floor(5), math.ceil(-5), math.trunc(7), int.__trunc__(9), int.__floor__(3))
