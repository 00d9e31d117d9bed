def f():
    v: Unknown = 1
    w: (lambda: v) = 2
    return v
