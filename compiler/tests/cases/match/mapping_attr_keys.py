class Keys:
    A = "a"
    B = "b"

match record:
    case {Keys.A: a, "literal": lit, Keys.B: b, **others}:
        total = (a, lit, b, others)
