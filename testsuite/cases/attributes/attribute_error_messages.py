class C:
    pass
for obj, name in [(C(), "nope"), (C, "nope"), (1, "nope"), ("s", "nope"), (None, "nope"), ([], "nope"), (len, "nope")]:
    try:
        getattr(obj, name)
    except AttributeError as e:
        print(type(e).__name__, e, e.name, e.obj is obj)
import math
try:
    math.nope
except AttributeError as e:
    print(type(e).__name__, e)
try:
    del C().x
except AttributeError as e:
    print(type(e).__name__, e)
try:
    (1).real = 2
except AttributeError as e:
    print(type(e).__name__, e)
try:
    "s".upper = None
except AttributeError as e:
    print(type(e).__name__, e)
