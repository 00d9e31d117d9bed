class Truthy:
    def __bool__(self): return False
class Sized:
    def __init__(self, n): self.n = n
    def __len__(self): return self.n
print(bool(Truthy()), bool(Sized(0)), bool(Sized(3)), not Sized(0), "yes" if Sized(1) else "no")
x = Sized(0) or "fallback"
print(x)
class Both:
    def __bool__(self): print("bool called"); return True
    def __len__(self): print("len called"); return 0
print(bool(Both()))
