class CM:
    def __init__(self, name, suppress=False): self.name, self.suppress = name, suppress
    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()
    def __exit__(self, et, ev, tb):
        print("exit", self.name, et.__name__ if et else None, ev)
        return self.suppress
with CM("a") as v:
    print("body", v)
with CM("b", True):
    raise ValueError("suppressed")
try:
    with CM("c"):
        raise KeyError("k")
except KeyError as e:
    print("escaped", repr(e))
with CM("x") as x, CM("y") as y:
    print(x, y)
def early():
    with CM("r"):
        return "returned"
print(early())
class NotCM: pass
try:
    with NotCM():
        pass
except TypeError as e:
    print(type(e).__name__)
