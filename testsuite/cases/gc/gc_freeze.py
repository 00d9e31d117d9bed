import gc
gc.collect()
junk = [[i] for i in range(100)]
gc.freeze()
print(gc.get_freeze_count() > 0)
gc.unfreeze()
print(gc.get_freeze_count())
