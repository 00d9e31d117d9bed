l = [1, 2]
l.append(l)
print(l, repr(l))
d = {"a": 1}
d["self"] = d
print(d)
t = ([],)
t[0].append(t)
print(t)
a, b = [], []
a.append(b); b.append(a)
print(a, b)
dd = {}
ll = [dd]
dd["l"] = ll
print(dd, ll)
s = set()
class H:
    def __init__(self, c): self.c = c
    def __repr__(self): return f"H({self.c!r})"
    def __hash__(self): return 0
h = H(None)
h.c = [h]
print(h)
