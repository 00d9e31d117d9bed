print((1, 2) < (1, 3), (1, 2) < (1, 2, 0), (2,) > (1, 9), () < (0,), (1, 2) == (1, 2), (1, 2) == [1, 2])
print(hash((1, 2)) == hash((1, 2)), hash(()) == hash(()), hash((1, (2, 3))) == hash((1, (2, 3))))
print(hash((1, 2)), hash(()), hash((1,)), hash((-1, -2)))
try:
    hash((1, [2]))
except TypeError as e:
    print(type(e).__name__, e)
d = {(1, 2): "a", (1, (2,)): "b"}
print(d[(1, 2)], d[1, (2,)])
