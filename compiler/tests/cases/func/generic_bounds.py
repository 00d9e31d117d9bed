def f[T: int, S: (str, bytes), *Ts, **P](x: T) -> S:
    pass
