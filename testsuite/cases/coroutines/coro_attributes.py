import inspect
async def c(): return 1
co = c()
print(inspect.getcoroutinestate(co), co.cr_running, co.cr_await, co.cr_code.co_name)
try:
    co.send(None)
except StopIteration:
    pass
print(inspect.getcoroutinestate(co), co.cr_frame)
print(inspect.iscoroutine(co), inspect.isawaitable(co), hasattr(co, "__await__"))
it = co.__await__()
print(type(it).__name__)
