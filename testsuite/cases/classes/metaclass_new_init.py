log = []
class Meta(type):
    def __new__(mcls, name, bases, ns, **kw):
        log.append(("new", name, sorted(k for k in ns if not k.startswith("__")), kw))
        cls = super().__new__(mcls, name, bases, ns)
        cls.tagged = True
        return cls
    def __init__(cls, name, bases, ns, **kw):
        log.append(("init", name))
        super().__init__(name, bases, ns)
class A(metaclass=Meta, flag=1):
    x = 1
    def m(self): pass
class B(A):
    y = 2
print(log)
print(type(A).__name__, type(B).__name__, A.tagged, B.tagged, isinstance(A, Meta))
