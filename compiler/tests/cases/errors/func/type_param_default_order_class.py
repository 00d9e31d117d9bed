class C[T, *Ts = *tuple[int], **P]:
    pass
