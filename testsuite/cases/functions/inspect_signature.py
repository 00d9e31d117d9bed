import inspect
def f(a, b=2, /, c=3, *args, d, e=5, **kw) -> int: pass
sig = inspect.signature(f)
print(sig)
for name, p in sig.parameters.items():
    print(name, p.kind.name, p.default is inspect.Parameter.empty)
print(sig.bind(1, d=4).arguments)
try:
    sig.bind()
except TypeError as e:
    print(type(e).__name__, e)
