class P:
    def __init__(self, x): self.x = x
    def __eq__(self, o): return self.x == o.x
    def __hash__(self): return hash(self.x)
d = {P(1): "one"}
print(d[P(1)], P(1) in {P(1)}, len({P(1), P(1), P(2)}))
