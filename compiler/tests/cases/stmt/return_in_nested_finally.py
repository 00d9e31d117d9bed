def f():
    try:
        try:
            return 1
        finally:
            inner()
    finally:
        outer()
