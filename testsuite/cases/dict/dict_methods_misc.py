d = {"a": 1}
c = d.copy()
c["b"] = 2
print(d, c, d | {"z": 0}, {"a": 0} | d)
d |= {"q": 9}
print(d)
d.clear()
print(d, dict.fromkeys("xyz", []))
print({"a": 1}.__contains__("a"), {"a": 1}.__getitem__("a"), {1: 2}.__len__())
try:
    {} | []
except TypeError as e:
    print(type(e).__name__, e)
