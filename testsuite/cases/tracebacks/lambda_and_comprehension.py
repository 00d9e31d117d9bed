transform = lambda x: 10 / x
values = [transform(v) for v in [5, 2, 0]]
