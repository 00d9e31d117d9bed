class C:
    T = int

    def f(self, x: T) -> "C":
        return x
