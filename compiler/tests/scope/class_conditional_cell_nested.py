def f():
    class C:
        if cond:
            x: int
        def m(self):
            return __class__
    return C
