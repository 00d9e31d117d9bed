class C:
    T = [int]
    x: [t for t in T]
    def m(self, a: [u for u in T]):
        pass
