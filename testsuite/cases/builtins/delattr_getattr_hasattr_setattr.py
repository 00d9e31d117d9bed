class O:
    cls_attr = "c"
o = O()
setattr(o, "a", 1)
print(getattr(o, "a"), getattr(o, "missing", "dflt"), getattr(o, "cls_attr"), hasattr(o, "a"), hasattr(o, "nope"))
delattr(o, "a")
print(hasattr(o, "a"))
try:
    getattr(o, "a")
except AttributeError as e:
    print(type(e).__name__, e)
try:
    delattr(o, "a")
except AttributeError as e:
    print(type(e).__name__, e)
try:
    getattr(o, 5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    setattr(1, "x", 2)
except AttributeError as e:
    print(type(e).__name__, e)
setattr(o, "with space", 3)
print(getattr(o, "with space"), vars(o))
