print(sorted(set("banana")), set() == set([]), len(set(range(10))), set([1, 2]) | set([3]) == {1, 2, 3})
