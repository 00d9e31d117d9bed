class Desc:
    def __get__(self, obj, typ):
        return ("Desc", obj is None, typ.__name__)
class Base:
    d = Desc()
class Sub(Base): pass
print(Sub.d, Sub().d, Base.d)
class Override(Sub):
    d = "plain"
print(Override().d, Override.d)
