def f[T](a: T, b=1, *, c=2) -> T:
    return a
