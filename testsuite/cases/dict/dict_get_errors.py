for call in [lambda: {}.get(), lambda: {}.get(1, 2, 3), lambda: {}.pop(), lambda: {}.setdefault(), lambda: {}.update(1), lambda: {}.fromkeys()]:
    try:
        call()
    except TypeError as e:
        print(type(e).__name__, e)
