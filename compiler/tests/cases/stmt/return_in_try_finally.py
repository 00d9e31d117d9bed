def f():
    try:
        return compute()
    finally:
        cleanup()
