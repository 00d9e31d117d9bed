f = frozenset([1, 2, 3])
print(sorted(f), len(f), 2 in f, f == {1, 2, 3}, f | {4} == frozenset({1, 2, 3, 4}), type(f | {4}).__name__, type({4} | f).__name__)
print(hash(f) == hash(frozenset([3, 2, 1])), {f: "ok"}[frozenset({1, 2, 3})], frozenset(), repr(frozenset()))
try:
    f.add(1)
except AttributeError as e:
    print(type(e).__name__, e)
print(frozenset([frozenset([1])]), {frozenset(): 1})
print(frozenset({1, 2}) == {1, 2}, sorted(f.copy()), f.copy() is f)
