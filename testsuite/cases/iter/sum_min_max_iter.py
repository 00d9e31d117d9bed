print(sum(x for x in range(5)), min(iter([3, 1, 2])), max("abc", key=ord), min([], default="none"), max([1, 2], default=0))
print(min(3, 1, 2, key=lambda x: -x), max([(1, "b"), (1, "a")]), min([[2], [1, 5]]))
for call in [lambda: min([]), lambda: max(), lambda: max(1), lambda: min(1, 2, default=0), lambda: sum(["a", "b"], "")]:
    try:
        call()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
