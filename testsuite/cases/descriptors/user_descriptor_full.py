class Typed:
    def __set_name__(self, owner, name):
        self.name = "_" + name
    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.name, None)
    def __set__(self, obj, value):
        if not isinstance(value, int):
            raise TypeError(f"{self.name[1:]} must be int")
        setattr(obj, self.name, value)
    def __delete__(self, obj):
        print("deleting", self.name)
        delattr(obj, self.name)
class P:
    x = Typed()
    y = Typed()
p = P()
p.x = 1
print(p.x, p.y, type(P.x).__name__)
try:
    p.y = "s"
except TypeError as e:
    print(e)
del p.x
print(p.x)
