a = [1, 2]
b = [3]
print(a + b, a * 3, 3 * b, [] * 5, a * -1, a == [1, 2], a != b, a < b, [1, 2, 3] > [1, 2], 2 in a, 5 not in a)
c = a
c += [9]
print(a, c is a)
c *= 2
print(a)
try:
    a + (1,)
except TypeError as e:
    print(type(e).__name__, e)
a += (7, 8)
a += "xy"
print(a)
try:
    [1] * [2]
except TypeError as e:
    print(type(e).__name__, e)
