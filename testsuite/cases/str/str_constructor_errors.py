for call in [lambda: str(1, "utf-8"), lambda: str(b"x", 5), lambda: str(b"x", encoding=None), lambda: str("a", "b", "c", "d")]:
    try:
        print(call())
    except TypeError as e:
        print(type(e).__name__, e)
print(str(bytearray(b"ab"), "ascii"), str(memoryview(b"mv"), "utf-8"))
