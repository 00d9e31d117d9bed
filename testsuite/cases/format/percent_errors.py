for fmt, args in [("%d", "x"), ("%s %s", ("a",)), ("%s", ("a", "b")), ("%(k)s", 5), ("%z", 1), ("%c", "ab"),
                  ("%c", 0x110000), ("%(k)s", {}), ("%", ()), ("%x", 1.5), ("%d", None), ("%.2f", "s")]:
    try:
        print(repr(fmt % args))
    except (TypeError, ValueError, KeyError, OverflowError) as e:
        print(repr(fmt), type(e).__name__)
