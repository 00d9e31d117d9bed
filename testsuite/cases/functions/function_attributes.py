def outer():
    def inner(a, b=1, *args, c, **kw):
        "inner doc"
        x = a + b
        return x
    return inner
f = outer()
print(f.__name__, f.__qualname__, f.__doc__, f.__module__, f.__defaults__, f.__kwdefaults__)
co = f.__code__
print(co.co_name, co.co_argcount, co.co_posonlyargcount, co.co_kwonlyargcount, co.co_varnames[:6], co.co_nlocals)
print(co.co_qualname, co.co_filename.endswith("function_attributes.py"), co.co_firstlineno, type(co.co_code).__name__)
f.custom = "attr"
print(f.custom, f.__dict__, outer.__qualname__)
class K:
    def m(self): pass
    class N:
        def deep(self): pass
print(K.m.__qualname__, K.N.deep.__qualname__, (lambda: 0).__qualname__, K.N.__qualname__)
f.__name__ = "renamed"
print(f.__name__, f.__qualname__)
try:
    f.__name__ = 5
except TypeError as e:
    print(type(e).__name__, e)
