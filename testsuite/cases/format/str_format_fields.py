class P:
    x = 1
    y = [10, 20]
    def __format__(self, spec):
        return f"P<{spec}>"
p = P()
print("{0.x} {0.y[1]} {0:abc} {1!r:^7}|".format(p, "s"))
print("{a}{b}{a}".format(a=1, b=2), "{0}{1}{0}".format("x", "y"), "{:{}{}}".format(3.14159, ".", 2))
print("{0:{1}}".format("w", 6) + "|", "{:>{w}}".format("r", w=4), "{!s:5}|".format(None))
for bad in ["{", "}", "{0", "{!x}", "{:", "{0}{}", "{}{0}", "{a}", "{1}", "{0[}", "{0.}"]:
    try:
        print(repr(bad.format("A")))
    except (ValueError, KeyError, IndexError, AttributeError) as e:
        print(repr(bad), type(e).__name__, e)
print("{0[1]}".format("xyz"), "{0[-1]}".format({"-1": "str-key"}))
