for call in [lambda: b"abc"[5], lambda: b"abc".index(b"z"), lambda: b"a".decode("ascii", "strict") + b"x",
             lambda: b"abc".split(b""), lambda: b"ab" * 1.5, lambda: b"x".join(["a"]), lambda: b"\xff".decode("ascii")]:
    try:
        print(call())
    except (IndexError, ValueError, TypeError, UnicodeDecodeError) as e:
        print(type(e).__name__, e)
