class A:
    def __new__(cls, *args):
        print("new", cls.__name__, args)
        inst = super().__new__(cls)
        return inst
    def __init__(self, *args):
        print("init", args)
a = A(1, 2)
class NotSelf:
    def __new__(cls): return 42
    def __init__(self): print("never")
print(NotSelf())
class Cached:
    _inst = None
    def __new__(cls):
        if cls._inst is None:
            cls._inst = super().__new__(cls)
        return cls._inst
print(Cached() is Cached())
try:
    object.__new__(1)
except TypeError as e:
    print(type(e).__name__, e)
class NoArgs: pass
try:
    NoArgs(1)
except TypeError as e:
    print(type(e).__name__, e)
class InitOnly:
    def __init__(self): pass
try:
    InitOnly(1)
except TypeError as e:
    print(type(e).__name__, e)
