d = {"a": 1, "b": 2}
d["c"] = 3
d["a"] = 10
print(d, len(d), d["b"], "a" in d, "z" not in d, list(d), d.get("z"), d.get("z", 0), d.get("a"))
del d["b"]
print(d, d.pop("c"), d.pop("zz", "dflt"), d)
print(d.setdefault("a", 5), d.setdefault("n", []), d)
d.update({"x": 1}, y=2)
d.update([("z", 3)])
print(d, d.popitem(), d)
try:
    d["missing"]
except KeyError as e:
    print(type(e).__name__, e, repr(e))
try:
    d.pop("missing")
except KeyError as e:
    print(type(e).__name__, e)
try:
    {}.popitem()
except KeyError as e:
    print(type(e).__name__, e)
