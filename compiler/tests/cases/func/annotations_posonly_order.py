def f(p: int, /, q: str, *, r: bytes) -> None:
    pass
