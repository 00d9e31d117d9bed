def make():
    raise RuntimeError("evaluated eagerly")
try:
    g = (x for x in make())
except RuntimeError as e:
    print("first iterable evaluated at creation:", e)
def lazy():
    raise RuntimeError("lazy")
g = (y for x in [1] for y in lazy())
print("creation ok")
try:
    next(g)
except RuntimeError as e:
    print("inner iterable lazy:", e)
