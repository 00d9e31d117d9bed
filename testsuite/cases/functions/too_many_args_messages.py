def zero(): pass
def one(a): pass
def opt(a, b=2): pass
def kwo(a, *, k): pass
class C:
    def m(self, x): pass
for call in [lambda: zero(1), lambda: one(1, 2), lambda: opt(1, 2, 3), lambda: opt(), lambda: kwo(1, 2, k=3), lambda: kwo(1, 2),
             lambda: C().m(1, 2), lambda: C().m(), lambda: C.m(), lambda: zero(x=1), lambda: one(1, a=2), lambda: one(b=1)]:
    try:
        call()
    except TypeError as e:
        print(e)
