class C:
    T = int
    def m(self, x: T) -> "C":
        return x
    def plain(self):
        pass
