print(dict(a=1, b=2), dict([(1, 2)]), dict({1: 2}, x=3), dict(zip([1, 2], "ab")))
print(dict.__name__, type({}) is dict, isinstance({}, dict), dict.fromkeys(range(3), "v"))
