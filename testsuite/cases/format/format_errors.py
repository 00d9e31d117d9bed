cases = [(1.5, "d"), (1, "s"), ("x", "d"), (1, ".2"), (1, "=c"), (-1, "c"), (1, "+c"), ("s", "+"), (1.0, "c"),
         (1, ",b"), ([], "x"), (object(), "5")]
for value, spec in cases:
    try:
        print(repr(format(value, spec)))
    except (ValueError, TypeError, OverflowError) as e:
        print(type(e).__name__, e)
