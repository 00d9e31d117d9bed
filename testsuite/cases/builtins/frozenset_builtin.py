print(sorted(frozenset("hello")), frozenset() == frozenset([]), len(frozenset(range(100))), frozenset([1]) in {frozenset([1])})
