class Base:
    attr = "base"
    def method(self): return "base method"
class Derived(Base):
    pass
d = Derived()
print(d.attr, d.method())
Base.attr = "changed"
Base.method = lambda self: "patched"
print(d.attr, d.method())
Derived.attr = "derived"
print(d.attr, Base().attr)
del Derived.attr
print(d.attr)
