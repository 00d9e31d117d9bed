class P:
    def __repr__(self): return "P-repr"
    def __str__(self): return "P-str"
    def __format__(self, spec): return f"P-format[{spec}]"
p = P()
print(p, str(p), repr(p), f"{p}", f"{p!r}", f"{p!s}", f"{p:abc}", format(p, "x"), "%s %r" % (p, p), [p], (p,), {"k": p})
class OnlyRepr:
    def __repr__(self): return "OR"
print(str(OnlyRepr()), f"{OnlyRepr()}", format(OnlyRepr(), ""))
