class R:
    def __repr__(self): return "R()"
    def __str__(self): return "r-str"
r = R()
print(f"{r}", f"{r!r}", f"{r!s}", f"{r!a}", f"{'ü'!a}", f"{r!r:>8}", f"{[r]}", f"{(r,)!s}")
x = 10
print(f"{x = }", f"{x=:#x}", f"{x=!s}", f"{r=}", f"{ x = }")
