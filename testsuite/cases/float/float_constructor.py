for s in ["1.5", " -2.25 ", "1e3", "1E-3", "inf", "-INF", "Infinity", "nan", "-nan", "1_000.5", ".5", "5.", "0x10" if False else "10"]:
    print(repr(float(s)))
print(float(), float(3), float(True), float(10 ** 20), float("\u0661.\u0662"))
for bad in ["", "abc", "1.2.3", "1__0", "0x10", "nan1", " ", None, [1]]:
    try:
        print(float(bad))
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
class F:
    def __float__(self):
        return 2.5
class I:
    def __index__(self):
        return 7
print(float(F()), float(I()))
