inf = float("inf")
print(inf + 1, inf - inf, inf * 0, -inf * -1, 1 / inf, inf / inf)
print(1e308 + 1e308, -1e308 * 10, 1e-320 / 10, 5e-324 / 2)
print(2.0 ** 1023 * 2, (-8.0) ** (1 / 3) if False else "skip")
try:
    2.0 ** 10000
except OverflowError as e:
    print(type(e).__name__, e)
try:
    (-8.0) ** 0.5
except ValueError as e:
    print(type(e).__name__, e)
print(type((-8.0) ** 0.5).__name__ if False else (-8) ** 0.5)
try:
    0.0 ** -1
except ZeroDivisionError as e:
    print(type(e).__name__)
print(0.0 ** 0, inf ** 0, 1 ** inf, (-1) ** inf, 2 ** -inf)
