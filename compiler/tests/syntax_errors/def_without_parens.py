def f: int
