g = (x * x for x in range(5))
print(type(g).__name__, list(g), list(g))
print(sum(x for x in range(10) if x % 2), max(len(w) for w in ["a", "abc", "ab"]))
print(list((x, y) for x in range(2) for y in "ab"), "".join(c.upper() for c in "abc"))
lazy_log = []
def src():
    for i in range(3):
        lazy_log.append(i)
        yield i
ge = (v * 10 for v in src())
print(lazy_log, next(ge), lazy_log)
try:
    (x for x in 5)
except TypeError as e:
    print(type(e).__name__, e)
x = 100
ge = (x + i for i in range(2))
x = 200
print(list(ge))
