class C:
    items = [1, 2, 3]
    doubled = [i * 2 for i in items]
