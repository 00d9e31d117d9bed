class K:
    def __init__(self, v): self.v = v
    def __hash__(self): return hash(self.v)
    def __eq__(self, other): return isinstance(other, K) and self.v == other.v
    def __repr__(self): return f"K({self.v})"
d = {K(1): "one"}
print(d[K(1)], K(1) in d, K(2) in d, d)
d[K(1)] = "uno"
print(len(d), d)
d2 = {1: "int", 1.0: "float", True: "bool"}
print(d2)
d3 = {float("nan"): 1}
print(d3.get(float("nan")), list(d3.values()))
