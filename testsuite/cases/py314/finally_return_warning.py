def f():
    try:
        raise ValueError("swallowed")
    finally:
        return "from finally"
print(f())
