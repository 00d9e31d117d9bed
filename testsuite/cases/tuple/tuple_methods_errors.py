for call in [lambda: (1,) + [2], lambda: (1,) * 1.0, lambda: tuple(1), lambda: ().index(1), lambda: (1, 2).count()]:
    try:
        call()
    except (TypeError, ValueError) as e:
        print(type(e).__name__)
print((1, 2, 1).count(1), (1, 2, 3).index(3, 1), (1, 2, 3).index(1, -3))
