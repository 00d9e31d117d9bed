def f():
    try:
        a()
    except* ValueError:
        return value
