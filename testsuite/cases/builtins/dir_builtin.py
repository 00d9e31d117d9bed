class A:
    x = 1
    def m(self): pass
a = A()
a.y = 2
names = [n for n in dir(a) if not n.startswith("__")]
print(names)
print([n for n in dir(A) if not n.startswith("__")])
class Custom:
    def __dir__(self): return ["zeta", "alpha"]
print(dir(Custom()))
import math
print("sqrt" in dir(math), "__name__" in dir(math), sorted(dir([]))[-5:])
def f():
    local_one = 1
    return dir()
print(f())
