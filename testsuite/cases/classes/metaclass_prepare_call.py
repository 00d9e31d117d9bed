class OrderedMeta(type):
    @classmethod
    def __prepare__(mcls, name, bases, **kw):
        print("prepare", name, kw)
        return {"injected": 42}
    def __new__(mcls, name, bases, ns, **kw):
        return super().__new__(mcls, name, bases, dict(ns))
    def __init__(cls, name, bases, ns, **kw):
        super().__init__(name, bases, ns)
class C(metaclass=OrderedMeta, opt="v"):
    a = injected + 1
print(C.a, C.injected)
class Singleton(type):
    instances = {}
    def __call__(cls, *a, **k):
        if cls not in Singleton.instances:
            print("creating", cls.__name__)
            Singleton.instances[cls] = super().__call__(*a, **k)
        return Singleton.instances[cls]
class S(metaclass=Singleton):
    def __init__(self, v): self.v = v
s1 = S(1)
s2 = S(2)
print(s1 is s2, s1.v)
