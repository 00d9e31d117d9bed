def f():
    for x in y:
        try:
            g()
        finally:
            if x:
                break
    return 0
