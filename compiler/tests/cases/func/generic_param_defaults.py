class C[T = int, *Ts = *tuple[int, ...], **P = [int, str]]:
    pass
