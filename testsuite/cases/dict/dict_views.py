d = {"a": 1, "b": 2, "c": 3}
k, v, i = d.keys(), d.values(), d.items()
print(k, v, i, len(k), "a" in k, 2 in v, ("a", 1) in i, ("a", 2) in i)
d["d"] = 4
print(list(k), list(v), list(i))
print(k & {"a", "z"} == {"a"}, sorted(k | {"z"}), sorted(k - {"a"}), sorted(k ^ {"a", "q"}), k == {"a", "b", "c", "d"})
print(sorted(i & {("a", 1)}), k.isdisjoint(["x"]), list(reversed(k)), list(reversed(d.values())))
print(type(k).__name__, type(v).__name__, type(i).__name__, k.mapping["a"])
print(d.keys() == d.keys(), d.values() == d.values())
