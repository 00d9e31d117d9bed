class P:
    def __init__(self, x): self.x = x
    def __eq__(self, o): return isinstance(o, P) and o.x == self.x
    def __hash__(self): return hash(self.x)
s = {P(1), P(1), P(2)}
print(len(s), P(1) in s, P(3) in s)
class NoHash:
    def __eq__(self, o): return True
try:
    hash(NoHash())
except TypeError as e:
    print(type(e).__name__, e)
print(NoHash.__hash__)
