def f[T, *Ts, **P](x: T, *a: *Ts, **k: P.kwargs) -> T:
    return x
def g[T](x=1, *, y=2):
    return x
