import inspect, functools
def f(a, b: int = 2, *args, c, d=4, **kw) -> str: pass
print(inspect.signature(f), list(inspect.signature(f).parameters))
class C:
    def __init__(self, x, y=1): pass
    def m(self, z): pass
    @staticmethod
    def s(q): pass
print(inspect.signature(C), inspect.signature(C(1).m), inspect.signature(C.m), inspect.signature(C.s))
print(inspect.signature(functools.partial(f, 1, c=3)))
def deco(fn):
    @functools.wraps(fn)
    def w(*a, **k): return fn(*a, **k)
    return w
@deco
def g(p, q=0): pass
print(inspect.signature(g), inspect.unwrap(g) is g.__wrapped__)
ba = inspect.signature(f).bind(1, 2, 3, c=5, e=6)
print(ba.arguments, ba.args, ba.kwargs)
ba = inspect.signature(g).bind(1); ba.apply_defaults(); print(ba)
for call in [lambda: inspect.signature(f).bind(), lambda: inspect.signature(g).bind(1, 2, 3), lambda: inspect.signature(g).bind(1, r=2), lambda: inspect.signature(g).bind(1, p=2)]:
    try:
        call()
    except TypeError as e:
        print(e)
print(inspect.isfunction(f), inspect.isclass(C), inspect.ismethod(C(1).m), inspect.ismodule(inspect), inspect.isbuiltin(len), inspect.isroutine(len))
def gen(): yield 1
async def co(): pass
print(inspect.isgeneratorfunction(gen), inspect.isgenerator(gen()), inspect.iscoroutinefunction(co), inspect.iscoroutinefunction(f))
print([n for n, v in inspect.getmembers(C, inspect.isfunction)], inspect.getdoc(C), inspect.cleandoc("  a\n    b\n  c"))
print(inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.KEYWORD_ONLY.description, inspect.Parameter("x", inspect.Parameter.KEYWORD_ONLY, default=3))
