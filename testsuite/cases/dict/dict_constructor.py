print(dict(), dict(a=1), dict([("k", "v")]), dict({"x": 1}, y=2), dict(zip("ab", [1, 2])), dict.fromkeys("ab"), dict.fromkeys([1, 2], 0))
for bad in [lambda: dict([1]), lambda: dict([("a", 1, 2)]), lambda: dict(1), lambda: dict([["a"]])]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
print({i: i * i for i in range(4)}, {k: v for k, v in [("a", 1), ("a", 2)]})
