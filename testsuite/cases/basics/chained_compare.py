calls = []
def v(x):
    calls.append(x)
    return x
print(v(1) < v(2) < v(3))
print(calls)
calls.clear()
print(v(3) < v(2) < v(5))
print(calls)
print(1 < 2 > 0, 1 == 1 == 1.0, 1 < 2 == 2 < 3)
x = 5
print(0 <= x < 10, 0 <= x < 5, x in [5] in [[5]])
o = object()
print(o is not None is not False)
