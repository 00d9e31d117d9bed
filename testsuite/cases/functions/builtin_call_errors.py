for call in [lambda: len(), lambda: len(1, 2), lambda: abs(x=1), lambda: isinstance(1), lambda: "x".split(1, 2, 3), lambda: divmod(1), lambda: getattr(1), lambda: sorted([], reverse=1, key=None, extra=2)]:
    try:
        call()
    except TypeError as e:
        print(e)
