a = [1, 2]
b = (3, 4)
print([*a, *b], (*a, 5), {*a, *b}, {**{"x": 1}, **{"y": 2}, "x": 3})
print(*a, *"xy", sep="-")
def f(*args, **kw):
    return args, kw
print(f(*a, 9, *b, k=1, **{"z": 2}))
print([*range(3), *[], *"ab"])
t = *a, *b
print(t)
