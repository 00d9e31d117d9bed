print({1, 2, 3}, {3, 2, 1}, set([5]), {0, 10, 20}, frozenset({1, 2}), {(1, 2)}, {None})
s = {1}
print(repr(s), str(s), set())
class R:
    def __repr__(self): return "R"
    def __hash__(self): return 1
print({R()})
