class Money:
    def __init__(self, v):
        self.v = v
    def __format__(self, spec):
        if spec == "usd":
            return f"${self.v:.2f}"
        return format(self.v, spec)
m = Money(3.5)
print(f"{m:usd}", f"{m}", f"{m:>8.1f}", format(m, "usd"), "{:usd}".format(m))
class Bad:
    def __format__(self, spec):
        return 5
try:
    format(Bad())
except TypeError as e:
    print(type(e).__name__, e)
class Plain:
    def __str__(self):
        return "plain"
print(format(Plain()), f"{Plain()}", f"{Plain()!s:>7}")
try:
    format(Plain(), "x")
except TypeError as e:
    print(type(e).__name__, e)
