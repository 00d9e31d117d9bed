import builtins
def body():
    x = 1
    def m(self): return "m"
    return None
def body_ns():
    pass
C = __build_class__(lambda: None, "C")
print(C.__name__, type(C).__name__)
ns_seen = []
def body2():
    global ns_seen
    y = 5
D = builtins.__build_class__(body2, "D", object)
print(D.__name__, D.__bases__, D.__mro__)
class Meta(type):
    def __new__(mcls, name, bases, ns, **kw):
        print("meta", name, kw)
        return super().__new__(mcls, name, bases, ns)
E = __build_class__(lambda: None, "E", metaclass=Meta, flag=1)
print(type(E).__name__)
try:
    __build_class__(5, "X")
except TypeError as e:
    print(type(e).__name__, e)
