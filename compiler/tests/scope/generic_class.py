class C[T: int, U = str](Base[T]):
    attr: T
    def m(self) -> U:
        return super().m()
