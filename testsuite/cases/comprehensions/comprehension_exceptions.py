try:
    [1 / x for x in [1, 0]]
except ZeroDivisionError:
    print("ZeroDivisionError in listcomp")
try:
    {k: v for k, v in [(1, 2), (3,)]}
except ValueError as e:
    print(type(e).__name__, e)
try:
    [x for x in 5]
except TypeError as e:
    print(type(e).__name__, e)
