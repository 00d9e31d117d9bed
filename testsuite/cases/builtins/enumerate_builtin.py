e = enumerate(["a", "b"], start=5)
print(list(e), list(enumerate("")), list(enumerate(range(3), -2)))
try:
    enumerate(5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    enumerate([], "x")
except TypeError as e:
    print(type(e).__name__, e)
print(list(enumerate("ab", 10 ** 20)))
