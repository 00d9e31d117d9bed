def m(x):
    match x:
        case [a]: return f"one {a}"
        case [a, b]: return f"two {a} {b}"
        case [a, *rest]: return f"many {a} {rest}"
        case other: return f"other {other!r}"
for v in [[1], (1, 2), [1, 2, 3], [], "ab", {"k": 1}]:
    print(repr(v), m(v))
