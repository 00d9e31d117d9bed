import sys
mod = sys.modules[__name__]
top = "top-level"
print(getattr(mod, "top"), mod.__name__, hasattr(mod, "nothing"))
def __getattr__(name):
    return "module getattr " + name
print(getattr(mod, "dynamic"))
class M(type):
    def __getattr__(cls, name): return "meta " + name
class K(metaclass=M): pass
print(K.whatever, getattr(K, "x"))
try:
    K().whatever
except AttributeError as e:
    print(type(e).__name__, e)
