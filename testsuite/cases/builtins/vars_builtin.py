class O:
    def __init__(self): self.a = 1; self.b = 2
o = O()
print(vars(o), vars(o) is o.__dict__)
try:
    vars(5)
except TypeError as e:
    print(type(e).__name__, e)
def f():
    z = 1
    return vars()
print(f())
import types
m = types.SimpleNamespace(x=1)
print(vars(m), m)
