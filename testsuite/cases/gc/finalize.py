import gc, weakref
class R: pass
log = []
r = R()
f = weakref.finalize(r, log.append, "finalized")
print(f.alive)
del r
gc.collect()
print(log, f.alive)
r2 = R()
f2 = weakref.finalize(r2, log.append, "explicit")
f2()
f2()
print(log, f2.alive)
