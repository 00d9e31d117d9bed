bases = ()

class C[T](*bases):
    pass
