def f():
    try:
        return a()
    except ValueError as e:
        return e
    except TypeError:
        return None
