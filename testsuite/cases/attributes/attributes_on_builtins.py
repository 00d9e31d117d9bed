for obj, name in [(1, "x"), ([], "x"), ("s", "x"), (len, "x"), (object(), "x")]:
    try:
        setattr(obj, name, 1)
    except AttributeError as e:
        print(type(e).__name__, e)
def f(): pass
f.x = 1
print(f.x)
import types
m = types.ModuleType("m")
m.y = 2
print(m.y, m.__name__)
