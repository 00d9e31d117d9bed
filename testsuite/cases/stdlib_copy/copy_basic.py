import copy
class P:
    def __init__(self): self.l = [1, [2]]
p = P(); q = copy.deepcopy(p); q.l[1].append(3); print(p.l, q.l, copy.copy(p).l is p.l)
class C:
    def __init__(self, v): self.v = v
    def __copy__(self): return C("copied")
    def __deepcopy__(self, memo): return C("deep")
print(copy.copy(C(1)).v, copy.deepcopy(C(1)).v, copy.deepcopy([C(1)])[0].v)
a = [1]; b = [a, a]; c = copy.deepcopy(b); print(c[0] is c[1], c[0] is a)
t = (1, [2]); print(copy.copy(t) is t, copy.deepcopy(t) == t, copy.deepcopy(t) is t, copy.deepcopy((1, 2)) is not None)
r = []; r.append(r); rr = copy.deepcopy(r); print(rr[0] is rr, rr is not r)
