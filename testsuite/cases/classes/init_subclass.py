registry = []
class Plugin:
    def __init_subclass__(cls, /, name=None, **kw):
        super().__init_subclass__(**kw)
        registry.append((cls.__name__, name))
class A(Plugin, name="alpha"): pass
class B(Plugin): pass
class C(A, name="gamma"): pass
print(registry)
try:
    class D(Plugin, unknown=1): pass
except TypeError as e:
    print(type(e).__name__, e)
try:
    class E(object, arg=1): pass
except TypeError as e:
    print(type(e).__name__, e)
