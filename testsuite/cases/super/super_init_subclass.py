class A:
    def __init_subclass__(cls, **kw):
        print("A.__init_subclass__", cls.__name__, kw)
        super().__init_subclass__()
class B(A):
    def __init_subclass__(cls, **kw):
        print("B.__init_subclass__", cls.__name__)
        super().__init_subclass__(**kw)
class C(B, tag=1): pass
