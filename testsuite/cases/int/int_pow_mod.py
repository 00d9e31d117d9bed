print(pow(2, 10), pow(2, 10, 1000), pow(-2, 3), pow(2, -2), pow(3, 4, -5))
print(pow(3, -1, 7), pow(38, -1, 97), pow(2, 0, 1))
try:
    pow(2, -1, 4)
except ValueError as e:
    print(type(e).__name__, e)
try:
    pow(2, 3, 0)
except ValueError as e:
    print(type(e).__name__, e)
try:
    pow(2.0, 3, 5)
except TypeError as e:
    print(type(e).__name__, e)
print(2 ** 200 % 1000007, pow(7, 10 ** 18, 13))
