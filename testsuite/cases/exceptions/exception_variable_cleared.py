try:
    raise ValueError("v")
except ValueError as err:
    pass
try:
    err
except NameError as e:
    print(type(e).__name__, e)
e = "outer"
try:
    raise KeyError
except KeyError as e:
    pass
print("e" in dir())
