import operator
print(operator.length_hint([1, 2]), operator.length_hint(iter([1, 2, 3])), operator.length_hint(range(5)), operator.length_hint(5 if False else (x for x in []), 7))
class H:
    def __length_hint__(self): return 4
print(operator.length_hint(H()))
it = iter([1, 2, 3]); next(it)
print(it.__length_hint__())
