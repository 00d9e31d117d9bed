import gc
a = [1, "two"]
b = {"k": a}
print(a in gc.get_referents(b), gc.is_tracked(a), gc.is_tracked(1), gc.is_tracked("s"))
