print(1 + 2.5, 3 * 0.5, 7 / 2, 7 // 2.0, 7 % 2.5, 2 ** 0.5)
print(1 == 1.0, 2 ** 53 + 1 == float(2 ** 53 + 1), 2 ** 53 == 2.0 ** 53)
print(10 ** 30 < 1e31, 10 ** 30 > 1e29, 10 ** 400 > 1e308)
print(-7 // 2.0, -7 % 2.0, 7 % -2.0)
print(True + True, True * 3.5, False - 1)
print(1 / 3, 2 / 3, 10 / 4, 1e300 * 1e10)
try:
    float(10 ** 400)
except OverflowError as e:
    print(type(e).__name__, e)
try:
    10 ** 400 / 1
except OverflowError as e:
    print(type(e).__name__, e)
print(10 ** 400 // 10 ** 399)
