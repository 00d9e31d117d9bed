def m(x):
    match x:
        case []: return "empty"
        case [0, *_]: return "starts with 0"
        case [*_, 9]: return "ends with 9"
        case [_, [_, inner], _]: return f"nested inner {inner}"
        case (a, b, c): return f"triple {a + b + c}"
        case [*head, last] if last == "end": return f"head {head}"
        case _: return "no match"
for v in [[], [0, 1], (5, 9), [1, [2, 3], 4], (1, 2, 3), ["a", "b", "end"], [1, 2, 3, 4], "abc", range(3), b"ab"]:
    print(repr(v), m(v))
