for k in ["a", 1, (1, 2), None, "", "x'y"]:
    e = KeyError(k)
    print(repr(e), str(e))
try:
    {"a": 1}[("t",)]
except KeyError as e:
    print(e)
