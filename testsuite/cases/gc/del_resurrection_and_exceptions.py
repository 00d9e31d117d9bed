import gc, sys
seen = []
def hook(unraisable):
    seen.append((type(unraisable.exc_value).__name__, str(unraisable.exc_value)))
sys.unraisablehook = hook
class Bad:
    def __del__(self):
        raise ValueError("error in __del__")
b = Bad()
del b
gc.collect()
print("survived __del__ exception", seen)
saved = []
class Phoenix:
    def __del__(self):
        saved.append(self)
p = Phoenix()
del p
gc.collect()
print(len(saved), type(saved[0]).__name__)
