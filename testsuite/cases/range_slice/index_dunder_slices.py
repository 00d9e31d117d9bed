class I:
    def __init__(self, v): self.v = v
    def __index__(self): return self.v
l = list(range(10))
print(l[I(2):I(5)], l[I(-1)], "abcdef"[I(1)::I(2)], range(10)[I(3)], l[I(1):I(9):I(3)])
try:
    l["a":]
except TypeError as e:
    print(type(e).__name__, e)
