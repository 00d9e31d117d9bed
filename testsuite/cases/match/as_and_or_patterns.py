def m(x):
    match x:
        case [1, (2 | 3) as second]: return f"second={second}"
        case (0 | 1) as bit: return f"bit {bit}"
        case [("a" | "b") as letter, *_] as whole: return f"{letter} in {whole}"
        case str(s) as orig if len(s) > 3: return f"long {orig}"
        case _: return "nope"
for v in [[1, 3], 0, 1, ["b", "c"], "long string", "ab"]:
    print(m(v))
