class A:
    def who(self): return "A"
class B:
    def who(self): return "B"
o = A()
o.v = 1
print(o.__dict__, o.who())
o.__class__ = B
print(o.who(), type(o).__name__, o.v)
o.__dict__ = {"w": 2}
print(o.w, hasattr(o, "v"))
try:
    o.__class__ = int
except TypeError as e:
    print(type(e).__name__, e)
try:
    (1).__class__ = bool
except TypeError as e:
    print(type(e).__name__, e)
try:
    o.__dict__ = []
except TypeError as e:
    print(type(e).__name__, e)
