for call in [lambda: set(1), lambda: {1}.add(), lambda: {1}.union(1), lambda: {1} < [1], lambda: frozenset(1, 2)]:
    try:
        call()
    except TypeError as e:
        print(type(e).__name__, e)
print({1, 2} == frozenset([1, 2]), {1} != {2}, set("abc") == set("cba"))
