def f[T: (int, str), U: Bound = Default, *Ts = Unpacked, **P = Params]():
    pass
