class C:
    a: int
    b: str = "b"
    __c: bytes

    if True:
        d: float
