d = {}
for key in ["z", "a", "m", "b"]:
    d[key] = len(d)
print(d, list(d))
d.pop("a"); d["a"] = 99
print(list(d.items()))
print({"a": 1, "b": 2} == {"b": 2, "a": 1}, {1: 1} == {1.0: 1}, {1: "x", True: "y"}, {0: 1} == {False: 1})
print(dict(sorted(d.items())), {**d, "z": -1})
