for call in [lambda: [].append(), lambda: [].append(1, 2), lambda: [].insert(1), lambda: [].sort(1), lambda: [].extend(1), lambda: [].index()]:
    try:
        call()
    except TypeError as e:
        print(type(e).__name__, e)
l = [1, 2, 3, 2]
print(l.index(2, -2), l.index(2, 0, 2), l.count([]), [[1]].count([1]))
