print("abc"[True], [1, 2, 3][-1], (4, 5)[1])
print(int.__index__(5), (5).__index__(), operator_like := 3)
import operator
print(operator.index(7), operator.index(True))
try:
    operator.index(1.5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    idx = 1.0
    [1, 2][idx]
except TypeError as e:
    print(type(e).__name__, e)
print(range(10)[2**3], "x" * True)
