d = {"a": 1}
keys = d.keys()
items = d.items()
d["b"] = 2
del d["a"]
print(list(keys), list(items), len(keys))
it = iter(d)
d["c"] = 3
try:
    next(it)
except RuntimeError as e:
    print(type(e).__name__, e)
v = d.values()
print(sorted(v), 3 in v, v.mapping == d)
