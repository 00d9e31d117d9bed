import gc
print(gc.isenabled())
gc.disable()
print(gc.isenabled())
gc.enable()
print(gc.isenabled())
print(type(gc.collect()).__name__, type(gc.collect(0)).__name__, type(gc.collect(2)).__name__)
c = gc.get_count()
print(type(c).__name__, len(c), all(type(x) is int for x in c))
t = gc.get_threshold()
print(type(t).__name__, len(t) >= 1)
gc.set_threshold(500)
print(gc.get_threshold()[0])
try:
    gc.collect(5)
except ValueError as e:
    print(type(e).__name__, e)
