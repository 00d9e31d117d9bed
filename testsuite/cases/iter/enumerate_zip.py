print(list(enumerate("abc")), list(enumerate("abc", 10)), list(enumerate([], 5)), list(enumerate("ab", start=-1)))
print(list(zip("abc", [1, 2])), list(zip()), list(zip([1])), list(zip("ab", "cd", "ef")))
print(list(zip([1, 2], "ab", strict=True)))
for args in [([1, 2], [1]), ([1], [1, 2]), ([1], [1], [1, 2, 3])]:
    try:
        list(zip(*args, strict=True))
    except ValueError as e:
        print(type(e).__name__, e)
e = enumerate("xy")
print(next(e), next(e), next(e, None), type(e).__name__)
