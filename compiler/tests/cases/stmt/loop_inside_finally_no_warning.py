def f():
    try:
        pass
    finally:
        for x in y:
            if x:
                break
            continue
        def g():
            return 1
