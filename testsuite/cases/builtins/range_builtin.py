print(list(range(3)), list(range(1, 4)), list(range(10, 0, -3)), range(5)[::2], range(3).index(2))
try:
    range()
except TypeError as e:
    print(type(e).__name__, e)
try:
    range(1, 2, 3, 4)
except TypeError as e:
    print(type(e).__name__, e)
try:
    range("1")
except TypeError as e:
    print(type(e).__name__, e)
