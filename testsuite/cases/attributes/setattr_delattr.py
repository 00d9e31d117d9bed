class Rec:
    def __setattr__(self, name, value):
        print("set", name, value)
        super().__setattr__(name, value)
    def __delattr__(self, name):
        print("del", name)
        super().__delattr__(name)
r = Rec()
r.a = 1
setattr(r, "b", 2)
del r.a
print(vars(r))
class Frozen:
    def __init__(self): object.__setattr__(self, "v", 1)
    def __setattr__(self, n, v): raise AttributeError(f"{type(self).__name__} is frozen")
f = Frozen()
try:
    f.v = 2
except AttributeError as e:
    print(e, f.v)
