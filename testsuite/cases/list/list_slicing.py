l = list(range(10))
print(l[2:5], l[:-3], l[::3], l[::-2], l[7:2:-1], l[-100:100], l[5:5], l[slice(None, None, -3)])
l[2:5] = ["a", "b"]
print(l)
l[::2] = [None] * len(l[::2])
print(l)
l[1:1] = [7, 7, 7]
print(l)
del l[::4]
print(l)
try:
    l[::2] = [1]
except ValueError as e:
    print(type(e).__name__, e)
try:
    l[::0]
except ValueError as e:
    print(type(e).__name__, e)
m = [1, 2, 3]
m[len(m):] = [4]
m[:0] = [0]
m[-1:] = "xy"
print(m)
