import inspect
def plain(): pass
def gen(): yield
async def coro(): pass
async def agen(): yield
def varargs(*a, **k): pass
for f in [plain, gen, coro, agen, varargs]:
    co = f.__code__
    print(f.__name__, bool(co.co_flags & inspect.CO_GENERATOR), bool(co.co_flags & inspect.CO_COROUTINE), bool(co.co_flags & inspect.CO_ASYNC_GENERATOR), bool(co.co_flags & inspect.CO_VARARGS), bool(co.co_flags & inspect.CO_VARKEYWORDS))
print(inspect.isgeneratorfunction(gen), inspect.iscoroutinefunction(coro), inspect.isasyncgenfunction(agen), inspect.isfunction(plain), inspect.isbuiltin(len))
