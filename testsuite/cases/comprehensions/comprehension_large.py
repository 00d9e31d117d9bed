squares = [i * i for i in range(100000)]
print(len(squares), squares[-1], sum(squares) % 1000003)
d = {i: i % 7 for i in range(10000)}
print(len(d), sum(d.values()), len({v for v in d.values()}))
