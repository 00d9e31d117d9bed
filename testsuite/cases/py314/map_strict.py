print(list(map(pow, [2, 3], [3, 2], strict=True)))
try:
    list(map(pow, [1, 2], [1], strict=True))
except ValueError as e:
    print(type(e).__name__, e)
try:
    list(map(pow, [1], [1, 2], strict=True))
except ValueError as e:
    print(type(e).__name__, e)
print(list(map(pow, [1, 2], [1])))
