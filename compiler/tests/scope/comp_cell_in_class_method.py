class C:
    def m(self, xs):
        return [lambda: (x, self) for x in xs]
