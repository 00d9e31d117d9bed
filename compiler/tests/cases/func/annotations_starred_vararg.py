def f(*args: *Ts) -> None:
    pass
