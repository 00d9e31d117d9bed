class C:
    x: int = 1
    y: list[T]
    def m(self):
        z: Unknown = 3
        return z
