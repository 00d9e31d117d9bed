t = ((1, 2), (3, (4, 5)))
(a, b), (c, (d, e)) = t
print(a, b, c, d, e)
x = 1,
print(x, type(x).__name__, len(x))
def f():
    return 1, 2, 3
r = f()
print(r, type(r).__name__)
print(tuple([1, [2, 3]]), ((1, 2),) * 2)
t = (1, [2])
t[1].append(3)
print(t)
try:
    t[1] += [4]
except TypeError as e:
    print(type(e).__name__, e)
print(t)
