class _Private__:
    def f(self, __arg=1, *, __kw=2):
        return __arg + __kw
