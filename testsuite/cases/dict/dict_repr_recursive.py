d = {"self": None}
d["self"] = d
print(d)
d2 = {1: [1, {2: (3,)}], "s": 'q"uote', None: ...}
print(d2, repr({}), str({"a": {}}))
